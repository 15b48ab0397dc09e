import type { DrizzleD1Database } from 'drizzle-orm/d1';
import type { AssuranceLevel } from '../schema/people.ts';
import type * as schema from '../schema/index.ts';
import type { PortalConfig } from './config.ts';
import type { ActorFacts, PatientFacts } from './access/policy.ts';
import type { ChartSection } from '../views/models.ts';

export type Db = DrizzleD1Database<typeof schema>;

/** The signed-in person, as loaded by the session middleware. */
export interface SignedInPerson {
  personId: string;
  displayName: string;
  assuranceLevel: AssuranceLevel;
  // The patient record that is this person's own chart, if any.
  ownPatientId: string | null;
  staffId: string | null;
  sessionTokenHash: string;
}

/** The facts the access decision needs about the person of a session that has just timed out. */
export type ExpiredPerson = Pick<
  SignedInPerson,
  'personId' | 'assuranceLevel' | 'ownPatientId' | 'staffId'
>;

export interface AppEnv {
  Bindings: PortalBindings;
  Variables: {
    requestId: string;
    config: PortalConfig;
    db: Db;
    person: SignedInPerson | null;
    // Set when this request's session cookie pointed at a session that had just timed out, or
    // at a session row that no longer exists (signed out from another device).
    sessionEnded: 'timed-out' | 'signed-out-elsewhere' | null;
    // The person of the session that had just timed out, at the assurance level it had, or
    // unset. It does not sign the person in. Only the compose routes read it, to keep a draft.
    expiredPerson?: ExpiredPerson;
    // The chart opened by the openChart middleware, on chart routes only.
    chart?: OpenedChart;
  };
}

/** The chart a request opened, after the access decision allowed it. */
export interface OpenedChart {
  patientId: string;
  patientName: string;
  actor: ActorFacts;
  patient: PatientFacts;
  // Why the actor may open this chart. Pages show a banner while break-glass access lasts, so
  // the grant's instants are set when the reason is "break-glass" and null otherwise.
  access: {
    role: 'self' | 'proxy' | 'staff';
    reason: string;
    breakGlassStartedAt: string | null;
    breakGlassExpiresAt: string | null;
    // Chart sections the actor may not view, left out of the navigation. Each page still decides.
    hiddenSections: ChartSection[];
  };
}
