// The providers that deliver a notification: the development outbox and an HTTP webhook.
import type { NotifyConfig } from './config.ts';

export interface Notification {
  channel: 'email' | 'sms';
  recipient: string;
  subject: string;
  body: string;
}

/**
 * Delivers notifications. send resolves once the provider accepted the notification and throws
 * DeliveryError when it did not.
 */
export interface NotificationProvider {
  name: NotifyConfig['provider'];
  // True when inserting the outbox row is the delivery, so the row is written as delivered and
  // send is never called.
  deliversOnInsert: boolean;
  send(notification: Notification): Promise<void>;
}

/**
 * A failed delivery. reason is a short class for the audit event and the log line, never the
 * provider's response text, which may quote the recipient or the body.
 */
export class DeliveryError extends Error {
  name = 'DeliveryError';

  constructor(
    readonly reason: 'provider-unreachable' | `provider-http-${number}`,
    options?: ErrorOptions,
  ) {
    super(`notification delivery failed: ${reason}`, options);
  }
}

// A provider that has not responded by then is treated as unreachable, so that one slow request
// cannot hold the worker until the platform ends it. The retry in the scheduled handler picks
// the notification up again.
const WEBHOOK_TIMEOUT_MS = 10_000;

/** The development outbox: the row is the delivery, and /dev/outbox shows it. */
export const devOutboxProvider: NotificationProvider = {
  name: 'dev-outbox',
  deliversOnInsert: true,
  async send() {},
};

/**
 * Posts each notification as JSON ({ channel, recipient, subject, body }) to the URL. A network
 * error, a timeout and any status outside 200–299 are failures.
 */
export function webhookProvider(url: URL): NotificationProvider {
  return {
    name: 'webhook',
    deliversOnInsert: false,
    async send(notification) {
      const { channel, recipient, subject, body } = notification;
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ channel, recipient, subject, body }),
          signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
        });
      } catch (error) {
        throw new DeliveryError('provider-unreachable', { cause: error });
      }
      // The body is cancelled unread, so the connection is released and nothing in it is kept.
      await response.body?.cancel();
      if (!response.ok) throw new DeliveryError(`provider-http-${response.status}`);
    },
  };
}

/** Returns the provider the configuration names. */
export function providerFor(config: NotifyConfig): NotificationProvider {
  return config.provider === 'webhook' ? webhookProvider(config.webhookUrl) : devOutboxProvider;
}
