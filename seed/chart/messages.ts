import type { Faker } from '@faker-js/faker';
import { LAB_PANELS } from '../clinical/labs.ts';
import { MEDICATIONS } from '../clinical/medications.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS, clinicInstantMs, isoInstant } from '../dates.ts';
import { chance, intBetween, newId, pick } from '../random.ts';
import type { StaffMember } from '../population/clinic.ts';
import type { UpcomingAppointment } from './appointments.ts';
import type { PanelResult } from './encounters.ts';
import type { ListedMedication } from './medications.ts';
import {
  billingDraft,
  confidentialDraft,
  generalDraft,
  mentalHealthDraft,
  refillDraft,
  resultDraft,
  schedulingDraft,
  type ThreadDraft,
  type Voice,
} from './message-templates.ts';
import type { IssuedStatement } from './statements.ts';
import type { ChartContext, ChartPatient } from './types.ts';

/** Chart facts that message threads can refer to. */
export interface ThreadFacts {
  medications: ListedMedication[];
  panels: PanelResult[];
  upcoming: UpcomingAppointment[];
  statements: IssuedStatement[];
}

interface Candidate {
  draft: ThreadDraft;
  /** The patient side's account that writes. */
  authorId: string;
  /** The thread cannot start before this instant, for example before a result was released. */
  notBeforeMs: number;
}

const THREAD_WINDOW_DAYS = 120;

/**
 * Adds message threads between the patient side and the care teams. Patients aged 13 and over
 * write for themselves; parents write for younger children and sometimes for teens. Sensitive
 * threads (mental health, confidential teen visits) are written only by the patient.
 */
export function addMessageThreads(
  context: ChartContext,
  patient: ChartPatient,
  facts: ThreadFacts,
): void {
  const { faker } = context;
  const candidates = ordinaryCandidates(context, patient, facts);
  const count = faker.helpers.weightedArrayElement([
    { weight: 3, value: 0 },
    { weight: 4, value: 1 },
    { weight: 3, value: 2 },
    { weight: 1, value: 3 },
  ]);
  const chosen = faker.helpers.arrayElements(candidates, Math.min(count, candidates.length));
  chosen.push(...sensitiveCandidates(context, patient, facts));

  for (const candidate of chosen) addThread(context, patient, candidate);
}

function ordinaryCandidates(
  context: ChartContext,
  patient: ChartPatient,
  facts: ThreadFacts,
): Candidate[] {
  const { faker, referenceMs } = context;
  const messagingProxies = patient.proxies.filter((proxy) => proxy.messaging);
  const parent = messagingProxies.length > 0 ? pick(faker, messagingProxies) : null;
  const writesSelf = patient.personId !== null && (parent === null || chance(faker, 0.5));
  const authorId = writesSelf ? patient.personId : (parent?.personId ?? null);
  if (!authorId) return [];

  // A thread starts only after its author's account, or the author's proxy grant, exists.
  const authorSinceMs = writesSelf ? patient.accountCreatedMs! : parent!.sinceMs;
  const voice = voiceFor(patient, writesSelf);
  const windowStart = Math.max(referenceMs - THREAD_WINDOW_DAYS * DAY_MS, authorSinceMs);
  const candidates: Candidate[] = [];

  const refillable = facts.medications.filter(
    (m) => m.active && m.sensitivity === 'normal' && !MEDICATIONS[m.id].courseDays,
  );
  if (refillable.length > 0) {
    const medication = MEDICATIONS[pick(faker, refillable).id].label;
    candidates.push({
      draft: refillDraft(voice, medication, intBetween(faker, 2, 7), 'normal'),
      authorId,
      notBeforeMs: windowStart,
    });
  }

  const recentPanels = facts.panels.filter(
    (p) => p.visit.sensitivity === 'normal' && p.releasedMs >= windowStart,
  );
  if (recentPanels.length > 0) {
    const panel = pick(faker, recentPanels);
    const draft = resultDraft(
      voice,
      LAB_PANELS[panel.panel].spoken,
      Math.floor(panel.releasedMs / DAY_MS),
      panel.highlight,
    );
    candidates.push({
      draft,
      authorId,
      notBeforeMs: Math.max(windowStart, panel.releasedMs + HOUR_MS),
    });
  }

  const upcoming =
    facts.upcoming.find(
      (appointment) => appointment.kind !== 'lab' && appointment.sensitivity === 'normal',
    ) ?? null;
  const scheduling = schedulingDraft(
    voice,
    upcoming ? { ...upcoming, video: upcoming.kind === 'telehealth' } : null,
  );
  candidates.push({ draft: scheduling, authorId, notBeforeMs: windowStart });

  const statement = facts.statements.filter((s) => s.sensitivity === 'normal').at(-1);
  if (statement && writesSelf) {
    const notBeforeMs = Math.max(windowStart, (statement.issuedDay + 2) * DAY_MS);
    candidates.push({
      draft: billingDraft(statement.amountDueCents, statement.serviceDay),
      authorId,
      notBeforeMs,
    });
  }

  candidates.push({ draft: generalDraft(voice), authorId, notBeforeMs: windowStart });
  return candidates;
}

