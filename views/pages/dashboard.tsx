import { AppointmentCard } from '../components/appointment-card.tsx';
import { DateText } from '../components/date-text.tsx';
import { FlagLabel } from '../components/flag-label.tsx';
import { UnreadCount } from '../components/unread-count.tsx';
import { chartItemPath, chartPathOf } from '../chart-path.ts';
import { Layout } from '../layout.tsx';
import type { DashboardModel, PageChrome } from '../models.ts';

/**
 * Shows the chart's home page: the next appointment, results not yet opened and unread
 * messages. The greeting names the patient only when the person signed in is that
 * patient. For a proxy or staff, the heading is the patient's name.
 */
export function DashboardPage({ chrome, model }: { chrome: PageChrome; model: DashboardModel }) {
  const chartPath = chartPathOf(chrome);
  const isOwnChart = chrome.signedInAs === model.patientName;

  return (
    <Layout chrome={chrome}>
      <h1>{isOwnChart ? `Hello, ${model.patientName}` : model.patientName}</h1>

      <h2>Next appointment</h2>
      {model.nextAppointment ? (
        <AppointmentCard appointment={model.nextAppointment} timeZone={chrome.timeZone} />
      ) : (
        <p>No upcoming appointments.</p>
      )}
      <p>
        <a href={`${chartPath}/appointments`}>See all appointments</a>
      </p>

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
        <a href={`${chartPath}/results`}>See all test results</a>
      </p>

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
        <a href={`${chartPath}/messages`}>See all messages</a>
      </p>

      {model.actingFor.length > 0 && (
        <>
          <h2>People you help care for</h2>
          <ul>
            {model.actingFor.map((person) => (
              <li>
                <a href={`/chart/${person.patientId}`}>{person.name}</a> ({person.relationship})
              </li>
            ))}
          </ul>
          <p>
            Opening their records needs a passkey. If you do not have one yet, we will help you add
            one.
          </p>
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
