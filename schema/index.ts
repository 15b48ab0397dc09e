// The database schema and, beside each table, the PHI class of each of its columns.
import * as patients from './patients.ts';
import * as people from './people.ts';
import * as care from './care.ts';
import * as chart from './chart.ts';
import * as messages from './messages.ts';
import * as billing from './billing.ts';
import * as audit from './audit.ts';
import * as identity from './identity.ts';
import * as enrollment from './enrollment.ts';
import * as access from './access.ts';
import type { Table } from 'drizzle-orm';
import type { PhiTableClassification } from './phi.ts';

export * from './patients.ts';
export * from './people.ts';
export * from './care.ts';
export * from './chart.ts';
export * from './messages.ts';
export * from './billing.ts';
export * from './audit.ts';
export * from './identity.ts';
export * from './enrollment.ts';
export * from './access.ts';

/** Every table with its PHI classification, for the data map and the classification test. */
export const classifiedTables: { table: Table; phi: PhiTableClassification }[] = [
  { table: patients.patients, phi: patients.patientsPhi },
  { table: patients.patientContacts, phi: patients.patientContactsPhi },
  { table: people.people, phi: people.peoplePhi },
  { table: people.personPatients, phi: people.personPatientsPhi },
  { table: people.relationships, phi: people.relationshipsPhi },
  { table: people.sessions, phi: people.sessionsPhi },
  { table: people.oneTimeCodes, phi: people.oneTimeCodesPhi },
  { table: people.outbox, phi: people.outboxPhi },
  { table: care.staff, phi: care.staffPhi },
  { table: care.careTeams, phi: care.careTeamsPhi },
  { table: care.careTeamMembers, phi: care.careTeamMembersPhi },
  { table: care.patientCareTeams, phi: care.patientCareTeamsPhi },
  { table: chart.visits, phi: chart.visitsPhi },
  { table: chart.results, phi: chart.resultsPhi },
  { table: chart.medications, phi: chart.medicationsPhi },
  { table: chart.problems, phi: chart.problemsPhi },
  { table: chart.allergies, phi: chart.allergiesPhi },
  { table: chart.immunizations, phi: chart.immunizationsPhi },
  { table: chart.appointments, phi: chart.appointmentsPhi },
  { table: messages.messageThreads, phi: messages.messageThreadsPhi },
  { table: messages.messages, phi: messages.messagesPhi },
  { table: billing.statements, phi: billing.statementsPhi },
  { table: billing.statementLines, phi: billing.statementLinesPhi },
  { table: audit.auditEvents, phi: audit.auditEventsPhi },
  { table: identity.passkeys, phi: identity.passkeysPhi },
  { table: identity.webauthnChallenges, phi: identity.webauthnChallengesPhi },
  { table: identity.rateLimits, phi: identity.rateLimitsPhi },
  { table: audit.auditChainHeads, phi: audit.auditChainHeadsPhi },
  { table: audit.auditAlerts, phi: audit.auditAlertsPhi },
  { table: audit.auditReviews, phi: audit.auditReviewsPhi },
  { table: audit.auditPruneMarkers, phi: audit.auditPruneMarkersPhi },
  { table: chart.vitals, phi: chart.vitalsPhi },
  { table: enrollment.activationCodes, phi: enrollment.activationCodesPhi },
  { table: enrollment.proxyInvitations, phi: enrollment.proxyInvitationsPhi },
  { table: enrollment.recoveryCodes, phi: enrollment.recoveryCodesPhi },
  { table: enrollment.messageDrafts, phi: enrollment.messageDraftsPhi },
  { table: access.proxyConsents, phi: access.proxyConsentsPhi },
  { table: access.breakGlassGrants, phi: access.breakGlassGrantsPhi },
];
