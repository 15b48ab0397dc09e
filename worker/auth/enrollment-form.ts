import type { FormError } from '../../views/models.ts';
import type { EnrollModel } from '../../views/pages/enroll.tsx';
import { normalizeActivationCode } from './enrollment-codes.ts';
import type { EnrollmentDetails } from './enrollment-match.ts';

const MAX_LAST_NAME_LENGTH = 100;

/** Reads the enrollment form into what the page shows again and, when valid, the details. */
export function parseEnrollmentForm(form: Record<string, unknown>): {
  model: EnrollModel;
  details: EnrollmentDetails | null;
} {
  const text = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');
  const model: EnrollModel = {
    activationCode: text('activation-code'),
    birthDate: { day: text('dob-day'), month: text('dob-month'), year: text('dob-year') },
    lastName: text('last-name'),
    errors: [],
  };

  const activationCode = normalizeActivationCode(model.activationCode);
  if (model.activationCode.trim() === '') {
    model.errors.push({ field: 'activation-code', message: 'Enter your activation code' });
  } else if (!activationCode) {
    model.errors.push({
      field: 'activation-code',
      message: 'Enter the activation code as it is printed, like K7QM-4XTR-9HCW',
    });
  }

  const birthDate = parseBirthDate(model.birthDate);
  if (typeof birthDate !== 'string') model.errors.push(birthDate);

  const lastName = model.lastName.trim();
  if (lastName === '') {
    model.errors.push({ field: 'last-name', message: 'Enter your last name' });
  } else if (lastName.length > MAX_LAST_NAME_LENGTH) {
    model.errors.push({
      field: 'last-name',
      message: `Enter a last name of ${MAX_LAST_NAME_LENGTH} characters or fewer`,
    });
  }

  if (model.errors.length > 0 || !activationCode || typeof birthDate !== 'string') {
    return { model, details: null };
  }
  return { model, details: { activationCode, birthDate, lastName } };
}

/** Returns the date as YYYY-MM-DD, or the error to show beside the three date fields. */
function parseBirthDate(typed: EnrollModel['birthDate']): string | FormError {
  const field = 'dob-day';
  const [day, month, year] = [typed.day, typed.month, typed.year].map((part) => part.trim());
  if (!day && !month && !year) return { field, message: 'Enter your date of birth' };
  if (!day || !month || !year) {
    const missing = [!day && 'day', !month && 'month', !year && 'year'].filter(Boolean);
    return { field, message: `Date of birth must include a ${missing.join(' and ')}` };
  }
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
    return { field, message: 'Enter your date of birth in numbers, for example 27 3 2007' };
  }

  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  // Date rolls 31 4 over to 1 May, so a date that does not round-trip does not exist.
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso) {
    return { field, message: 'Date of birth must be a real date, for example 27 3 2007' };
  }
  if (parsed.getTime() > Date.now()) {
    return { field, message: 'Date of birth must be in the past' };
  }
  if (Number(year) < 1900) return { field, message: 'Year of birth must be 1900 or later' };
  return iso;
}
