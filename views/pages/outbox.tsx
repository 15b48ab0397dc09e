import { DateTimeText } from '../components/date-text.tsx';
import { Layout } from '../layout.tsx';
import type { OutboxModel, PageChrome } from '../models.ts';

/**
 * Lists the emails and text messages the portal has sent in development, newest first, so
 * a developer can read a one-time code without a mail server. The route serves it only in
 * development.
 */
export function OutboxPage({ chrome, model }: { chrome: PageChrome; model: OutboxModel }) {
  const newestFirst = model.messages.toSorted(
    (a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt),
  );

  return (
    <Layout chrome={chrome}>
      <h1>Development outbox</h1>
      <p>
        This page lists the notifications the portal has sent in development. It never exists in
        production, where notifications go to real email and text message providers.
      </p>
      {newestFirst.length === 0 && <p>No notifications have been sent yet.</p>}
      {newestFirst.map((message) => (
        <article class="message">
          <h2>{message.subject}</h2>
          <p class="muted">
            {message.channel} to {message.recipient},{' '}
            <DateTimeText value={message.createdAt} timeZone={chrome.timeZone} />
          </p>
          <div class="message-body">{message.body}</div>
        </article>
      ))}
    </Layout>
  );
}
