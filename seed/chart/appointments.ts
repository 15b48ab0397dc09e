import { addMonths, clinicInstantMs, isoInstant, nextWeekday, previousWeekday } from '../dates.ts';
import { chance, intBetween, newId } from '../random.ts';
import type { CareTeam, StaffMember } from '../population/clinic.ts';
import { clinicMinutes } from './visit-builders.ts';
import type { Sensitivity } from '../../schema/chart.ts';
import type { ChartContext, ChartPatient, PlannedVisit, VisitKind } from './types.ts';

type AppointmentKind = Exclude<VisitKind, 'urgent'>;
type AppointmentStatus = 'booked' | 'completed' | 'cancelled' | 'no-show';

/** An appointment after the reference date, kept for scheduling messages. */
export interface UpcomingAppointment {
  day: number;
  minutes: number;
  kind: AppointmentKind;
  sensitivity: Sensitivity;
}

const DURATION_MINUTES: Record<AppointmentKind, number> = {
  annual: 40,
  'well-child': 30,
  office: 20,
  telehealth: 20,
  lab: 15,
};

const VIDEO_LOCATION = 'Video visit (the link arrives by email)';

/**
 * Adds the appointment book: a completed appointment for each scheduled past visit, some
 * cancelled and missed ones, and booked appointments after the reference date. Walk-in urgent
 * care has no appointment.
 */
export function addAppointments(
  context: ChartContext,
  patient: ChartPatient,
  visits: PlannedVisit[],
): UpcomingAppointment[] {
  const { faker, referenceDay } = context;
  const minor = patient.age < 18;

  for (const visit of visits) {
    if (visit.kind === 'urgent') continue;
    // The appointment carries the visit's sensitivity, so the access policy can hide a teen's
    // confidential visit from a parent who has the scheduling scope.
    add(context, patient, {
      day: visit.day,
      minutes: visit.minutes,
      kind: visit.kind,
      reason: visit.reason,
      team: visit.team ?? patient.team,
      clinician: visit.clinician,
      status: 'completed',
      sensitivity: visit.sensitivity,
    });
  }

  const earliest = Math.max(patient.recordStartDay, referenceDay - 300);
  if (earliest < referenceDay - 1 && chance(faker, 0.3)) {
    const day = previousWeekday(intBetween(faker, earliest, referenceDay - 1));
    add(context, patient, {
      day,
      minutes: clinicMinutes(context, 24),
      kind: 'office',
      reason: 'Check-up',
      team: patient.team,
      clinician: patient.clinician,
      status: 'cancelled',
    });
  }
  if (earliest < referenceDay - 1 && chance(faker, 0.07)) {
    const day = previousWeekday(intBetween(faker, earliest, referenceDay - 1));
    add(context, patient, {
      day,
      minutes: clinicMinutes(context, 24),
      kind: 'office',
      reason: 'Check-up',
      team: patient.team,
      clinician: patient.clinician,
      status: 'no-show',
    });
  }

  const booked = minor ? bookForChild(context, patient) : bookForAdult(context, patient);
  return [...booked, ...bookConfidentialFollowUp(context, patient, visits)];
}

// A teen seen confidentially comes back for results and follow-up, with the same sensitivity.
function bookConfidentialFollowUp(
  context: ChartContext,
  patient: ChartPatient,
  visits: PlannedVisit[],
): UpcomingAppointment[] {
  const confidential = visits.find((visit) => visit.sensitivity === 'sexual-reproductive-health');
  if (!confidential || patient.age >= 18) return [];
  const day = nextWeekday(context.referenceDay + intBetween(context.faker, 5, 40));
  const reason = 'Confidential follow-up visit';
  const minutes = clinicMinutes(context, 24);
  add(context, patient, {
    day,
    minutes,
    kind: 'office',
    reason,
    team: patient.team,
    clinician: patient.clinician,
    status: 'booked',
    sensitivity: confidential.sensitivity,
  });
  return [{ day, minutes, kind: 'office', sensitivity: confidential.sensitivity }];
}

