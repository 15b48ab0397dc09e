import { PrivateItemsNote } from '../components/private-items-note.tsx';
import { DateTimeText } from '../components/date-text.tsx';
import { UnreadCount } from '../components/unread-count.tsx';
import { chartItemPath, chartPathOf } from '../chart-path.ts';
import { Layout } from '../layout.tsx';
import type { MessagesModel, PageChrome } from '../models.ts';
import { subjectWords } from '../subject.ts';

/** Lists the conversations with the care team, newest first, with unread counts. */
export function MessagesPage({ chrome, model }: { chrome: PageChrome; model: MessagesModel }) {
  return (
    <Layout chrome={chrome}>
      <h1>Messages</h1>
      <PrivateItemsNote chrome={chrome} />
      <p>Messages are for questions that are not urgent. In an emergency, call 911.</p>
      <p>
        <a href={`${chartPathOf(chrome)}/messages/new`}>Write a message</a>
      </p>
      {model.threads.length > 0 ? (
        <ul class="plain-list">
          {model.threads.map((thread) => (
            <li>
              <a href={chartItemPath(chrome, 'messages', thread.id)}>{thread.subject}</a>
              <br />
              <span class="muted">
                {thread.careTeam}, last message{' '}
                <DateTimeText value={thread.lastMessageAt} timeZone={chrome.timeZone} />
              </span>
              {thread.unreadCount > 0 && (
                <>
                  <br />
                  <UnreadCount count={thread.unreadCount} />
                </>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p>
          {chrome.privateItemsHidden
            ? 'There are no messages to show you.'
            : `${subjectWords(chrome).has} no messages.`}
        </p>
      )}
    </Layout>
  );
}
