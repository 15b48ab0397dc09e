/**
 * Says how many messages in a conversation are unread, in bold.
 *
 *     <strong>3 unread messages</strong>
 */
export function UnreadCount({ count }: { count: number }) {
  return <strong>{count === 1 ? '1 unread message' : `${count} unread messages`}</strong>;
}
