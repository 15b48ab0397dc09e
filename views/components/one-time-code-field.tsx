import type { FormError } from '../models.ts';
import { errorFor } from './error-summary.tsx';
import { TextField } from './text-field.tsx';

/**
 * Renders the field for a 6-digit one-time code, named `code`, with its error from `errors`.
 * It is never filled in again after a failed submission: a code that failed is not worth keeping.
 *
 *     <OneTimeCodeField errors={model.errors} label="Enter the 6-digit code from the email" />
 */
export function OneTimeCodeField({
  errors,
  label = 'Enter the 6-digit code',
}: {
  errors: FormError[];
  label?: string;
}) {
  return (
    <TextField
      name="code"
      label={label}
      hint="For example, 123456"
      autocomplete="one-time-code"
      inputmode="numeric"
      inputClass="code"
      error={errorFor(errors, 'code')}
    />
  );
}
