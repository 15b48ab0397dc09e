import { PasskeyForm } from '../components/passkey-form.tsx';
import { Layout } from '../layout.tsx';
import type { PageChrome, StepUpModel } from '../models.ts';

/** Asks a person signed in with a code to confirm with a passkey before a protected page. */
export function StepUpPage({ chrome, model }: { chrome: PageChrome; model: StepUpModel }) {
  return (
    <Layout chrome={chrome} scripts={['passkey']}>
      <h1>Confirm it is you</h1>
      <p>
        This page needs your passkey, to keep the health information on it safe. Use the
        fingerprint, face or screen lock you set up for this portal.
      </p>
      {model.recoveredWithoutNewPasskey && (
        <p class="card">
          You recovered your account and have not added a new passkey since. If your passkey is the
          one you lost, ask your clinic's front desk to reset your sign-in. They send a link to your
          email address on file, and with it you can add a new passkey here.
        </p>
      )}
      <PasskeyForm
        ceremony="authenticate"
        options="/step-up/options"
        verification="/step-up/verification"
        returnTo={model.returnTo}
        button="Use my passkey"
      />
      <p>
        <a href="/passkeys">Manage your passkeys</a>
      </p>
    </Layout>
  );
}
