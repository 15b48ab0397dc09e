export interface TextFieldProps {
  // Form field name, also used as the input id that ErrorSummary links to.
  name: string;
  label: string;
  hint?: string;
  // Message shown beside the field, saying how to fix the value.
  error?: string;
  // Value the person typed, shown again after a failed submission.
  value?: string;
  type?: 'text' | 'email' | 'tel';
  autocomplete?: string;
  inputmode?: 'text' | 'email' | 'numeric' | 'tel';
  // Extra class on the input, for example "code" for a short one-time code field.
  inputClass?: string;
}

/**
 * Renders a labelled text input with an optional hint and an error message above it.
 *
 *     <div class="field field-error">
 *       <label for="email">Email address</label>
 *       <p id="email-error" class="field-message"><span class="visually-hidden">Error:</span> ...</p>
 *       <input id="email" name="email" type="email" value="..." aria-invalid="true" ...>
 *     </div>
 */
export function TextField(props: TextFieldProps) {
  return (
    <div class={props.error ? 'field field-error' : 'field'}>
      <FieldLabel {...props} />
      <input
        id={props.name}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        class={props.inputClass}
        spellcheck={false}
        aria-describedby={fieldDescribedBy(props)}
        aria-invalid={props.error ? 'true' : undefined}
      />
    </div>
  );
}

/** Label, hint and error message of a single-control field, shared by the text inputs. */
export interface FieldLabelProps {
  name: string;
  label: string;
  hint?: string;
  error?: string;
}

/** Renders a field's label, then its hint and error message when present. */
export function FieldLabel(props: FieldLabelProps) {
  return (
    <>
      <label for={props.name}>{props.label}</label>
      {props.hint && (
        <p id={`${props.name}-hint`} class="hint">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={`${props.name}-error`} class="field-message">
          <span class="visually-hidden">Error:</span> {props.error}
        </p>
      )}
    </>
  );
}

/** Returns the ids of the hint and error that FieldLabel renders, for aria-describedby. */
export function fieldDescribedBy(props: FieldLabelProps): string | undefined {
  const ids = [props.hint && `${props.name}-hint`, props.error && `${props.name}-error`];
  return ids.filter(Boolean).join(' ') || undefined;
}
