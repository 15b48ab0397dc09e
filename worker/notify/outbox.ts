import type { Context } from 'hono';
import { outbox } from '../../schema/index.ts';
import type { AppEnv } from '../app.ts';
import { randomToken } from '../auth/crypto.ts';

export interface Notification {
  channel: 'email' | 'sms';
  recipient: string;
  subject: string;
  body: string;
}

/**
 * Builds the insert that records a notification in the outbox. In development the outbox is the
 * delivery channel: /dev/outbox shows it. Notifications carry no PHI, only codes and links.
 *
 * TODO: a real email and SMS provider for staging and production, with a BAA on file.
 */
export function queueNotification(c: Context<AppEnv>, notification: Notification) {
  return c.var.db.insert(outbox).values({
    id: randomToken(16),
    ...notification,
    createdAt: new Date().toISOString(),
  });
}
