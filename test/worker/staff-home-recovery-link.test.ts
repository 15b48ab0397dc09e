// The staff home links to the staff-verified account reset only for the roles that may use it.
import { describe, expect, it } from 'vitest';
import { request } from './fixtures.ts';
import { createStaff, signInAtAal2 } from './staff-fixtures.ts';

const RESET_LINK = '<a href="/staff/recovery">';

describe('staff home reset link', () => {
  it.each(['front-desk', 'privacy-officer'] as const)('is shown to %s staff', async (role) => {
    const member = await createStaff(`reset-link-${role}`, role, []);
    const home = await request('/staff', { cookie: await signInAtAal2(member.email) });
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain(RESET_LINK);
    expect(html).toContain('Reset a patient&#39;s sign-in');
  });

  it.each(['clinician', 'nurse'] as const)('is hidden from %s staff', async (role) => {
    const member = await createStaff(`reset-link-${role}`, role, []);
    const home = await request('/staff', { cookie: await signInAtAal2(member.email) });
    expect(home.status).toBe(200);
    expect(await home.text()).not.toContain(RESET_LINK);
  });
});
