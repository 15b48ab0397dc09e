import { Button } from '../components/button.tsx';
import { DataTable } from '../components/data-table.tsx';
import { DateTimeText } from '../components/date-text.tsx';
import { Layout } from '../layout.tsx';
import type { PageChrome, SessionSummary, SessionsModel } from '../models.ts';

const DEVICE_TEXT: Record<string, string> = {
  phone: 'Phone',
  tablet: 'Tablet',
  computer: 'Computer',
};

/**
 * Lists the devices where the person is signed in, with a form to sign out each other device and
 * one to sign out all of them but this one. Every form is a plain POST, so it works without
 * JavaScript.
 *
 *     <table class="table-reflow"><caption>Devices where you are signed in</caption>...
 *       <tr><th scope="row">This device: Phone</th><td>March 4, 2025 at 2:30 PM CST</td>...
 */
export function SessionsPage({ chrome, model }: { chrome: PageChrome; model: SessionsModel }) {
  const others = model.sessions.filter((session) => !session.isCurrent);

  return (
    <Layout chrome={chrome}>
      <h1>Your sessions</h1>
      {model.notice && <p class="card">{model.notice}</p>}
      <p>
        These are the devices where you are signed in to the portal. If you see one you do not
        recognise, sign it out and tell your clinic.
      </p>

      <DataTable
        caption="Devices where you are signed in"
        columns={['Device', 'Signed in', 'Last used', 'Sign out']}
        rows={model.sessions.map((session) => [
          deviceText(session),
          <DateTimeText value={session.startedAt} timeZone={chrome.timeZone} />,
          <DateTimeText value={session.lastSeenAt} timeZone={chrome.timeZone} />,
          session.isCurrent ? (
            // The same form as in the header: it ends this session and loads the next page in full.
            <form method="post" action="/sign-out" hx-boost="false">
              <Button look="link">
                Sign out
                <span class="visually-hidden"> of this {deviceWord(session)}</span>
              </Button>
            </form>
          ) : (
            // The hidden words give each button its own name, so a screen reader listing the
            // buttons reads which device each one signs out instead of "Sign out" many times.
            <form method="post" action={`/account/sessions/${session.id}/end`}>
              <Button look="link">
                Sign out
                <span class="visually-hidden">
                  {' '}
                  the {deviceWord(session)} signed in{' '}
                  <DateTimeText value={session.startedAt} timeZone={chrome.timeZone} />
                </span>
              </Button>
            </form>
          ),
        ])}
      />

      {others.length > 0 ? (
        <form method="post" action="/account/sessions/others">
          <Button>Sign out everywhere else</Button>
        </form>
      ) : (
        <p>You are not signed in on any other device.</p>
      )}
    </Layout>
  );
}

function deviceWord(session: SessionSummary) {
  return (DEVICE_TEXT[session.deviceClass] ?? 'unknown device').toLowerCase();
}

function deviceText(session: SessionSummary) {
  const device = DEVICE_TEXT[session.deviceClass] ?? 'Unknown device';
  return session.isCurrent ? `This device: ${device}` : device;
}
