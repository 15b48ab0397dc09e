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
  const hintId = props.hint ? `${props.name}-hint` : undefined;
  const errorId = props.error ? `${props.name}-error` : undefined;

  return (
    <div class={props.error ? 'field field-error' : 'field'}>
      <label for={props.name}>{props.label}</label>
      {props.hint && (
        <p id={hintId} class="hint">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={errorId} class="field-message">
          <span class="visually-hidden">Error:</span> {props.error}
        </p>
      )}
      <textarea
        id={props.name}
        name={props.name}
        rows={props.rows ?? 4}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        aria-invalid={props.error ? 'true' : undefined}
      >
        {props.value ?? ''}
      </textarea>
    </div>
  );
}
