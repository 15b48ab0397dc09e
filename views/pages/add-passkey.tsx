import { PasskeyForm } from '../components/passkey-form.tsx';
import { TextField } from '../components/text-field.tsx';
import { Layout } from '../layout.tsx';
import type { AddPasskeyModel, PageChrome } from '../models.ts';

/** Adds a passkey on this device. The ceremony runs in views/passkey.ts. */
export function AddPasskeyPage({ chrome, model }: { chrome: PageChrome; model: AddPasskeyModel }) {
  return (
    <Layout chrome={chrome} scripts={['passkey']}>
      <h1>Add a passkey</h1>
      {model.neededForReturn && (
        <p class="card">
          The page you asked for needs a passkey, and you do not have one yet. Add one now and we
          will take you there.
        </p>
      )}
      <p>
        A passkey lets you sign in with your fingerprint, face or screen lock instead of a code.
        Your device or password manager keeps it; the portal stores only a public key that cannot be
        used to sign in as you.
      </p>
      <PasskeyForm
        ceremony="register"
        options="/passkeys/registration/options"
        verification="/passkeys/registration/verification"
        returnTo={model.returnTo}
        button="Add a passkey"
      >
        <TextField
          name="name"
          label="Name for this passkey (optional)"
          hint="For example, My phone. It helps you tell your passkeys apart."
          autocomplete="off"
        />
      </PasskeyForm>
    </Layout>
  );
}
