import type { DrizzleD1Database } from 'drizzle-orm/d1';
import type { AssuranceLevel } from '../schema/people.ts';
import type * as schema from '../schema/index.ts';
import type { PortalConfig } from './config.ts';
import type { ActorFacts } from './access/policy.ts';

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

export interface AppEnv {
  Bindings: PortalBindings;
  Variables: {
    requestId: string;
    config: PortalConfig;
    db: Db;
    person: SignedInPerson | null;
    // Set when this request's session cookie pointed at a session that had just timed out.
    sessionEnded: 'timed-out' | null;
    // The chart opened by the openChart middleware, on chart routes only.
    chart?: OpenedChart;
  };
}

/** The chart a request opened, after the access decision allowed it. */
export interface OpenedChart {
  patientId: string;
  patientName: string;
  actor: ActorFacts;
}