function bookForAdult(context: ChartContext, patient: ChartPatient): UpcomingAppointment[] {
  const { faker, referenceDay } = context;
  const booked: UpcomingAppointment[] = [];
  const primary = patient.conditions.filter((c) => !c.rule.followUp.behavioralHealth);

  if (chance(faker, 0.85)) {
    const followUp = primary.length > 0 && chance(faker, 0.7);
    const day = nextWeekday(referenceDay + intBetween(faker, 3, followUp ? 90 : 120));
    const reason = followUp
      ? `Follow-up: ${primary.map((c) => c.rule.followUp.label).join(', ')}`
      : 'Yearly physical';
    booked.push(
      book(
        context,
        patient,
        day,
        followUp ? 'office' : 'annual',
        reason,
        patient.team,
        patient.clinician,
      ),
    );
    if (followUp && chance(faker, 0.25)) {
      booked.push(
        book(
          context,
          patient,
          nextWeekday(Math.max(referenceDay + 1, day - 7)),
          'lab',
          'Lab work before your visit',
          patient.team,
          patient.clinician,
        ),
      );
    }
  }

  const team = patient.behavioralTeam;
  if (team && patient.conditions.some((c) => c.rule.followUp.behavioralHealth)) {
    const day = nextWeekday(referenceDay + intBetween(faker, 2, 28));
    const kind = chance(faker, 0.5) ? 'telehealth' : 'office';
    booked.push(
      book(
        context,
        patient,
        day,
        kind,
        'Counseling and medication check',
        team,
        team.clinicians[0] ?? null,
        'mental-health',
      ),
    );
  }
  return booked;
}

function bookForChild(context: ChartContext, patient: ChartPatient): UpcomingAppointment[] {
  const { faker, referenceDay } = context;
  const ageMonths = Math.floor((referenceDay - patient.birthDay) / 30.44);
  const nextMonths =
    [1, 2, 4, 6, 9, 12, 15, 18, 24, 30, 36].find((months) => months > ageMonths) ??
    (Math.floor(ageMonths / 12) + 1) * 12;
  const due = addMonths(patient.birthDay, nextMonths);

  if (due > referenceDay && due <= referenceDay + 150 && nextMonths < 18 * 12) {
    const reason =
      nextMonths < 24
        ? `Well-child visit, ${nextMonths} months`
        : `Well-child visit, ${nextMonths / 12} years`;
    return [
      book(
        context,
        patient,
        nextWeekday(due),
        'well-child',
        reason,
        patient.team,
        patient.clinician,
      ),
    ];
  }
  if (chance(faker, 0.3)) {
    const day = nextWeekday(referenceDay + intBetween(faker, 3, 60));
    return [book(context, patient, day, 'office', 'Check-up', patient.team, patient.clinician)];
  }
  return [];
}

function book(
  context: ChartContext,
  patient: ChartPatient,
  day: number,
  kind: AppointmentKind,
  reason: string,
  team: CareTeam,
  clinician: StaffMember | null,
  sensitivity: Sensitivity = 'normal',
): UpcomingAppointment {
  const minutes = clinicMinutes(context, 24);
  add(context, patient, {
    day,
    minutes,
    kind,
    reason,
    team,
    clinician,
    status: 'booked',
    sensitivity,
  });
  return { day, minutes, kind, sensitivity };
}

interface AppointmentFacts {
  day: number;
  minutes: number;
  kind: VisitKind;
  reason: string;
  team: CareTeam;
  clinician: StaffMember | null;
  status: AppointmentStatus;
  sensitivity?: Sensitivity;
}

function add(context: ChartContext, patient: ChartPatient, facts: AppointmentFacts): void {
  const kind = facts.kind === 'urgent' ? 'office' : facts.kind;
  context.rows.appointments.push({
    id: newId(context.faker),
    patientId: patient.id,
    startsAt: isoInstant(clinicInstantMs(facts.day, facts.minutes)),
    durationMinutes: DURATION_MINUTES[kind],
    kind,
    reason: facts.reason,
    location: kind === 'telehealth' ? VIDEO_LOCATION : facts.team.location,
    clinicianStaffId: facts.clinician?.staffId ?? null,
    status: facts.status,
    sensitivity: facts.sensitivity ?? 'normal',
  });
}
