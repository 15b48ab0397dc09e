import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { addMonths, calendarDate } from '../../worker/access/calendar.ts';
import { cookiesFrom, createPatient, postForm, request, signIn } from './fixtures.ts';
import {
  acceptInvitation,
  countAudit,
  newestCodeFor,
  newestInvitationToken,
  outboxRows,
  registerPasskey,
} from './enrollment-fixtures.ts';
import { createStaff, signInAtAal2 } from './staff-fixtures.ts';

let counter = 0;

function inviteeEmail(label: string) {
  counter += 1;
  return `invitee-${label}-${counter}@example.org`;
}

/** Signs in as a new adult patient and sends an invitation from the sharing page. */
async function invite(label: string, scopes = ['record', 'messaging']) {
  const patient = await createPatient(label);
  const cookie = await signIn(patient.email);
  const email = inviteeEmail(label);
  const body = new URLSearchParams({ email });
  for (const scope of scopes) body.append('scopes', scope);
  const sent = await request('/account/sharing/invitations', {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    cookie,
  });
  expect(sent.status).toBe(303);
  return { patient, cookie, email, token: await newestInvitationToken(email) };
}

async function relationshipsOf(patientId: string) {
  const { results } = await env.DB.prepare(
    'select * from relationships where patient_id = ? order by created_at',
  )
    .bind(patientId)
    .all<Record<string, string | null>>();
  return results;
}

