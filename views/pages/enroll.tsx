import { Button } from '../components/button.tsx';
import { DateField } from '../components/date-field.tsx';
import { ErrorSummary, errorFor, withErrorTitle } from '../components/error-summary.tsx';
import { OneTimeCodeField } from '../components/one-time-code-field.tsx';
import { StartAgain } from '../components/start-again.tsx';
import { TextField } from '../components/text-field.tsx';
import { Layout } from '../layout.tsx';
import type { FormError, PageChrome } from '../models.ts';

export interface EnrollModel {
  activationCode: string;
  birthDate: { day: string; month: string; year: string };
  lastName: string;
  errors: FormError[];
}

export interface EnrollCodeModel {
  errors: FormError[];
  // True when the code can no longer be used: show only why and the way to start again.
  mustRestart: boolean;
}

/** Asks for the activation code, date of birth and last name (POST /enroll). */
export function EnrollPage({ chrome, model }: { chrome: PageChrome; model: EnrollModel }) {
  return (
    <Layout chrome={withErrorTitle(chrome, model.errors)}>
      <h1>Set up your account</h1>
      <ErrorSummary errors={model.errors} />
      <p>
        Use the activation code your clinic gave you. We will send a 6-digit code to the email
        address or phone number your clinic has on file for you.
      </p>
      <form method="post" action="/enroll" novalidate>
        <TextField
          name="activation-code"
          label="Activation code"
          hint="12 letters and numbers, for example K7QM-4XTR-9HCW"
          autocomplete="off"
          value={model.activationCode}
          error={errorFor(model.errors, 'activation-code')}
        />
        <DateField
          name="dob"
          legend="Date of birth"
          hint="For example, 27 3 2007"
          value={model.birthDate}
          error={errorFor(model.errors, 'dob-day')}
        />
        <TextField
          name="last-name"
          label="Last name"
          hint="As your clinic has it"
          autocomplete="family-name"
          value={model.lastName}
          error={errorFor(model.errors, 'last-name')}
        />
        <Button>Continue</Button>
      </form>
      <p>
        If you do not have an activation code, or it no longer works, call your clinic and ask for a
        new one.
      </p>
      <p>
        Already have an account? <a href="/sign-in">Sign in</a>
      </p>
    </Layout>
  );
}

/** Asks for the 6-digit code sent to the contacts on file (POST /enroll/verify). */
export function EnrollCodePage({ chrome, model }: { chrome: PageChrome; model: EnrollCodeModel }) {
  if (model.mustRestart) {
    return (
      <Layout chrome={chrome}>
        <h1>Start again</h1>
        <StartAgain errors={model.errors} href="/enroll">
          Set up your account
        </StartAgain>
      </Layout>
    );
  }

  return (
    <Layout chrome={withErrorTitle(chrome, model.errors)}>
      <h1>Check your email or phone</h1>
      <ErrorSummary errors={model.errors} />
      <p>{ENROLLMENT_CODE_NOTICE}</p>
      <form method="post" action="/enroll/verify" novalidate>
        <OneTimeCodeField errors={model.errors} />
        <Button>Continue</Button>
      </form>
      <h2>If you did not get a code</h2>
      <p>
        The code can take a few minutes to arrive. Check your spam or junk folder. If the email
        address or phone number your clinic has for you is out of date, call your clinic.
      </p>
      <p>
        <a href="/enroll">Start again</a>
      </p>
    </Layout>
  );
}

/** Says the account is ready and offers a passkey, which patients may skip. */
export function EnrolledPage({ chrome, chartPath }: { chrome: PageChrome; chartPath: string }) {
  const addPasskey = `/passkeys/new?${new URLSearchParams({ return: chartPath })}`;
  return (
    <Layout chrome={chrome}>
      <h1>Your account is ready</h1>
      <p>Next time, sign in with your email address and a code we send you.</p>
      <h2>Add a passkey</h2>
      <p>
        A passkey lets you sign in with your phone or computer's screen lock instead of a code. It
        is optional.
      </p>
      <p>
        <a class="button" href={addPasskey}>
          Add a passkey
        </a>
      </p>
      <p>
        <a href={chartPath}>Not now, go to your record</a>
      </p>
    </Layout>
  );
}

/** Notice shown for every enrollment attempt whose form was filled in correctly. */
export const ENROLLMENT_CODE_NOTICE =
  'If the details match our records, we sent a code to the email or phone we have on file for you. The code works for 10 minutes.';
