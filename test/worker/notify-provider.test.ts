import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readNotifyConfig } from '../../worker/notify/config.ts';
import {
  DeliveryError,
  devOutboxProvider,
  providerFor,
  webhookProvider,
} from '../../worker/notify/provider.ts';

// Nothing in these tests leaves the machine: the webhook URLs are loopback addresses, and the
// ones that must respond are served by a fetch mock.
const NOTIFICATION = {
  channel: 'email' as const,
  recipient: 'provider-test@example.org',
  subject: 'Your patient portal sign-in code',
  body: 'Your sign-in code is 123456.',
};

afterEach(() => {
  vi.restoreAllMocks();
});

function withVars(vars: Partial<PortalBindings>): PortalBindings {
  return { ...env, ...vars };
}

describe('readNotifyConfig', () => {
  it('defaults to the development outbox', () => {
    expect(readNotifyConfig(withVars({ NOTIFY_PROVIDER: undefined }))).toEqual({
      provider: 'dev-outbox',
    });
  });

  it('rejects an unknown provider', () => {
    expect(() => readNotifyConfig(withVars({ NOTIFY_PROVIDER: 'carrier-pigeon' }))).toThrow(
      /NOTIFY_PROVIDER must be one of dev-outbox, webhook/,
    );
  });

  it('rejects the development outbox in production', () => {
    const vars = withVars({ ENVIRONMENT: 'production', NOTIFY_PROVIDER: 'dev-outbox' });
    expect(() => readNotifyConfig(vars)).toThrow(/Set it to webhook in production/);
  });

  it('requires a webhook URL', () => {
    const vars = withVars({ NOTIFY_PROVIDER: 'webhook', NOTIFY_WEBHOOK_URL: undefined });
    expect(() => readNotifyConfig(vars)).toThrow(/NOTIFY_WEBHOOK_URL must be an absolute URL/);
  });

  it('requires https outside loopback test hosts', () => {
    const production = withVars({
      ENVIRONMENT: 'production',
      NOTIFY_PROVIDER: 'webhook',
      NOTIFY_WEBHOOK_URL: 'http://127.0.0.1:8788/notify',
    });
    expect(() => readNotifyConfig(production)).toThrow(/must use https, got http:\/\/127\.0\.0\.1/);

    const remoteHttp = withVars({
      NOTIFY_PROVIDER: 'webhook',
      NOTIFY_WEBHOOK_URL: 'http://notify.example.net/send',
    });
    expect(() => readNotifyConfig(remoteHttp)).toThrow(/must use https/);
  });

  it('accepts https and loopback http in development', () => {
    const https = readNotifyConfig(
      withVars({ NOTIFY_PROVIDER: 'webhook', NOTIFY_WEBHOOK_URL: 'https://notify.example.net/v1' }),
    );
    expect(https.provider).toBe('webhook');
    expect(https.provider === 'webhook' ? https.webhookUrl.href : null).toBe(
      'https://notify.example.net/v1',
    );

    const loopback = readNotifyConfig(
      withVars({ NOTIFY_PROVIDER: 'webhook', NOTIFY_WEBHOOK_URL: 'http://127.0.0.1:8788/n' }),
    );
    expect(loopback.provider).toBe('webhook');
  });
});

describe('providerFor', () => {
  it('picks the configured provider', () => {
    expect(providerFor({ provider: 'dev-outbox' })).toBe(devOutboxProvider);
    const webhook = providerFor({
      provider: 'webhook',
      webhookUrl: new URL('http://127.0.0.1:1/'),
    });
    expect(webhook.name).toBe('webhook');
    expect(webhook.deliversOnInsert).toBe(false);
  });
});

describe('webhookProvider', () => {
  const url = new URL('http://127.0.0.1:1/notify');

  it('posts the notification as JSON', async () => {
    const fetchMock = vi
      .spyOn(globalThis, 'fetch')
      .mockResolvedValue(new Response('{"id":"accepted"}', { status: 202 }));

    await webhookProvider(url).send({ ...NOTIFICATION });

    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [target, init] = fetchMock.mock.calls[0]!;
    expect(String(target)).toBe(url.href);
    expect(init?.method).toBe('POST');
    expect(new Headers(init?.headers).get('content-type')).toBe('application/json');
    expect(JSON.parse(String(init?.body))).toEqual(NOTIFICATION);
  });

  it('throws the status class on non-2xx', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(
      new Response(`rejected ${NOTIFICATION.recipient}`, { status: 429 }),
    );

    const failure = await webhookProvider(url)
      .send(NOTIFICATION)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DeliveryError);
    expect((failure as DeliveryError).reason).toBe('provider-http-429');
    // The provider's response text may quote the recipient, so the error never carries it.
    expect((failure as DeliveryError).message).not.toContain(NOTIFICATION.recipient);
  });

  it('throws provider-unreachable when nothing listens', async () => {
    // Port 1 on the loopback address has no listener, so the connection is refused.
    const failure = await webhookProvider(url)
      .send(NOTIFICATION)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DeliveryError);
    expect((failure as DeliveryError).reason).toBe('provider-unreachable');
  });
});
