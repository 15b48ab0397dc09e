import type { Child } from 'hono/jsx';

/**
 * Renders a form that views/passkey.ts turns into a passkey ceremony: it fetches options from
 * `options`, runs the ceremony and posts the response to `verification`. The button stays
 * hidden until the script finds WebAuthn, and without JavaScript the page explains why.
 *
 *     <form data-passkey="authenticate" data-options="..." data-verification="...">
 *       <p data-passkey-message role="status"></p>
 *       <button type="submit" class="button" hidden>Sign in with a passkey</button>
 *     </form>
 */
export function PasskeyForm({
  ceremony,
  options,
  verification,
  returnTo,
  button,
  children,
}: {
  ceremony: 'register' | 'authenticate';
  options: string;
  verification: string;
  returnTo: string | null;
  button: string;
  // Fields sent with the response, for example the passkey's name.
  children?: Child;
}) {
  return (
    <form
      method="post"
      action={verification}
      data-passkey={ceremony}
      data-options={options}
      data-verification={verification}
      novalidate
    >
      {returnTo && <input type="hidden" name="return" value={returnTo} />}
      {children}
      <noscript>
        <p class="card">
          Passkeys need JavaScript, and it is turned off in this browser. Turn it on to use a
          passkey.
        </p>
      </noscript>
      <p class="field-message" data-passkey-message role="status"></p>
      <button type="submit" class="button" hidden>
        {button}
      </button>
    </form>
  );
}
