import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as schema from '../../schema/index.ts';
import { createPatient, db, request, signIn } from './fixtures.ts';
import { signInAtAal2 } from './staff-fixtures.ts';

// A person with an account but no chart of their own: someone who only acts for others.
async function createProxyOnly(label: string) {
  const personId = `person-proxy-only-${label}`;
  const email = `proxy-only-${label}@example.org`;
  await db()
    .insert(schema.people)
    .values({
      id: personId,
      email,
      displayName: `Test Proxy ${label}`,
      createdAt: '2026-01-01T00:00:00.000Z',
    });
  return { personId, email };
}

async function relate(
  proxyPersonId: string,
  patientId: string,
  values: Partial<typeof schema.relationships.$inferInsert> = {},
) {
  await db()
    .insert(schema.relationships)
    .values({
      id: `relationship-${proxyPersonId}-${patientId}`,
      proxyPersonId,
      patientId,
      kind: 'parent-of-minor',
      scopes: 'record,scheduling',
      validFrom: '2015-01-01',
      validTo: null,
      status: 'active',
      legalBasis: 'Made-up test document',
      approvedAt: '2015-01-01T12:00:00.000Z',
      createdAt: '2015-01-01T12:00:00.000Z',
      ...values,
    });
}

describe('proxy home', () => {
  it('lists charts a proxy may open now with scopes', async () => {
    const proxy = await createProxyOnly('home');
    const child = await createPatient('home-child', { birthDate: '2019-05-01' });
    const revokedChild = await createPatient('home-revoked', { birthDate: '2018-05-01' });
    const grownChild = await createPatient('home-grown', { birthDate: '1990-05-01' });
    await relate(proxy.personId, child.patientId);
    await relate(proxy.personId, revokedChild.patientId, { status: 'revoked' });
    await relate(proxy.personId, grownChild.patientId);
    const cookie = await signIn(proxy.email);

    const home = await request('/', { cookie });
    const html = await home.text();

    expect(home.status).toBe(200);
    expect(html).toContain('People you help care for');
    expect(html).toContain(`<a href="/chart/${child.patientId}">Test Patient home-child</a>`);
    expect(html).toContain('You can see: health record, appointments');
    expect(html).not.toContain(revokedChild.patientId);
    // Parental access ended by itself when this child turned 18.
    expect(html).not.toContain(grownChild.patientId);
    // Both are named without a link, so the proxy sees why the chart is gone.
    expect(html).toContain('Your access to Test Patient home-revoked’s records was stopped');
    expect(html).toContain('Your access to Test Patient home-grown’s records has ended');
  });

  it('warns a proxy whose access ends within 30 days', async () => {
    const proxy = await createProxyOnly('ending');
    const adult = await createPatient('ending-adult');
    const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    await relate(proxy.personId, adult.patientId, {
      kind: 'adult-designated-proxy',
      validTo: soon,
    });
    const cookie = await signIn(proxy.email);

    const html = await (await request('/', { cookie })).text();

    expect(html).toContain(`<a href="/chart/${adult.patientId}">`);
    expect(html).toContain('Your access ends after');
    expect(html).toContain('ask Test Patient ending-adult or the clinic to renew it');
  });

  it('explains an empty proxy list', async () => {
    const proxy = await createProxyOnly('none');
    const cookie = await signIn(proxy.email);

    const html = await (await request('/', { cookie })).text();

    expect(html).toContain('You cannot open anyone’s records right now');
  });

  it('prompts a recovered proxy for passkey', async () => {
    const proxy = await createProxyOnly('recovered');
    const child = await createPatient('recovered-child', { birthDate: '2019-05-01' });
    await relate(proxy.personId, child.patientId);
    await db()
      .update(schema.people)
      .set({ proxyBlockedSince: '2026-12-01T00:00:00.000Z' })
      .where(eq(schema.people.id, proxy.personId));
    const cookie = await signIn(proxy.email);

    const html = await (await request('/', { cookie })).text();

    expect(html).toContain('add a new passkey');
    expect(html).not.toContain(child.patientId);
  });

  it('lists a messaging-only chart with its scope', async () => {
    const proxy = await createProxyOnly('messaging');
    const child = await createPatient('messaging-child', { birthDate: '2019-05-01' });
    await relate(proxy.personId, child.patientId, { scopes: 'messaging' });
    const cookie = await signIn(proxy.email);

    const html = await (await request('/', { cookie })).text();

    expect(html).toContain(`<a href="/chart/${child.patientId}">Test Patient messaging-child</a>`);
    expect(html).toContain('You can see: messages');
    expect(html).not.toContain('health record');
  });

  it('links sharing only for own chart', async () => {
    const proxy = await createProxyOnly('header');
    const patient = await createPatient('header-patient');

    const proxyHtml = await (await request('/', { cookie: await signIn(proxy.email) })).text();
    const patientCookie = await signIn(patient.email);
    const patientHtml = await (
      await request(`/chart/${patient.patientId}`, { cookie: patientCookie })
    ).text();

    expect(proxyHtml).not.toContain('href="/account/sharing"');
    expect(patientHtml).toContain('<a href="/account/sharing">Who can see your record</a>');
  });
});