function sensitiveCandidates(
  context: ChartContext,
  patient: ChartPatient,
  facts: ThreadFacts,
): Candidate[] {
  const { faker, referenceMs } = context;
  const authorId = patient.personId;
  if (!authorId) return [];

  const candidates: Candidate[] = [];
  const windowStart = Math.max(
    referenceMs - THREAD_WINDOW_DAYS * DAY_MS,
    patient.accountCreatedMs!,
  );
  const mentalHealth = patient.conditions.some((c) => c.rule.sensitivity === 'mental-health');
  if (mentalHealth && patient.behavioralTeam && chance(faker, 0.6)) {
    const medication = facts.medications.find((m) => m.active && m.sensitivity === 'mental-health');
    const draft = mentalHealthDraft(medication ? MEDICATIONS[medication.id].label : null);
    candidates.push({ draft, authorId, notBeforeMs: windowStart });
  }

  const confidential = facts.panels.find(
    (p) => p.visit.sensitivity === 'sexual-reproductive-health',
  );
  if (confidential && chance(faker, 0.6)) {
    const onBirthControl = facts.medications.some((m) => m.id === 'levora' && m.active);
    candidates.push({
      draft: confidentialDraft(onBirthControl),
      authorId,
      notBeforeMs: Math.max(windowStart, confidential.releasedMs + HOUR_MS),
    });
  }
  return candidates;
}

function addThread(context: ChartContext, patient: ChartPatient, candidate: Candidate): void {
  const { faker, rows, referenceMs, referenceDay } = context;
  const { draft } = candidate;
  const team =
    draft.team === 'behavioral' && patient.behavioralTeam ? patient.behavioralTeam : patient.team;
  const staff = staffFor(draft.staff, team, patient);

  const startFloor = Math.max(candidate.notBeforeMs, referenceMs - THREAD_WINDOW_DAYS * DAY_MS);
  const firstDay = Math.floor(startFloor / DAY_MS);
  const startDay = intBetween(faker, Math.min(firstDay, referenceDay - 1), referenceDay - 1);
  let sentMs = Math.max(startFloor, clinicInstantMs(startDay, intBetween(faker, 7 * 60, 22 * 60)));
  // Nothing is left to ask about before the reference date, for example a result released today.
  if (sentMs >= referenceMs - HOUR_MS) return;

  const threadId = newId(faker);
  const messages: (typeof rows.messages)[number][] = [];
  for (const [index, template] of draft.bodies.entries()) {
    if (index > 0) sentMs += intBetween(faker, 60, 28 * 60) * MINUTE_MS;
    if (index % 2 === 1) sentMs = duringClinicHours(faker, sentMs);
    // A reply that would come after the reference date has not been written yet.
    if (sentMs >= referenceMs) break;

    const fromStaff = index % 2 === 1;
    const isLast = index === draft.bodies.length - 1 || sentMs + 60 * MINUTE_MS >= referenceMs;
    messages.push({
      id: newId(faker),
      threadId,
      patientId: patient.id,
      authorPersonId: fromStaff ? null : candidate.authorId,
      authorStaffId: fromStaff ? staff.staffId : null,
      body: template.replace('{staff}', staff.displayName),
      sentAt: isoInstant(sentMs),
      // The patient side has read what it wrote; a staff message may still be unread.
      readAt: fromStaff ? readAtFor(context, sentMs, isLast) : isoInstant(sentMs),
    });
  }

  rows.messageThreads.push({
    id: threadId,
    patientId: patient.id,
    careTeamId: team.id,
    subject: draft.subject,
    category: draft.category,
    createdAt: messages[0]!.sentAt,
    lastMessageAt: messages.at(-1)!.sentAt,
    sensitivity: draft.sensitivity,
  });
  rows.messages.push(...messages);
}

// Recent replies are often still unread, so the portal has unread messages to show.
function readAtFor(context: ChartContext, sentMs: number, isLast: boolean): string | null {
  const { faker, referenceMs } = context;
  const recent = sentMs >= referenceMs - 10 * DAY_MS;
  if ((isLast && recent && chance(faker, 0.55)) || chance(faker, 0.05)) return null;
  const readMs = Math.min(
    sentMs + intBetween(faker, 10, 48 * 60) * MINUTE_MS,
    referenceMs - MINUTE_MS,
  );
  return isoInstant(Math.max(readMs, sentMs));
}

function staffFor(
  voice: ThreadDraft['staff'],
  team: ChartPatient['team'],
  patient: ChartPatient,
): StaffMember {
  if (voice === 'nurse') return team.nurses[0] ?? team.clinicians[0] ?? patient.clinician;
  if (voice === 'front-desk') return team.frontDesk[0] ?? patient.clinician;
  return team.clinicians.includes(patient.clinician)
    ? patient.clinician
    : (team.clinicians[0] ?? patient.clinician);
}

function voiceFor(patient: ChartPatient, self: boolean): Voice {
  const female = patient.sex === 'female';
  return {
    self,
    childName: patient.givenName.split(' ')[0] ?? patient.givenName,
    childWord: female ? 'daughter' : 'son',
    pronoun: female ? 'she' : 'he',
    possessive: female ? 'her' : 'his',
  };
}

/**
 * Moves a care-team reply written outside clinic hours (8:00 to 17:00 in the clinic's time
 * zone) to a time during the next opening hours, because staff answer portal messages at work.
 */
function duringClinicHours(faker: Faker, sentMs: number): number {
  const day = Math.floor(sentMs / DAY_MS);
  for (const candidateDay of [day - 1, day, day + 1]) {
    const opens = clinicInstantMs(candidateDay, 8 * 60);
    const closes = clinicInstantMs(candidateDay, 17 * 60);
    if (sentMs >= opens && sentMs < closes) return sentMs;
    if (sentMs < opens) return clinicInstantMs(candidateDay, intBetween(faker, 8 * 60, 11 * 60));
  }
  return clinicInstantMs(day + 2, intBetween(faker, 8 * 60, 11 * 60));
}
