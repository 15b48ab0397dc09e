// Settings of the email and SMS provider, read from NOTIFY_PROVIDER and NOTIFY_WEBHOOK_URL.

export const NOTIFY_PROVIDERS = ['dev-outbox', 'webhook'] as const;
export type NotifyProviderName = (typeof NOTIFY_PROVIDERS)[number];

export type NotifyConfig =
  // The outbox table is the delivery channel and nothing leaves the worker.
  | { provider: 'dev-outbox' }
  // Each notification is POSTed as JSON to this URL.
  | { provider: 'webhook'; webhookUrl: URL };

// Hosts that a development or test worker may send plain HTTP to.
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Reads the notification settings and throws when they are invalid. NOTIFY_PROVIDER defaults to
 * dev-outbox, which production rejects because it delivers nothing to patients. The webhook URL
 * must use https, except for a loopback host in the development and test environments.
 */
export function readNotifyConfig(env: PortalBindings): NotifyConfig {
  const provider = env.NOTIFY_PROVIDER ?? 'dev-outbox';
  if (!NOTIFY_PROVIDERS.includes(provider as NotifyProviderName)) {
    throw new Error(
      `NOTIFY_PROVIDER must be one of ${NOTIFY_PROVIDERS.join(', ')}, got ${JSON.stringify(provider)}`,
    );
  }

  if (provider === 'dev-outbox') {
    if (env.ENVIRONMENT === 'production') {
      throw new Error(
        'NOTIFY_PROVIDER is dev-outbox, which sends nothing to patients. Set it to webhook in production',
      );
    }
    return { provider };
  }

  let webhookUrl: URL;
  try {
    webhookUrl = new URL(env.NOTIFY_WEBHOOK_URL ?? '');
  } catch {
    throw new Error(
      `NOTIFY_WEBHOOK_URL must be an absolute URL when NOTIFY_PROVIDER is webhook, got ${JSON.stringify(env.NOTIFY_WEBHOOK_URL)}`,
    );
  }
  const local = env.ENVIRONMENT === 'development' || env.ENVIRONMENT === 'test';
  const plainHttpAllowed = local && LOOPBACK_HOSTS.has(webhookUrl.hostname);
  if (webhookUrl.protocol !== 'https:' && !(webhookUrl.protocol === 'http:' && plainHttpAllowed)) {
    throw new Error(
      `NOTIFY_WEBHOOK_URL must use https, got ${webhookUrl.protocol}//${webhookUrl.host}`,
    );
  }
  return { provider: 'webhook', webhookUrl };
}