describe('proxy home passkey wording', () => {
  async function proxyWithChild(label: string) {
    const proxy = await createProxyOnly(label);
    const child = await createPatient(`${label}-child`, { birthDate: '2019-05-01' });
    await relate(proxy.personId, child.patientId);
    return proxy;
  }

  it('proxy without passkey: offered to add one', async () => {
    const proxy = await proxyWithChild('no-passkey');

    const html = await (await request('/', { cookie: await signIn(proxy.email) })).text();

    expect(html).toContain('You do not have one yet, so we will help you add one.');
    expect(html).not.toContain('You will be asked for your passkey');
  });

  it('prompts proxy at AAL1 for passkey', async () => {
    const proxy = await proxyWithChild('passkey-aal1');
    await signInAtAal2(proxy.email);

    const html = await (await request('/', { cookie: await signIn(proxy.email) })).text();

    expect(html).toContain('You will be asked for your passkey when you open their records.');
    expect(html).not.toContain('we will help you add one');
  });

  it('proxy at AAL2: no passkey wording', async () => {
    const proxy = await proxyWithChild('passkey-aal2');

    const html = await (await request('/', { cookie: await signInAtAal2(proxy.email) })).text();

    expect(html).toContain('People you help care for');
    expect(html).not.toContain('we will help you add one');
    expect(html).not.toContain('You will be asked for your passkey');
  });
});

describe('private items note', () => {
  const NOTE = 'items are private to them and are not shown here.';
  const LIST_PATHS = ['', '/results', '/health', '/messages', '/appointments'];

  it('parent of teen: note on every list', async () => {
    const proxy = await createProxyOnly('note-parent');
    // The teen has only ordinary items. The note follows the policy, not the data, so it does not
    // reveal to a parent whether a confidential item exists.
    const teen = await createPatient('note-teen', { birthDate: '2011-03-10' });
    await relate(proxy.personId, teen.patientId, { scopes: 'record,messaging,scheduling' });
    const cookie = await signInAtAal2(proxy.email);

    for (const path of LIST_PATHS) {
      const response = await request(`/chart/${teen.patientId}${path}`, { cookie });
      const html = await response.text();

      expect(response.status, path).toBe(200);
      expect(html, path).toContain(`Some of Test Patient note-teen’s ${NOTE}`);
    }
  });

  it('teen and parent of young child: no note', async () => {
    const teen = await createPatient('note-self', { birthDate: '2011-03-10' });
    const proxy = await createProxyOnly('note-young');
    const child = await createPatient('note-young-child', { birthDate: '2019-05-01' });
    await relate(proxy.personId, child.patientId, { scopes: 'record,messaging,scheduling' });
    const teenCookie = await signInAtAal2(teen.email);
    const proxyCookie = await signInAtAal2(proxy.email);

    for (const path of LIST_PATHS) {
      const own = await request(`/chart/${teen.patientId}${path}`, { cookie: teenCookie });
      const young = await request(`/chart/${child.patientId}${path}`, { cookie: proxyCookie });

      expect(own.status, path).toBe(200);
      expect(await own.text(), path).not.toContain(NOTE);
      expect(young.status, path).toBe(200);
      expect(await young.text(), path).not.toContain(NOTE);
    }
  });
});
