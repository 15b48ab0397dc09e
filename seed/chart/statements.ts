import type { Sensitivity } from '../../schema/chart.ts';
import { BLOOD_DRAW_CPT, SERVICES } from '../clinical/billing.ts';
import { LAB_PANELS } from '../clinical/labs.ts';
import { isoDate } from '../dates.ts';
import { chance, floatBetween, intBetween, newId } from '../random.ts';
import type { ChartContext, ChartPatient, PlannedVisit } from './types.ts';

/** A statement as the billing message threads refer to it. */
export interface IssuedStatement {
  serviceDay: number;
  sensitivity: Sensitivity;
  issuedDay: number;
  amountDueCents: number;
}

const STATEMENTS_PER_PATIENT = 3;
const PAYMENT_TERMS_DAYS = 30;

/**
 * Adds statements for the most recent billed visits of the last 13 months. Each statement
 * covers one visit: the visit itself, its tests and the blood draw. Preventive services are
 * paid in full by insurance; a visit whose patient share is zero gets no statement. Each line
 * carries the visit's sensitivity, so the access policy can hide a teen's confidential visit
 * from a parent who has the billing scope.
 */
export function addStatements(
  context: ChartContext,
  patient: ChartPatient,
  visits: PlannedVisit[],
): IssuedStatement[] {
  const { faker, referenceDay } = context;
  const billable = visits
    .filter((visit) => visit.day >= referenceDay - 395)
    .map((visit) => ({ visit, issuedDay: visit.day + intBetween(faker, 18, 35) }))
    .filter(({ issuedDay }) => issuedDay < referenceDay)
    .slice(-STATEMENTS_PER_PATIENT);

  const issued: IssuedStatement[] = [];
  for (const { visit, issuedDay } of billable) {
    const statement = addStatement(context, patient, visit, issuedDay);
    if (statement) issued.push(statement);
  }
  return issued;
}

function addStatement(
  context: ChartContext,
  patient: ChartPatient,
  visit: PlannedVisit,
  issuedDay: number,
): IssuedStatement | null {
  const { faker, rows, referenceDay } = context;
  const codes = billedCodes(visit);
  if (codes.length === 0) return null;

  // A plan in its deductible period pays nothing for services that are not preventive.
  const coveredShare = chance(faker, 0.12) ? 0 : floatBetween(faker, 0.6, 0.85, 2);
  const statementId = newId(faker);
  const lines = codes.map((cpt) => {
    const service = SERVICES[cpt]!;
    const chargeCents = intBetween(faker, service.charge[0] / 100, service.charge[1] / 100) * 100;
    const insurancePaidCents = service.preventive
      ? chargeCents
      : Math.round(chargeCents * coveredShare);
    return {
      id: newId(faker),
      statementId,
      patientId: patient.id,
      serviceOn: isoDate(visit.day),
      cptCode: cpt,
      description: service.description,
      chargeCents,
      insurancePaidCents,
      patientOwesCents: chargeCents - insurancePaidCents,
      sensitivity: visit.sensitivity,
    };
  });

  const amountDueCents = lines.reduce((sum, line) => sum + line.patientOwesCents, 0);
  if (amountDueCents === 0) return null;

  const dueDay = issuedDay + PAYMENT_TERMS_DAYS;
  const status = dueDay >= referenceDay ? 'open' : chance(faker, 0.75) ? 'paid' : 'overdue';
  // amount_due_cents keeps the amount billed on the statement, also after it is paid.
  rows.statements.push({
    id: statementId,
    patientId: patient.id,
    issuedOn: isoDate(issuedDay),
    dueOn: isoDate(dueDay),
    amountDueCents,
    status,
  });
  rows.statementLines.push(...lines);
  return { serviceDay: visit.day, sensitivity: visit.sensitivity, issuedDay, amountDueCents };
}

function billedCodes(visit: PlannedVisit): string[] {
  const codes = visit.visitCpt ? [visit.visitCpt] : [];
  for (const panel of visit.panels) codes.push(...LAB_PANELS[panel].cpt);
  if (visit.panels.some((panel) => LAB_PANELS[panel].bloodDraw)) codes.push(BLOOD_DRAW_CPT);
  return [...new Set(codes)];
}
