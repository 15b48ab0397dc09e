// Warns a signed-in person before the idle timeout signs them out. Bundled by
// scripts/build-assets.mjs into /static/idle-warning.min.js and loaded on signed-in pages,
// which give the timeout in seconds in <body data-idle-timeout-seconds>. Without JavaScript
// nothing shows, and the server's timeout applies as before.

const WARNING_SECONDS = 120;
// The server moves a session's last-seen time at most once a minute (TOUCH_INTERVAL_MS in
// worker/auth/sessions.ts), so the real timeout can come up to a minute earlier than this
// page's own count. The warning comes that much earlier to stay on the safe side.
const TOUCH_SLACK_SECONDS = 60;
const KEEP_ALIVE_PATH = '/session/keep-alive';

const timeoutSeconds = Number(document.body.dataset.idleTimeoutSeconds);
let warningTimer: number | undefined;
let endTimer: number | undefined;

if (Number.isFinite(timeoutSeconds) && timeoutSeconds > WARNING_SECONDS + TOUCH_SLACK_SECONDS) {
  schedule();
  // Every htmx request (a boosted link, a draft autosave) is activity the server counts too.
  document.addEventListener('htmx:afterRequest', schedule);
}

function schedule() {
  window.clearTimeout(warningTimer);
  window.clearTimeout(endTimer);
  notice()?.remove();
  const warnAfter = timeoutSeconds - WARNING_SECONDS - TOUCH_SLACK_SECONDS;
  warningTimer = window.setTimeout(showWarning, warnAfter * 1000);
  endTimer = window.setTimeout(showSignedOut, timeoutSeconds * 1000);
}

function showWarning() {
  const element = freshNotice();
  const text = document.createElement('p');
  text.textContent = 'You will be signed out in 2 minutes because you have not done anything.';
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'button';
  button.textContent = 'Stay signed in';
  button.addEventListener('click', keepAlive);
  element.append(text, button);
}

function showSignedOut() {
  const element = freshNotice();
  const text = document.createElement('p');
  text.textContent = 'You have been signed out because you were inactive. ';
  const link = document.createElement('a');
  link.href = `/sign-in?${new URLSearchParams({ return: location.pathname, ended: 'timed-out' })}`;
  link.textContent = 'Sign in again';
  text.append(link);
  element.append(text);
}

async function keepAlive() {
  try {
    const response = await fetch(KEEP_ALIVE_PATH, {
      method: 'POST',
      credentials: 'same-origin',
      redirect: 'manual',
    });
    // 204 means the session is alive again; anything else (a redirect to sign in) means it ended.
    if (response.status === 204) schedule();
    else showSignedOut();
  } catch {
    const element = freshNotice();
    const text = document.createElement('p');
    text.textContent = 'We could not reach the portal. Check your connection and try again.';
    element.append(text);
  }
}

function notice() {
  return document.getElementById('idle-warning');
}

// A boosted page load replaces the body's content, notice included, so it is made anew each time.
function freshNotice() {
  notice()?.remove();
  const element = document.createElement('div');
  element.id = 'idle-warning';
  element.className = 'idle-warning';
  element.setAttribute('role', 'status');
  document.body.append(element);
  return element;
}
