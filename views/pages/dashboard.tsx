import { AppointmentCard } from '../components/appointment-card.tsx';
import { DateText } from '../components/date-text.tsx';
import { FlagLabel } from '../components/flag-label.tsx';
import { UnreadCount } from '../components/unread-count.tsx';
import { chartItemPath, chartPathOf } from '../chart-path.ts';
import { ChartSwitcher } from '../components/chart-switcher.tsx';
import { PrivateItemsNote } from '../components/private-items-note.tsx';
import { Layout } from '../layout.tsx';
import type { DashboardModel, PageChrome } from '../models.ts';

/**
 * Shows the chart's home page: the next appointment, results not yet opened and unread
 * messages, each only when model.sections allows the person signed in to view it. The heading
 * is "Hello, {name}" on the signed-in person's own chart (chrome.subjectIsViewer) and the
 * patient's name for a proxy or staff.
 */
export function DashboardPage({ chrome, model }: { chrome: PageChrome; model: DashboardModel }) {
  const chartPath = chartPathOf(chrome);
  const isOwnChart = chrome.subjectIsViewer !== false;
  const { sections } = model;

  return (
    <Layout chrome={chrome}>
      <h1>{isOwnChart ? `Hello, ${model.patientName}` : model.patientName}</h1>
      <PrivateItemsNote chrome={chrome} />

      {sections.appointments && (
        <>
          <h2>Next appointment</h2>
          {model.nextAppointment ? (
            <AppointmentCard appointment={model.nextAppointment} timeZone={chrome.timeZone} />
          ) : (
            <p>No upcoming appointments.</p>
          )}
          <p>
            <a href={`${chartPath}/appointments`}>See all appointments</a>
          </p>
        </>
      )}

      {sections.results && <NewResults chrome={chrome} model={model} />}

      {sections.messages && <UnreadMessages chrome={chrome} model={model} />}

      {model.actingFor.length > 0 && (
        <>
          <h2>People you help care for</h2>
          <ChartSwitcher people={model.actingFor} passkeyStep={model.passkeyStep} />
        </>
      )}

      {model.canViewAccessHistory && (
        <>
          <h2>Your privacy</h2>
          <p>
            <a href={`${chartPath}/access-history`}>Who has viewed your record</a>
          </p>
          <p>
            <a href="/passkeys">Your passkeys</a>
          </p>
        </>
      )}
    </Layout>
  );
}

function NewResults({ chrome, model }: { chrome: PageChrome; model: DashboardModel }) {
  return (
    <>
      <h2>New test results</h2>
      {model.newResults.length > 0 ? (
        <ul class="plain-list">
          {model.newResults.map((result) => (
            <li>
              <a href={chartItemPath(chrome, 'results', result.id)}>{result.name}</a>{' '}
              <FlagLabel flag={result.flag} />
              <br />
              <span class="muted">
                <DateText value={result.observedAt} timeZone={chrome.timeZone} />
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p>No new test results.</p>
      )}
      <p>
        <a href={`${chartPathOf(chrome)}/results`}>See all test results</a>
      </p>
    </>
  );
}

function UnreadMessages({ chrome, model }: { chrome: PageChrome; model: DashboardModel }) {
  return (
    <>
      <h2>Unread messages</h2>
      {model.unreadThreads.length > 0 ? (
        <ul class="plain-list">
          {model.unreadThreads.map((thread) => (
            <li>
              <a href={chartItemPath(chrome, 'messages', thread.id)}>{thread.subject}</a>
              <br />
              <span class="muted">
                From {thread.careTeam}, <UnreadCount count={thread.unreadCount} />
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p>No unread messages.</p>
      )}
      <p>
        <a href={`${chartPathOf(chrome)}/messages`}>See all messages</a>
      </p>
    </>
  );
}
