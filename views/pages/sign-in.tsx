import { Button } from '../components/button.tsx';
import { EmailAddressField } from '../components/email-address-field.tsx';
import { PasskeyForm } from '../components/passkey-form.tsx';
import { ErrorSummary, withErrorTitle } from '../components/error-summary.tsx';
import { Layout } from '../layout.tsx';
import type { PageChrome, SignInModel } from '../models.ts';

// The id of the passkey section, which the too-many-codes error links to.
export const PASSKEY_SIGN_IN_ID = 'passkey-sign-in';

/** Asks for the email address on file. The form posts to /sign-in, which sends the code. */
export function SignInPage({ chrome, model }: { chrome: PageChrome; model: SignInModel }) {
  return (
    <Layout chrome={withErrorTitle(chrome, model.errors)} scripts={['passkey']}>
      <h1>Sign in</h1>
      <ErrorSummary errors={model.errors} />
      {model.notice && <p class="card">{model.notice}</p>}
      <p>
        Enter the email address your clinic has on file for you. If it matches our records, we will
        email you a 6-digit code to sign in.
      </p>
      {/* novalidate: the server checks the address and shows its own error messages, so
          every browser shows the same, fixable messages. */}
      <form method="post" action="/sign-in" novalidate>
        {model.returnTo && <input type="hidden" name="return" value={model.returnTo} />}
        <EmailAddressField value={model.email} errors={model.errors} />
        <Button>Send me a code</Button>
      </form>
      <p>If you do not know which email address we have for you, call your clinic.</p>
      <h2 id={PASSKEY_SIGN_IN_ID} tabindex={-1}>
        Sign in with a passkey
      </h2>
      <p>If you added a passkey to this portal, you can use it instead of a code.</p>
      <PasskeyForm
        ceremony="authenticate"
        options="/sign-in/passkey/options"
        verification="/sign-in/passkey/verification"
        returnTo={model.returnTo}
        button="Sign in with a passkey"
      />
      <p>
        Lost your passkey? <a href="/recover">Recover your account</a>
      </p>
    </Layout>
  );
}
