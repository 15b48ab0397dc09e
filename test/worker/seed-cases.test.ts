import { describe, expect, it } from 'vitest';
import {
  HARD_CASE_IDS,
  HardCaseDetector,
  MIN_PATIENTS_FOR_HARD_CASES,
  emptyRows,
  generatePopulation,
  type SeedRows,
} from '../../seed/index.ts';

const REFERENCE_DATE = '2026-11-03';

function detect(options: { seed: number; referenceDate: string; patients: number }) {
  const detector = new HardCaseDetector(options.referenceDate);
  for (const batch of generatePopulation(options)) detector.add(batch);
  return detector;
}

function patientRow(fields: Partial<SeedRows['patients'][number]>): SeedRows['patients'][number] {
  return {
    id: 'patient-1',
    mrn: 'SYN-000001',
    givenName: 'Ada',
    familyName: 'Quill',
    preferredName: null,
    birthDate: '1980-05-05',
    sexAtBirth: 'female',
    addressLine: '1 Example Street',
    city: 'Testville',
    state: 'WI',
    postalCode: '00000',
    synthetic: true,
    createdAt: '2020-01-01T00:00:00.000Z',
    ...fields,
  };
}

describe('hard cases', () => {
  it('all present in 200 patients', () => {
    const detector = detect({ seed: 7, referenceDate: REFERENCE_DATE, patients: 200 });
    expect(detector.missing()).toEqual([]);
    for (const status of detector.statuses()) expect(status.present, status.id).toBe(true);
  });

  // Reference dates around a leap day, both DST changes and a year end.
  it.each([
    ['2026-11-03', 1],
    ['2028-02-28', 2],
    ['2028-02-29', 3],
    ['2027-03-14', 4],
    ['2026-12-31', 5],
  ])('all present at the minimum size on %s', (referenceDate, seed) => {
    const detector = detect({ seed, referenceDate, patients: MIN_PATIENTS_FOR_HARD_CASES });
    expect(detector.missing()).toEqual([]);
  });

  it('lists every case in the summary order', () => {
    const detector = new HardCaseDetector(REFERENCE_DATE);
    expect(detector.statuses().map((status) => status.id)).toEqual(HARD_CASE_IDS);
    expect(detector.missing()).toEqual(HARD_CASE_IDS);
  });

  it('finds no case in plain rows', () => {
    const detector = new HardCaseDetector(REFERENCE_DATE);
    const batch = emptyRows();
    batch.patients.push(patientRow({}));
    detector.add(batch);
    expect(detector.missing()).toEqual(HARD_CASE_IDS);
  });

  it('detects birthdays by the reference date', () => {
    const detector = new HardCaseDetector(REFERENCE_DATE);
    const batch = emptyRows();
    batch.patients.push(
      patientRow({ id: 'tomorrow', birthDate: '2008-11-04' }),
      patientRow({ id: 'in-a-week', birthDate: '2008-11-10' }),
      patientRow({ id: 'leap', birthDate: '2016-02-29' }),
    );
    detector.add(batch);
    const present = new Set(
      detector
        .statuses()
        .filter((status) => status.present)
        .map((status) => status.id),
    );
    expect(present.has('turns-18-across-utc-midnight')).toBe(true);
    expect(present.has('turns-18-in-days')).toBe(true);
    expect(present.has('leap-day-birth')).toBe(true);
    expect(present.has('minor-12-17')).toBe(true);
    expect(present.has('minor-3-11')).toBe(true);
  });

  it('detects hard names', () => {
    const detector = new HardCaseDetector(REFERENCE_DATE);
    const batch = emptyRows();
    batch.patients.push(
      patientRow({ id: 'a', givenName: 'Zoë', familyName: "O'Connor-Ramírez" }),
      patientRow({
        id: 'b',
        givenName: 'Anna Maria Luisa',
        familyName: 'Vandermeulen-Ashcombe-Thistlewaite',
      }),
    );
    detector.add(batch);
    expect(detector.missing()).not.toContain('name-accents');
    expect(detector.missing()).not.toContain('name-apostrophe');
    expect(detector.missing()).not.toContain('name-hyphen');
    expect(detector.missing()).not.toContain('name-several-given');
    expect(detector.missing()).not.toContain('name-long');
  });

  it('ignores an expired adult proxy', () => {
    const detector = new HardCaseDetector(REFERENCE_DATE);
    const batch = emptyRows();
    batch.patients.push(patientRow({}));
    batch.relationships.push({
      id: 'grant-1',
      proxyPersonId: 'person-2',
      patientId: 'patient-1',
      kind: 'adult-designated-proxy',
      scopes: 'record',
      validFrom: '2025-11-01',
      validTo: '2026-11-01',
      status: 'expired',
      legalBasis: 'Proxy access form (synthetic)',
      restrictions: null,
      createdAt: '2025-11-01T16:00:00.000Z',
    });
    detector.add(batch);
    expect(detector.missing()).toContain('adult-proxy-expiring');
  });

  it('detects consent for one parent only', () => {
    const batch = emptyRows();
    batch.patients.push(patientRow({ id: 'teen', birthDate: '2011-06-01' }));
    batch.visits.push({
      id: 'visit-1',
      patientId: 'teen',
      startedAt: '2026-06-01T15:00:00.000Z',
      kind: 'office',
      reason: 'Confidential visit',
      clinicianStaffId: null,
      department: 'Pediatrics',
      sensitivity: 'sexual-reproductive-health',
    });
    for (const parent of ['mother', 'father']) {
      batch.relationships.push({
        id: `grant-${parent}`,
        proxyPersonId: parent,
        patientId: 'teen',
        kind: 'parent-of-minor',
        scopes: 'record,messaging,scheduling,billing',
        validFrom: '2011-06-01',
        validTo: '2029-06-01',
        status: 'active',
        legalBasis: 'Birth certificate on file (synthetic)',
        createdAt: '2020-01-01T00:00:00.000Z',
      });
    }
    const consent = {
      id: 'consent-1',
      patientId: 'teen',
      proxyPersonId: 'mother',
      scope: 'sensitive-categories' as const,
      grantedByPersonId: 'teen-person',
      grantedAt: '2026-07-01T00:00:00.000Z',
    };

    const withOne = new HardCaseDetector(REFERENCE_DATE);
    withOne.add({ ...batch, proxyConsents: [consent] });
    expect(withOne.missing()).not.toContain('teen-consent-one-parent');

    const withBoth = new HardCaseDetector(REFERENCE_DATE);
    withBoth.add({
      ...batch,
      proxyConsents: [consent, { ...consent, id: 'consent-2', proxyPersonId: 'father' }],
    });
    expect(withBoth.missing()).toContain('teen-consent-one-parent');
  });

  it('detects staff roles from the clinic batch', () => {
    const detector = new HardCaseDetector(REFERENCE_DATE);
    const clinic = emptyRows();
    clinic.staff.push(
      { id: 'officer', personId: 'p1', role: 'privacy-officer', displayName: 'Officer' },
      { id: 'desk', personId: 'p2', role: 'front-desk', displayName: 'Desk' },
      { id: 'doctor', personId: 'p3', role: 'clinician', displayName: 'Doctor' },
    );
    clinic.careTeamMembers.push({ careTeamId: 'adults', staffId: 'doctor' });
    detector.add(clinic);
    expect(detector.missing()).not.toContain('staff-privacy-officer');
    expect(detector.missing()).not.toContain('staff-front-desk');
    expect(detector.missing()).toContain('clinician-outside-care-team');

    const household = emptyRows();
    household.patients.push(patientRow({ id: 'child', birthDate: '2020-01-01' }));
    household.patientCareTeams.push({ patientId: 'child', careTeamId: 'children' });
    detector.add(household);
    expect(detector.missing()).not.toContain('clinician-outside-care-team');
  });

  it('detects an adult without an account', () => {
    const detector = new HardCaseDetector(REFERENCE_DATE);
    const batch = emptyRows();
    batch.patients.push(patientRow({}));
    batch.patientContacts.push({
      id: 'contact-1',
      patientId: 'patient-1',
      kind: 'email',
      value: 'ada.quill1@example.org',
      isPrimary: true,
      verifiedAt: null,
    });
    detector.add(batch);
    expect(detector.missing()).not.toContain('adult-without-account');

    const enrolled = new HardCaseDetector(REFERENCE_DATE);
    enrolled.add({
      ...batch,
      personPatients: [{ personId: 'person-1', patientId: 'patient-1', linkedAt: '2020-01-01' }],
    });
    expect(enrolled.missing()).toContain('adult-without-account');
  });
});
