import { BackLink } from '../components/back-link.tsx';
import { DateTimeText } from '../components/date-text.tsx';
import { chartPathOf } from '../chart-path.ts';
import { Layout } from '../layout.tsx';
import type { PageChrome, ThreadDetail } from '../models.ts';

/** Shows one conversation with the care team, oldest message first, and a link to reply. */
export function ThreadPage({ chrome, model }: { chrome: PageChrome; model: ThreadDetail }) {
  return (
    <Layout chrome={chrome}>
      <BackLink href={`${chartPathOf(chrome)}/messages`}>Back to messages</BackLink>
      <h1>{model.subject}</h1>
      <p class="muted">Conversation with {model.careTeam}</p>
      {model.messages.map((message) => (
        <article class={message.fromCareTeam ? 'message message-care-team' : 'message'}>
          <h2>{message.author}</h2>
          <p class="muted">
            <DateTimeText value={message.sentAt} timeZone={chrome.timeZone} />
          </p>
          {/* Text only: hono/jsx escapes it, and CSS keeps the sender's line breaks. */}
          <div class="message-body">{message.body}</div>
        </article>
      ))}
      <p>
        <a class="button" href={`${chartPathOf(chrome)}/messages/${model.id}/reply`}>
          Reply
        </a>
      </p>
      <p>Messages are for questions that are not urgent. In an emergency, call 911.</p>
    </Layout>
  );
}
