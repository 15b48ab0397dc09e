import { z } from 'zod';

/**
 * Builds the schema of a typed 6-digit one-time code. Spaces and dashes are dropped first, so a
 * code copied as "123 456" or "123-456" still counts. `emptyMessage` names where the code came
 * from, for example 'Enter the 6-digit code from the email'.
 */
export function sixDigitCodeSchema(emptyMessage: string) {
  return z
    .string()
    .transform((value) => value.replace(/[\s-]/g, ''))
    .pipe(
      z
        .string()
        .min(1, emptyMessage)
        .regex(/^\d{6}$/, 'The code must be 6 digits, like 123456'),
    );
}

/**
 * Builds the schema of a typed email address. `emptyMessage` is the error shown when the field
 * is empty and names whose address is expected, for example 'Enter your email address'.
 */
export function emailAddressSchema(emptyMessage: string) {
  return z
    .string()
    .trim()
    .min(1, emptyMessage)
    .max(254, 'Enter an email address of 254 characters or fewer')
    .pipe(z.email('Enter an email address in the correct format, like name@example.org'));
}
