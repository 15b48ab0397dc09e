import type { Faker } from '@faker-js/faker';
import { generateChart } from '../chart/index.ts';
import { drawAllergies, drawConditions } from '../chart/profile.ts';
import type { ChartPatient } from '../chart/types.ts';
import {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  addYears,
  ageOn,
  clinicInstantMs,
  isoInstant,
  parseIsoDate,
} from '../dates.ts';
import { chance, intBetween, newId, pick } from '../random.ts';
import { emptyRows, type SeedRows } from '../rows.ts';
import type { CareTeam, Clinic } from './clinic.ts';
import { medicalRecordNumber, patientEmail, phoneNumber } from './identity.ts';
import type { HouseholdPlan, MemberPlan } from './plans.ts';

export interface HouseholdContext {
  faker: Faker;
  referenceDate: string;
  referenceDay: number;
  referenceMs: number;
  clinic: Clinic;
  /** Returns the next patient sequence number, which makes MRNs and emails unique. */
  nextSequence: () => number;
}

interface Address {
  addressLine: string;
  city: string;
  state: string;
  postalCode: string;
}

interface ProxyAccess {
  personId: string;
  sinceMs: number;
  messaging: boolean;
}

interface Materialized {
  member: MemberPlan;
  patientId: string;
  recordStartDay: number;
  personId: string | null;
  accountCreatedMs: number | null;
}

/** Turns a household plan into rows: patients, contacts, accounts, proxy grants and charts. */
export function materializeHousehold(context: HouseholdContext, plan: HouseholdPlan): SeedRows {
  const { faker, referenceDay, referenceDate } = context;
  const rows = emptyRows();
  const home = drawAddress(faker);

  const people: Materialized[] = plan.members.map((member) => {
    const sequence = context.nextSequence();
    const patientId = newId(faker);
    const address = member.livesApart ? drawAddress(faker) : home;
    const birthDay = parseIsoDate(member.birthDate);
    const age = ageOn(member.birthDate, referenceDate);
    const recordStartDay = Math.max(birthDay, referenceDay - intBetween(faker, 30, 3650));

    rows.patients.push({
      id: patientId,
      mrn: medicalRecordNumber(sequence),
      givenName: member.givenName,
      familyName: member.familyName,
      preferredName: member.preferredName,
      birthDate: member.birthDate,
      sexAtBirth: member.sex,
      ...address,
      synthetic: true,
      createdAt: isoInstant(clinicInstantMs(recordStartDay, intBetween(faker, 8 * 60, 17 * 60))),
    });

    // Children under 13 have no account and no email; the household phone reaches a parent.
    const phone =
      age >= 13 ? phoneNumber(sequence) : (rows.patientContacts[0]?.value ?? phoneNumber(sequence));
    rows.patientContacts.push({
      id: newId(faker),
      patientId,
      kind: 'phone',
      value: phone,
      isPrimary: true,
      verifiedAt: null,
    });
    if (age < 13)
      return { member, patientId, recordStartDay, personId: null, accountCreatedMs: null };

    const email = patientEmail(member.givenName, member.familyName, sequence);
    if (member.noAccount) {
      // The address is on file but unverified. Enrollment sends its code here, never to one typed.
      rows.patientContacts.push({
        id: newId(faker),
        patientId,
        kind: 'email',
        value: email,
        isPrimary: true,
        verifiedAt: null,
      });
      return { member, patientId, recordStartDay, personId: null, accountCreatedMs: null };
    }
    const earliestAccount = Math.max(recordStartDay, parseIsoDate(addYears(member.birthDate, 13)));
    const accountCreatedDay = intBetween(
      faker,
      earliestAccount,
      Math.max(earliestAccount, referenceDay - 1),
    );
    const accountCreatedMs = clinicInstantMs(accountCreatedDay, intBetween(faker, 7 * 60, 22 * 60));
    const createdAt = isoInstant(accountCreatedMs);
    const personId = newId(faker);

    rows.patientContacts.push({
      id: newId(faker),
      patientId,
      kind: 'email',
      value: email,
      isPrimary: true,
      verifiedAt: createdAt,
    });
    rows.people.push({
      id: personId,
      email,
      displayName: `${member.preferredName ?? member.givenName} ${member.familyName}`,
      createdAt,
      disabledAt: null,
    });
    rows.personPatients.push({ personId, patientId, linkedAt: createdAt });
    return { member, patientId, recordStartDay, personId, accountCreatedMs };
  });

  const proxies = addRelationships(context, plan, people, rows);

  people.forEach((person, index) => {
    const chartPatient = chartPatientFor(context, person, proxies.get(index) ?? [], rows);
    generateChart({ ...context, rows }, chartPatient);
  });
  return rows;
}

