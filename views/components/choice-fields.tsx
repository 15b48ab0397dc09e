export interface Choice {
  value: string;
  label: string;
}

/**
 * Renders radio buttons or checkboxes in a fieldset whose legend asks the question, with an
 * error message above the choices. The first input carries `id={name}`, so ErrorSummary's link
 * to `#{name}` moves focus to the group.
 *
 *     <div class="field field-error">
 *       <fieldset aria-describedby="reason-error">
 *         <legend>Why do you need this chart?</legend>
 *         <p id="reason-error" class="field-message">...</p>
 *         <div class="choice"><input id="reason" type="radio" ...><label for="reason">...</label></div>
 *       </fieldset>
 *     </div>
 */
export function ChoiceGroup({
  type,
  name,
  legend,
  hint,
  choices,
  checked,
  error,
}: {
  type: 'radio' | 'checkbox';
  name: string;
  legend: string;
  hint?: string;
  choices: Choice[];
  // Values to show as chosen, for example what the person picked before a failed submission.
  checked: string[];
  error?: string;
}) {
  const hintId = hint ? `${name}-hint` : undefined;
  const errorId = error ? `${name}-error` : undefined;

  return (
    <div class={error ? 'field field-error' : 'field'}>
      <fieldset aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}>
        <legend>{legend}</legend>
        {hint && (
          <p id={hintId} class="hint">
            {hint}
          </p>
        )}
        {error && (
          <p id={errorId} class="field-message">
            <span class="visually-hidden">Error:</span> {error}
          </p>
        )}
        {choices.map((choice, index) => {
          const id = index === 0 ? name : `${name}-${choice.value}`;
          return (
            <div class="choice">
              <input
                id={id}
                name={name}
                type={type}
                value={choice.value}
                checked={checked.includes(choice.value)}
              />
              <label for={id}>{choice.label}</label>
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

/**
 * Renders one checkbox that confirms a statement, such as "I checked the legal documents".
 * The input carries `id={name}` for ErrorSummary's link.
 */
export function ConfirmCheckbox({
  name,
  label,
  checked,
  error,
}: {
  name: string;
  label: string;
  checked: boolean;
  error?: string;
}) {
  const errorId = error ? `${name}-error` : undefined;

  return (
    <div class={error ? 'field field-error' : 'field'}>
      {error && (
        <p id={errorId} class="field-message">
          <span class="visually-hidden">Error:</span> {error}
        </p>
      )}
      <div class="choice">
        <input
          id={name}
          name={name}
          type="checkbox"
          value="yes"
          checked={checked}
          aria-describedby={errorId}
          aria-invalid={error ? 'true' : undefined}
        />
        <label for={name}>{label}</label>
      </div>
    </div>
  );
}
