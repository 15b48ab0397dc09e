import { Button } from '../components/button.tsx';
import { DateText } from '../components/date-text.tsx';
import { ErrorSummary, errorFor, withErrorTitle } from '../components/error-summary.tsx';
import { TextField } from '../components/text-field.tsx';
import { Layout } from '../layout.tsx';
import type { PageChrome, PasskeysModel } from '../models.ts';

/**
 * Lists the person's passkeys with forms to rename or remove each one. These are plain forms,
 * so the page works without JavaScript; only adding a passkey needs it.
 */
export function PasskeysPage({ chrome, model }: { chrome: PageChrome; model: PasskeysModel }) {
  return (
    <Layout chrome={withErrorTitle(chrome, model.errors)}>
      <h1>Your passkeys</h1>
      <ErrorSummary errors={model.errors} />
      {model.notice && <p class="card">{model.notice}</p>}
      {model.proxyBlocked && (
        <p class="card">
          Your account was recovered. If you help care for anyone through the portal, you can open
          their records again once you add a new passkey.
        </p>
      )}
      {model.passkeys.length === 0 && <p>You have no passkeys yet.</p>}
      {model.passkeys.map((passkey) => {
        const field = `name-${passkey.id}`;
        const removeError = errorFor(model.errors, `passkey-${passkey.id}`);
        return (
          <section class="card" id={`passkey-${passkey.id}`}>
            <h2>{passkey.name}</h2>
            <p class="muted">
              Added <DateText value={passkey.createdAt} timeZone={chrome.timeZone} />.{' '}
              {passkey.lastUsedAt ? (
                <>
                  Last used <DateText value={passkey.lastUsedAt} timeZone={chrome.timeZone} />.
                </>
              ) : (
                'Not used yet.'
              )}
            </p>
            <form method="post" action={`/passkeys/${passkey.id}/rename`} novalidate>
              <TextField
                name={field}
                label="New name"
                value={
                  model.typedName?.passkeyId === passkey.id ? model.typedName.value : passkey.name
                }
                autocomplete="off"
                error={errorFor(model.errors, field)}
              />
              <Button>Rename</Button>
            </form>
            {removeError && (
              <p class="field-message">
                <span class="visually-hidden">Error:</span> {removeError}
              </p>
            )}
            <form method="post" action={`/passkeys/${passkey.id}/remove`}>
              <Button look="link">Remove this passkey</Button>
            </form>
          </section>
        );
      })}
      <p>
        <a href="/passkeys/new">Add a passkey</a>
      </p>
      {model.passkeys.length > 0 && (
        <section>
          <h2>Recovery code</h2>
          <p>
            A recovery code lets you back into your account if you lose every passkey. Making a new
            one stops the old one from working.
          </p>
          <form method="post" action="/passkeys/recovery-code">
            <Button look="link">Make a new recovery code</Button>
          </form>
        </section>
      )}
      {model.passkeys.length > 0 && model.hasOwnChart && (
        <p>
          To make your health record always need your passkey, go to{' '}
          <a href="/account/settings">Account settings</a>.
        </p>
      )}
    </Layout>
  );
}
