// Runs the passkey ceremonies in the browser. Bundled by scripts/build-assets.mjs into
// /static/passkey.min.js and loaded only on pages with a passkey form (views/components/
// passkey-form.tsx). Each form names its two server routes in data attributes: the script
// fetches the options as JSON, runs the ceremony, posts the response with the form's fields and
// follows the redirect the server returns.
import {
  browserSupportsWebAuthn,
  startAuthentication,
  startRegistration,
  WebAuthnError,
} from '@simplewebauthn/browser';

const UNSUPPORTED =
  'This browser cannot use passkeys. Try an up-to-date browser, or sign in with a code.';
const CANCELLED = 'The passkey request was cancelled or timed out. Try again when you are ready.';
const NETWORK = 'We could not reach the portal. Check your connection and try again.';
const ALREADY_REGISTERED =
  'This device already holds a passkey for your account. Add the new one on another device or security key.';
const FAILED = 'The passkey could not be used. Try again, or sign in with a code.';

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-passkey]')) {
  enhance(form);
}

function enhance(form: HTMLFormElement) {
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  if (!browserSupportsWebAuthn()) {
    showMessage(form, UNSUPPORTED);
    return;
  }
  button?.removeAttribute('hidden');

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (button) button.disabled = true;
    showMessage(form, '');
    try {
      const message = await runCeremony(form);
      if (message) showMessage(form, message);
    } finally {
      if (button) button.disabled = false;
    }
  });
}

/** Runs one ceremony; returns a message to show, or null when the page is being left. */
async function runCeremony(form: HTMLFormElement): Promise<string | null> {
  const optionsResponse = await post(form.dataset.options!, {});
  if (!optionsResponse?.ok) return NETWORK;
  const optionsJSON = await optionsResponse.json();

  let response;
  try {
    response =
      form.dataset.passkey === 'register'
        ? await startRegistration({ optionsJSON })
        : await startAuthentication({ optionsJSON });
  } catch (error) {
    // NotAllowedError is what browsers report when the person cancels or the prompt times out.
    const name = error instanceof WebAuthnError ? error.cause : error;
    if (name instanceof Error && name.name === 'NotAllowedError') return CANCELLED;
    if (
      error instanceof WebAuthnError &&
      error.code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED'
    ) {
      return ALREADY_REGISTERED;
    }
    return FAILED;
  }

  const fields = Object.fromEntries(new FormData(form));
  const verification = await post(form.dataset.verification!, { ...fields, response });
  if (!verification) return NETWORK;
  const result = (await verification.json().catch(() => ({}))) as {
    redirect?: string;
    message?: string;
  };
  // The server only ever returns a path on this site; anything else is ignored.
  if (verification.ok && result.redirect?.startsWith('/') && !result.redirect.startsWith('//')) {
    window.location.assign(result.redirect);
    return null;
  }
  return result.message ?? NETWORK;
}

async function post(url: string, body: unknown): Promise<Response | null> {
  try {
    return await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    return null;
  }
}

function showMessage(form: HTMLFormElement, message: string) {
  const element = form.querySelector<HTMLElement>('[data-passkey-message]');
  if (!element) return;
  element.textContent = message;
  // On the sign-in page a cancelled request often means this device has no passkey, so the
  // message links to the emailed-code form, whose field has the id "email".
  if (message === CANCELLED && document.getElementById('email')) {
    const link = document.createElement('a');
    link.href = '#email';
    link.textContent = 'sign in with an emailed code';
    element.textContent = `${CANCELLED.slice(0, -1)}, or `;
    element.append(link, '.');
  }
}
