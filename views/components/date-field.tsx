export interface DateFieldProps {
  // Prefix of the three field names: `${name}-day`, `${name}-month`, `${name}-year`.
  name: string;
  legend: string;
  hint: string;
  // Message shown above the three inputs, saying how to fix the date.
  error?: string;
  // What the person typed, shown again after a failed submission.
  value: { day: string; month: string; year: string };
}

/**
 * Renders a date as three labelled number inputs (day, month, year) in a fieldset, the pattern
 * that works on every phone without a date picker. ErrorSummary links to `#${name}-day`.
 *
 *     <fieldset class="field" aria-describedby="dob-hint">
 *       <legend>Date of birth</legend> ... <input id="dob-day" name="dob-day" ...>
 *     </fieldset>
 */
export function DateField(props: DateFieldProps) {
  const hintId = `${props.name}-hint`;
  const errorId = props.error ? `${props.name}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ');
  const parts = [
    { key: 'day', label: 'Day', autocomplete: 'bday-day', size: 2 },
    { key: 'month', label: 'Month', autocomplete: 'bday-month', size: 2 },
    { key: 'year', label: 'Year', autocomplete: 'bday-year', size: 4 },
  ] as const;

  return (
    <fieldset class={props.error ? 'field field-error' : 'field'} aria-describedby={describedBy}>
      <legend>{props.legend}</legend>
      <p id={hintId} class="hint">
        {props.hint}
      </p>
      {props.error && (
        <p id={errorId} class="field-message">
          <span class="visually-hidden">Error:</span> {props.error}
        </p>
      )}
      {parts.map((part) => (
        <span class="date-part">
          <label for={`${props.name}-${part.key}`}>{part.label}</label>{' '}
          <input
            id={`${props.name}-${part.key}`}
            name={`${props.name}-${part.key}`}
            type="text"
            inputmode="numeric"
            autocomplete={part.autocomplete}
            size={part.size}
            maxlength={part.size}
            value={props.value[part.key]}
            aria-invalid={props.error ? 'true' : undefined}
          />{' '}
        </span>
      ))}
    </fieldset>
  );
}
