import { Button } from '../components/button.tsx';
import { EmailAddressField } from '../components/email-address-field.tsx';
import { ErrorSummary, errorFor, withErrorTitle } from '../components/error-summary.tsx';
import { OneTimeCodeField } from '../components/one-time-code-field.tsx';
import { StartAgain } from '../components/start-again.tsx';
import { TextField } from '../components/text-field.tsx';
import { Layout } from '../layout.tsx';
import type { FormError, PageChrome } from '../models.ts';

export interface RecoverModel {
  // Which step of the recovery the page shows.
  step: 'email' | 'emailed-code' | 'recovery-code' | 'restart' | 'reset-link';
  // The address as typed, kept after a failed submission (email step only).
  email: string;
  errors: FormError[];
  notice: string | null;
  // For the reset-link step: the link's value, sent back in a hidden field by the POST.
  link?: string;
}

/**
 * Renders each step of a lost-passkey recovery: the email address on file, the code we emailed to it,
 * then the recovery code the person wrote down. A staff-verified reset uses the reset-link step
 * instead. Every step is a plain form that works without JavaScript.
 */
export function RecoverPage({ chrome, model }: { chrome: PageChrome; model: RecoverModel }) {
  return (
    <Layout chrome={withErrorTitle(chrome, model.errors)}>
      <h1>{HEADINGS[model.step]}</h1>
      {/* A restart has no field to fix, so its reason is plain text instead of a summary. */}
      {model.step !== 'restart' && <ErrorSummary errors={model.errors} />}
      {model.notice && <p class="card">{model.notice}</p>}
      <Step model={model} />
    </Layout>
  );
}

const HEADINGS: Record<RecoverModel['step'], string> = {
  email: 'Lost your passkey?',
  'emailed-code': 'Check your email',
  'recovery-code': 'Enter your recovery code',
  restart: 'Start again',
  'reset-link': 'Recover your account',
};

function Step({ model }: { model: RecoverModel }) {
  switch (model.step) {
    case 'email':
      return (
        <>
          <p>
            You need two things: the email address your clinic has on file for you, and the recovery
            code you were given when you added your first passkey.
          </p>
          <form method="post" action="/recover" novalidate>
            <EmailAddressField value={model.email} errors={model.errors} />
            <Button>Send me a code</Button>
          </form>
          <h2>If you do not have your recovery code</h2>
          <p>
            Call or visit your clinic. Staff can check who you are and send a recovery link to the
            email address on file.
          </p>
          <p>
            <a href="/sign-in">Back to sign in</a>
          </p>
        </>
      );
    case 'emailed-code':
      return (
        <form method="post" action="/recover/code" novalidate>
          <OneTimeCodeField errors={model.errors} label="Enter the 6-digit code from the email" />
          <Button>Continue</Button>
        </form>
      );
    case 'recovery-code':
      return (
        <form method="post" action="/recover/recovery-code" novalidate>
          <TextField
            name="recovery-code"
            label="Recovery code"
            hint="16 letters and numbers, for example 7KQM-X3PD-9WEH-RT2C"
            autocomplete="off"
            error={errorFor(model.errors, 'recovery-code')}
          />
          <Button>Recover my account</Button>
        </form>
      );
    case 'reset-link':
      return (
        <>
          <p>
            Your clinic started this recovery after checking who you are. Continue to sign in, then
            add a new passkey.
          </p>
          <form method="post" action="/recover/reset" novalidate>
            <input type="hidden" name="link" value={model.link ?? ''} />
            <Button>Continue</Button>
          </form>
        </>
      );
    case 'restart':
      return (
        <StartAgain
          errors={model.errors}
          fallback="This recovery can no longer be used."
          href="/recover"
        >
          Start the recovery again
        </StartAgain>
      );
  }
}
