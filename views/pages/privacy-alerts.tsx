import { Button } from '../components/button.tsx';
import { DateTimeText } from '../components/date-text.tsx';
import { Layout } from '../layout.tsx';
import type { PageChrome } from '../models.ts';
import type { AlertRow, PrivacyAlertsModel } from './privacy-models.ts';
import { PrivacyNav } from './privacy-nav.tsx';

/** Renders the audit alerts, newest first, each with a button to acknowledge it. */
export function PrivacyAlertsPage({
  chrome,
  model,
}: {
  chrome: PageChrome;
  model: PrivacyAlertsModel;
}) {
  return (
    <Layout chrome={chrome}>
      <PrivacyNav current="alerts" />
      <h1>Alerts</h1>
      {model.alerts.length === 0 ? (
        <p>There are no alerts.</p>
      ) : (
        model.alerts.map((alert) => <AlertCard alert={alert} timeZone={chrome.timeZone} />)
      )}
    </Layout>
  );
}

function AlertCard({ alert, timeZone }: { alert: AlertRow; timeZone: string }) {
  const searchPath = `/staff/privacy/audit?${new URLSearchParams(
    alert.subjectKey.startsWith('person:') ? { person: alert.subjectKey.slice(7) } : {},
  )}`;
  return (
    <div class="card" id={`alert-${alert.id}`}>
      <h2>{alert.title}</h2>
      <p>
        {alert.eventCount} {alert.eventCount === 1 ? 'event' : 'events'} by{' '}
        {subjectText(alert.subjectKey)} since{' '}
        <DateTimeText value={alert.windowStart} timeZone={timeZone} />, raised at{' '}
        <DateTimeText value={alert.createdAt} timeZone={timeZone} /> by audit event{' '}
        {alert.triggerSeq}.
      </p>
      <p>
        <a href={searchPath}>Search the audit trail for this alert</a>
      </p>
      {alert.acknowledgedAt ? (
        <p>
          Acknowledged by {alert.acknowledgedBy ?? 'a privacy officer'} on{' '}
          <DateTimeText value={alert.acknowledgedAt} timeZone={timeZone} />.
        </p>
      ) : (
        <form method="post" action={`/staff/privacy/alerts/${alert.id}/acknowledge`}>
          <Button>Acknowledge this alert</Button>
        </form>
      )}
    </div>
  );
}

/** Names an alert's subject in words: "person 076f3790…" rather than the stored key. */
function subjectText(subjectKey: string): string {
  const colon = subjectKey.indexOf(':');
  if (colon === -1) return subjectKey;
  const id = subjectKey.slice(colon + 1);
  return `${subjectKey.slice(0, colon)} ${id.length > 8 ? `${id.slice(0, 8)}…` : id}`;
}