describe('patient invitations', () => {
  it('emails a link that names nobody', async () => {
    const { email, token } = await invite('link');

    const message = (await outboxRows()).find((row) => row.recipient === email);
    expect(message?.body).toContain(`/invitations/${token}`);
    expect(message?.body).not.toContain('Test');
    const page = await request(`/invitations/${token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Test invited you to help with their care');
    expect(await countAudit('invitation.send', 'adult-designated-proxy')).toBeGreaterThan(0);
  });

  it('accepting creates an 18-month relationship', async () => {
    const { patient, email, token } = await invite('accept');

    const { response, cookie } = await acceptInvitation(token, email, 'Test Helper');

    expect(response.status).toBe(303);
    const chartPath = `/chart/${patient.patientId}`;
    expect(response.headers.get('location')).toBe(
      `/passkeys/new?${new URLSearchParams({ return: chartPath })}`,
    );
    const [relationship] = await relationshipsOf(patient.patientId);
    const today = calendarDate(new Date(), env.CLINIC_TIME_ZONE || 'America/Chicago');
    expect(relationship?.kind).toBe('adult-designated-proxy');
    expect(relationship?.status).toBe('active');
    expect(relationship?.scopes).toBe('record,messaging');
    expect(relationship?.valid_from).toBe(today);
    expect(relationship?.valid_to).toBe(addMonths(today, 18));
    const person = await env.DB.prepare('select id, display_name from people where email = ?')
      .bind(email)
      .first<{ id: string; display_name: string }>();
    expect(person?.display_name).toBe('Test Helper');
    expect(relationship?.proxy_person_id).toBe(person?.id);
    expect(await countAudit('invitation.accept')).toBeGreaterThan(0);

    // The proxy is signed in at AAL1, which the policy never lets into another person's chart.
    const denied = await request(chartPath, { cookie });
    expect(denied.status).toBe(303);
    expect(denied.headers.get('location')).toMatch(/^\/step-up/);
    const aal2 = await registerPasskey(cookie);
    const chart = await request(chartPath, { cookie: aal2 });
    expect(chart.status).toBe(200);
  });

  it('sends the code only to the invited address', async () => {
    const { email, token } = await invite('recipient');
    const before = (await outboxRows()).length;

    const sent = await postForm(`/invitations/${token}/code`, {});

    expect(sent.status).toBe(303);
    const messages = (await outboxRows()).slice(before);
    expect(messages.map((row) => row.recipient)).toEqual([email]);
  });

  it('rejects a wrong code and creates nothing', async () => {
    const { patient, email, token } = await invite('wrong-code');
    const started = await postForm(`/invitations/${token}/code`, {});
    const cookie = cookiesFrom(started);
    const right = await newestCodeFor(email);

    const wrong = await postForm(
      `/invitations/${token}/verify`,
      { name: 'Test Helper', code: right === '000000' ? '111111' : '000000' },
      cookie,
    );

    expect(wrong.status).toBe(400);
    const html = await wrong.text();
    expect(html).toContain('That code is not right');
    expect(html).toContain('value="Test Helper"');
    expect(await relationshipsOf(patient.patientId)).toEqual([]);
  });

  it('shows one page for used, expired, cancelled and unknown links', async () => {
    const used = await invite('used');
    await acceptInvitation(used.token, used.email);
    const expired = await invite('expired');
    await env.DB.prepare('update proxy_invitations set expires_at = ? where email = ?')
      .bind(new Date(Date.now() - 60_000).toISOString(), expired.email)
      .run();
    const cancelled = await invite('cancelled');
    const [open] = (
      await env.DB.prepare('select id from proxy_invitations where email = ?')
        .bind(cancelled.email)
        .all<{ id: string }>()
    ).results;
    const cancel = await postForm(
      `/account/sharing/invitations/${open!.id}/cancel`,
      {},
      cancelled.cookie,
    );
    expect(cancel.status).toBe(303);

    const tokens = [used.token, expired.token, cancelled.token, 'x'.repeat(43)];
    const headings = [];
    for (const token of tokens) {
      const page = await request(`/invitations/${token}`);
      expect(page.status).toBe(404);
      headings.push((await page.text()).match(/<h1>(.*?)<\/h1>/)?.[1]);
      const code = await postForm(`/invitations/${token}/code`, {});
      expect(code.status).toBe(404);
    }
    expect(new Set(headings)).toEqual(new Set(['This invitation cannot be used']));
    expect(await relationshipsOf(expired.patient.patientId)).toEqual([]);
    expect(await relationshipsOf(cancelled.patient.patientId)).toEqual([]);
  });

  it('reuses the account of an invitee who already has one', async () => {
    const { patient, token } = await invite('existing');
    const invitee = await createPatient('existing-invitee');
    await env.DB.prepare('update proxy_invitations set email = ? where patient_id = ?')
      .bind(invitee.email, patient.patientId)
      .run();

    const { response } = await acceptInvitation(token, invitee.email);

    expect(response.status).toBe(303);
    const [relationship] = await relationshipsOf(patient.patientId);
    expect(relationship?.proxy_person_id).toBe(invitee.personId);
    const people = await env.DB.prepare('select count(*) as n from people where email = ?')
      .bind(invitee.email)
      .first<{ n: number }>();
    expect(people?.n).toBe(1);
  });
});

describe('staff invitations', () => {
  it('requires the legal documents check', async () => {
    const patient = await createPatient('staff-check');
    const staff = await createStaff('invite-check', 'clinician', [patient.patientId]);
    const cookie = await signInAtAal2(staff.email);

    const response = await postForm(
      `/staff/patients/${patient.patientId}/invitations`,
      {
        email: inviteeEmail('staff-check'),
        kind: 'parent-of-minor',
        scopes: 'record',
        'legal-basis': 'Birth certificate',
      },
      cookie,
    );

    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('href="#documents-checked"');
    expect(html).toContain('value="Birth certificate"');
  });

  it('creates a relationship approved by the staff member', async () => {
    const patient = await createPatient('staff-accept');
    const staff = await createStaff('invite', 'clinician', [patient.patientId]);
    const cookie = await signInAtAal2(staff.email);
    const email = inviteeEmail('staff');

    const sent = await postForm(
      `/staff/patients/${patient.patientId}/invitations`,
      {
        email,
        kind: 'health-care-power-of-attorney',
        scopes: 'record',
        'legal-basis': 'Power of attorney document checked at the desk',
        'documents-checked': 'yes',
      },
      cookie,
    );
    expect(sent.status).toBe(303);
    const token = await newestInvitationToken(email);
    const page = await request(`/invitations/${token}`);
    expect(await page.text()).toContain('clinic invited you to act for Test');
    await acceptInvitation(token, email);

    const [relationship] = await relationshipsOf(patient.patientId);
    expect(relationship?.kind).toBe('health-care-power-of-attorney');
    expect(relationship?.approved_by_staff_id).toBe(staff.staffId);
    expect(relationship?.valid_to).toBeNull();
    expect(relationship?.legal_basis).toBe('Power of attorney document checked at the desk');
  });

  it('returns 404 outside the care teams', async () => {
    const patient = await createPatient('staff-other');
    const staff = await createStaff('invite-other', 'clinician', []);
    const cookie = await signInAtAal2(staff.email);

    const response = await request(`/staff/patients/${patient.patientId}/invitations`, { cookie });

    expect(response.status).toBe(404);
  });
});
