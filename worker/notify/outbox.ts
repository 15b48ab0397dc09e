import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { outbox } from '../../schema/index.ts';
import type { AppEnv } from '../app.ts';
import { randomToken } from '../auth/crypto.ts';
import { log } from '../phi/log.ts';
import { deliverQueued } from './deliver.ts';
import { providerFor, type Notification } from './provider.ts';

export type { Notification } from './provider.ts';

// The outbox rows each request queued for a provider, delivered once the response is sent.
// Keyed by the request's context, so an entry goes away with the request.
const queuedByRequest = new WeakMap<Context<AppEnv>, string[]>();

/**
 * Builds the insert that records a notification in the outbox, for the caller's batch.
 * Notifications carry no PHI, only codes and links.
 *
 * With the development outbox the row is the delivery: it is written as delivered, and
 * /dev/outbox shows it. With a provider that sends it out, the row is written as queued and
 * notificationDelivery() sends it after the response. It reads the row back by id, so a batch
 * that failed sends nothing.
 */
export function queueNotification(c: Context<AppEnv>, notification: Notification) {
  const provider = providerFor(c.var.config.notify);
  const id = randomToken(16);
  const createdAt = new Date().toISOString();

  if (provider.deliversOnInsert) {
    return c.var.db
      .insert(outbox)
      .values({ id, ...notification, createdAt, status: 'delivered', deliveredAt: createdAt });
  }

  const queued = queuedByRequest.get(c) ?? [];
  queued.push(id);
  queuedByRequest.set(c, queued);
  return c.var.db.insert(outbox).values({ id, ...notification, createdAt, status: 'queued' });
}

/**
 * Middleware that, after the response, hands the notifications the request queued to the
 * provider through waitUntil, so a slow provider never delays a page. Rows it cannot deliver
 * stay queued or failed, and the scheduled handler retries them. Mount it after the middleware
 * that sets config and db.
 */
export function notificationDelivery() {
  return createMiddleware<AppEnv>(async function notificationDelivery(c, next) {
    await next();

    const ids = queuedByRequest.get(c);
    if (!ids) return;
    queuedByRequest.delete(c);

    let executionCtx: Context['executionCtx'];
    try {
      executionCtx = c.executionCtx;
    } catch {
      // Hono throws when the runtime passed no execution context, as in app.request() from a
      // test. The rows stay queued for the scheduled retry.
      log('warn', 'notification.delivery-deferred', {
        requestId: c.var.requestId,
        count: ids.length,
      });
      return;
    }
    executionCtx.waitUntil(deliverQueued(c, providerFor(c.var.config.notify), ids));
  });
}
