import { Button } from '../components/button.tsx';
import { ErrorSummary, withErrorTitle } from '../components/error-summary.tsx';
import { Layout } from '../layout.tsx';
import type { FormError, PageChrome } from '../models.ts';

export interface SettingsModel {
  requirePasskey: boolean;
  hasPasskey: boolean;
  notice: string | null;
  errors: FormError[];
}

/**
 * The signed-in patient's account settings: for now only "always require my passkey" for their
 * own health record. Changing it in either direction needs the passkey, which the step-up page
 * prompts for when the person signed in with a code.
 */
export function SettingsPage({ chrome, model }: { chrome: PageChrome; model: SettingsModel }) {
  return (
    <Layout chrome={withErrorTitle(chrome, model.errors)}>
      <h1>Account settings</h1>
      <ErrorSummary errors={model.errors} />
      {model.notice && (
        <p class="card" role="status">
          {model.notice}
        </p>
      )}
      <h2 id="require-passkey">Always require my passkey</h2>
      <p>
        When this is on, opening your health record always needs your passkey, even after you sign
        in with a code from your email. Someone who can read your email still cannot see your
        record.
      </p>
      <p>
        It is <strong>{model.requirePasskey ? 'on' : 'off'}</strong>.
      </p>
      {model.hasPasskey || model.requirePasskey ? (
        <form method="post" action="/account/settings/require-passkey">
          <input type="hidden" name="require-passkey" value={model.requirePasskey ? 'off' : 'on'} />
          <Button>{model.requirePasskey ? 'Turn it off' : 'Turn it on'}</Button>
          <p class="hint">We will ask for your passkey to confirm it is you.</p>
        </form>
      ) : (
        <p>
          You need a passkey first. <a href="/passkeys/new">Add a passkey</a>
        </p>
      )}
    </Layout>
  );
}