// Adds the proxy grants and returns, per patient index, the active proxies.
function addRelationships(
  context: HouseholdContext,
  plan: HouseholdPlan,
  people: Materialized[],
  rows: SeedRows,
): Map<number, ProxyAccess[]> {
  const { faker, referenceDate, referenceMs } = context;
  const active = new Map<number, ProxyAccess[]>();

  for (const grant of plan.relationships) {
    const proxy = people[grant.proxy];
    const subject = people[grant.patient];
    if (!proxy?.personId || !subject) continue;

    const expired = grant.validTo !== null && grant.validTo <= referenceDate;
    let status: 'active' | 'expired' | 'revoked' = expired ? 'expired' : 'active';
    if (grant.revoked) status = 'revoked';
    // A grant is recorded once the proxy has an account and the grant has begun.
    const grantedMs = Math.max(
      proxy.accountCreatedMs! + MINUTE_MS * 5,
      clinicInstantMs(parseIsoDate(grant.validFrom), 10 * 60),
    );
    const createdMs = Math.min(grantedMs, referenceMs - HOUR_MS);
    const approver = grant.approvedByStaff ? context.clinic.approver : null;
    rows.relationships.push({
      id: newId(faker),
      proxyPersonId: proxy.personId,
      patientId: subject.patientId,
      kind: grant.kind,
      scopes: grant.scopes,
      validFrom: grant.validFrom,
      validTo: grant.validTo,
      status,
      legalBasis: grant.legalBasis,
      restrictions: grant.restrictions,
      restrictedScopes: grant.restrictedScopes,
      approvedByStaffId: approver?.staffId ?? null,
      approvedAt: approver ? isoInstant(createdMs) : null,
      createdAt: isoInstant(createdMs),
    });
    if (grant.sensitiveConsent && subject.personId) {
      addSensitiveConsent(context, rows, subject, proxy.personId, createdMs);
    }

    const barred = new Set(grant.restrictedScopes?.split(',') ?? []);
    const scopes = grant.scopes.split(',').filter((scope) => !barred.has(scope));
    // Only proxies who may read the record open results or write messages in the chart.
    if (status === 'active' && scopes.includes('record')) {
      const access = {
        personId: proxy.personId,
        sinceMs: createdMs,
        messaging: scopes.includes('messaging'),
      };
      active.set(grant.patient, [...(active.get(grant.patient) ?? []), access]);
    }
  }
  return active;
}

// The teen gives consent from their own account, 1 to 60 days after both it and the grant began.
function addSensitiveConsent(
  context: HouseholdContext,
  rows: SeedRows,
  teen: Materialized,
  parentPersonId: string,
  grantCreatedMs: number,
): void {
  const { faker, referenceMs } = context;
  const earliest = Math.max(grantCreatedMs, teen.accountCreatedMs!) + HOUR_MS;
  const grantedMs = Math.min(earliest + intBetween(faker, 1, 60) * DAY_MS, referenceMs - HOUR_MS);
  rows.proxyConsents.push({
    id: newId(faker),
    patientId: teen.patientId,
    proxyPersonId: parentPersonId,
    scope: 'sensitive-categories',
    grantedByPersonId: teen.personId,
    recordedByStaffId: null,
    grantedAt: isoInstant(grantedMs),
    revokedAt: null,
  });
}

function chartPatientFor(
  context: HouseholdContext,
  person: Materialized,
  proxies: ProxyAccess[],
  rows: SeedRows,
): ChartPatient {
  const { faker, referenceDate, referenceDay, clinic } = context;
  const { member } = person;
  const age = ageOn(member.birthDate, referenceDate);
  const conditions = drawConditions(
    faker,
    { age, sex: member.sex, birthDate: member.birthDate },
    member.conditions,
    referenceDay,
  );
  const allergies = drawAllergies(faker, age);

  const team = primaryTeam(faker, clinic, age);
  const needsBehavioralHealth = conditions.some((c) => c.rule.followUp.behavioralHealth);
  const behavioralTeam = needsBehavioralHealth ? clinic.teams.behavioralHealth : null;
  for (const assigned of [team, behavioralTeam]) {
    if (assigned)
      rows.patientCareTeams.push({ patientId: person.patientId, careTeamId: assigned.id });
  }

  return {
    id: person.patientId,
    givenName: member.givenName,
    familyName: member.familyName,
    sex: member.sex,
    birthDate: member.birthDate,
    birthDay: parseIsoDate(member.birthDate),
    age,
    recordStartDay: person.recordStartDay,
    personId: person.personId,
    accountCreatedMs: person.accountCreatedMs,
    proxies,
    team,
    behavioralTeam,
    clinician: pick(faker, team.clinicians),
    conditions,
    allergies,
    confidentialVisit: member.confidentialVisit,
  };
}

// Children see Pediatrics, older adults Internal Medicine, and other adults either primary team.
function primaryTeam(faker: Faker, clinic: Clinic, age: number): CareTeam {
  if (age < 18) return clinic.teams.pediatrics;
  if (age >= 65 || (age >= 40 && chance(faker, 0.3))) return clinic.teams.internalMedicine;
  return clinic.teams.familyMedicine;
}

function drawAddress(faker: Faker): Address {
  return {
    addressLine: faker.location.streetAddress(),
    city: faker.location.city(),
    state: faker.location.state({ abbreviated: true }),
    postalCode: faker.location.zipCode('#####'),
  };
}
