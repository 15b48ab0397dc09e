import type { FormError } from '../models.ts';
import { errorFor } from './error-summary.tsx';
import { TextField } from './text-field.tsx';

/**
 * Renders the "Email address" field, named `email`, keeping what the person typed.
 *
 *     <EmailAddressField value={model.email} errors={model.errors} />
 */
export function EmailAddressField({ value, errors }: { value: string; errors: FormError[] }) {
  return (
    <TextField
      name="email"
      type="email"
      label="Email address"
      autocomplete="email"
      value={value}
      error={errorFor(errors, 'email')}
    />
  );
}
