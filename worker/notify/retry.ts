import { drizzle } from 'drizzle-orm/d1';
import { Context } from 'hono';
import * as schema from '../../schema/index.ts';
import type { AppEnv } from '../app.ts';
import { readConfig } from '../config.ts';
import { log } from '../phi/log.ts';
import { retryDue, type RetrySummary } from './deliver.ts';
import { providerFor } from './provider.ts';

/**
 * Retries, for the scheduled handler, the outbox rows that are still queued or failed. Nothing
 * is sent with the development outbox, whose rows are delivered on insert.
 * Errors are logged by name and re-thrown, so the invocation is recorded as failed.
 *
 * A scheduled run has no request, so it builds its own context, with the database from the
 * bindings as the head signing does, and a request id that starts with "scheduled-" that
 * distinguishes its audit events from those of requests.
 */
export async function retryNotificationsOnSchedule(
  controller: ScheduledController,
  env: PortalBindings,
): Promise<RetrySummary | null> {
  try {
    const config = readConfig(env);
    const provider = providerFor(config.notify);
    if (provider.deliversOnInsert) return null;

    const c = new Context<AppEnv>(new Request('http://scheduled.invalid/notifications/retry'), {
      env,
    });
    c.set('config', config);
    c.set('db', drizzle(env.DB, { schema }));
    c.set('requestId', `scheduled-${crypto.randomUUID()}`);

    const summary = await retryDue(c, provider, new Date(controller.scheduledTime));
    if (summary.delivered + summary.failed + summary.skipped > 0) {
      log('info', 'notification.retried', { requestId: c.var.requestId, ...summary });
    }
    return summary;
  } catch (error) {
    const name = error instanceof Error ? error.name : 'Error';
    log('error', 'notification.retry-failed', { error: name });
    throw error;
  }
}
