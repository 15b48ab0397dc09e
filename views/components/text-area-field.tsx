import { FieldLabel, fieldDescribedBy } from './text-field.tsx';

/**
 * Renders a labelled multi-line text input with an optional hint and an error message above it,
 * like TextField. The textarea carries `id={name}` for ErrorSummary's link.
 *
 *     <div class="field">
 *       <label for="details">Describe the reason</label>
 *       <textarea id="details" name="details" rows="4">...</textarea>
 *     </div>
 */
export function TextAreaField(props: {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  value?: string;
  rows?: number;
}) {
  return (
    <div class={props.error ? 'field field-error' : 'field'}>
      <FieldLabel {...props} />
      <textarea
        id={props.name}
        name={props.name}
        rows={props.rows ?? 4}
        aria-describedby={fieldDescribedBy(props)}
        aria-invalid={props.error ? 'true' : undefined}
      >
        {props.value ?? ''}
      </textarea>
    </div>
  );
}
