// Plain view models: what each page shows, already loaded and already authorized.
// Views never query the database and never decide access. Dates arrive as ISO strings
// (YYYY-MM-DD or full UTC instants) and views format them for people.
import type { ResultFlag } from '../schema/chart.ts';

/** Header and navigation data of a page. */
/** A section of the chart, as the navigation names it. */
export type ChartSection =
  'home' | 'results' | 'medications' | 'messages' | 'appointments' | 'health';

export interface PageChrome {
  title: string;
  // The person signed in, shown as "Signed in as ...". Null on sign-in pages.
  signedInAs: string | null;
  // Base path of the chart being viewed, for example "/chart/3f9c..."; null when none.
  chartPath: string | null;
  // Name of the patient whose chart is open; null when none.
  chartOf: string | null;
  // Nav item to mark as current.
  current?: ChartSection;
  // Nav items the access decision does not let the person signed in view, such as test results
  // for a proxy granted messaging only. Missing means none.
  hiddenNav?: ChartSection[];
  // IANA time zone of the clinic, for showing dates and times.
  timeZone: string;
  // False when the open chart is not the signed-in person's own (a proxy or staff reads it), so
  // pages name the patient instead of saying "you". Missing counts as true.
  subjectIsViewer?: boolean;
  // Set while the signed-in staff member reads this chart through break-glass, for the banner.
  breakGlass?: BreakGlassBanner | null;
  // The person signed in has a chart of their own, so the header links to who can see it.
  // Missing counts as false.
  hasOwnChart?: boolean;
  // The session's idle timeout in seconds when someone is signed in, for the idle warning
  // script; null or missing on pages for signed-out visitors.
  idleTimeoutSeconds?: number | null;
  // True when the access decision keeps some sensitivity categories of this list from the
  // person signed in, such as a parent reading a teen's chart. It follows the policy, not the
  // data, so it does not tell whether any item was left out. Missing counts as false.
  privateItemsHidden?: boolean;
  // True on staff pages, so the 404 page can point a clinician to emergency access.
  viewerIsStaff?: boolean;
}

export interface BreakGlassBanner {
  // Path the "End emergency access now" form posts to.
  endPath: string;
  // Instants of the grant. startedAt is null when the chart does not know it.
  startedAt: string | null;
  expiresAt: string;
}

export interface FormError {
  field: string;
  message: string;
}

export interface SignInModel {
  email: string;
  errors: FormError[];
  // Relative path to go back to after signing in, carried in a hidden field; null for home.
  returnTo: string | null;
  // A message shown above the form, for example after an inactivity timeout.
  notice: string | null;
}

export interface CodeEntryModel {
  // Sentence above the code field saying where codes go, without naming the address.
  notice: string | null;
  errors: FormError[];
  // True when the code flow has ended (expired, used up, too many attempts): show only
  // the way to ask for a new code.
  mustRestart: boolean;
  // Relative path to go back to after signing in, carried in a hidden field; null for home.
  returnTo: string | null;
}

export interface AppointmentSummary {
  id: string;
  startsAt: string;
  durationMinutes: number;
  kindLabel: string;
  reason: string;
  location: string;
  clinician: string | null;
  status: 'booked' | 'completed' | 'cancelled' | 'no-show';
}

export interface ResultSummary {
  id: string;
  name: string;
  panel: string;
  observedAt: string;
  // Formatted value with unit, for example "7.9 %" or "Negative".
  display: string;
  flag: ResultFlag;
  isNew: boolean;
}

export interface ResultsModel {
  // Newest first; the page groups them by panel in the order the panels first appear.
  results: ResultSummary[];
}

export interface ResultDetail extends ResultSummary {
  loincCode: string;
  valueNumeric: number | null;
  valueText: string | null;
  unit: string | null;
  referenceLow: number | null;
  referenceHigh: number | null;
  releasedAt: string;
  // Earlier values of the same LOINC code, newest first, at most a page of them.
  history: { observedAt: string; display: string; flag: ResultFlag }[];
  // True when there are more earlier values than the history shows.
  olderNotShown: boolean;
}

export interface MedicationSummary {
  id: string;
  name: string;
  instructions: string;
  startedOn: string;
  endedOn: string | null;
  status: 'active' | 'stopped';
  prescriber: string | null;
}

export interface MedicationsModel {
  // Active and stopped together; the page lists active ones first.
  medications: MedicationSummary[];
}

export interface ThreadSummary {
  id: string;
  subject: string;
  careTeam: string;
  lastMessageAt: string;
  unreadCount: number;
}

export interface MessagesModel {
  threads: ThreadSummary[];
}

export interface ThreadDetail {
  id: string;
  subject: string;
  careTeam: string;
  messages: { id: string; author: string; fromCareTeam: boolean; sentAt: string; body: string }[];
}

/** A person whose chart the signed-in proxy may open now, with the scopes they have. */
export interface ActingForEntry {
  patientId: string;
  name: string;
  // The kind of relationship in plain words, for example "parent".
  relationship: string;
  // Scopes the relationship allows now: record, messaging, scheduling, billing.
  scopes: string[];
  // The last day of access (YYYY-MM-DD) when it ends within 30 days, else null.
  endsOn?: string | null;
}

/** The passkey step the chart switcher describes: add one, be asked for it, or none. */
export type PasskeyStep = 'add' | 'ask' | 'none';

/** The proxy home: everyone the signed-in person may act for now. */
export interface ProxyHomeModel {
  actingFor: ActingForEntry[];
  // The passkey step before opening a chart: 'add' when the person has no passkey, 'ask' when
  // they have one but are signed in at AAL1, 'none' at AAL2.
  passkeyStep: PasskeyStep;
  // An account recovery blocks proxy access until the person adds a new passkey.
  blockedUntilPasskey: boolean;
  // Relationships that ended by date or age ('ended') or that someone stopped ('stopped').
  ended: { name: string; why: 'ended' | 'stopped' }[];
}

export interface DashboardModel {
  patientName: string;
  // The sections the access decision lets the person signed in view. A proxy with only some
  // scopes gets only the sections of those scopes.
  sections: { appointments: boolean; results: boolean; messages: boolean };
  nextAppointment: AppointmentSummary | null;
  newResults: ResultSummary[];
  unreadThreads: ThreadSummary[];
  // Whether the access decision lets the person signed in open the chart's access history.
  // Only the patient themself may, so the link is not shown to a proxy.
  canViewAccessHistory: boolean;
  // People whose charts the person signed in may act for, by an active relationship. Shown on
  // the person's own home page only.
  actingFor: ActingForEntry[];
  // The passkey step before opening those charts, as on the proxy home. Missing means 'none'.
  passkeyStep?: PasskeyStep;
}

export interface AppointmentsModel {
  // Split by the feature code because views never read the clock.
  // Upcoming soonest first, past most recent first.
  upcoming: AppointmentSummary[];
  past: AppointmentSummary[];
}

export interface HealthSummaryModel {
  problems: { id: string; name: string; onsetOn: string; status: 'active' | 'resolved' }[];
  allergies: { id: string; substance: string; reaction: string; severity: string }[];
  immunizations: { id: string; name: string; givenOn: string; doseNumber: number }[];
}

/** The part of the chart that one view opened: a whole list, or one item in it. */
export type ViewedPart =
  | 'chart'
  | 'home'
  | 'results'
  | 'result'
  | 'medications'
  | 'messages'
  | 'message-thread'
  | 'appointments'
  | 'health-summary'
  | 'access-history';

/** In what capacity someone opened the chart. */
export type ViewerCapacity =
  // The patient themself.
  | 'self'
  | 'proxy'
  | 'care-team'
  | 'break-glass'
  // Staff whose access reason is neither of the two above.
  | 'staff'
  // An audit event with any other actor role.
  | 'unknown';

export interface AccessHistoryEntry {
  // The instant of the view, as recorded in the audit event.
  viewedAt: string;
  viewed: ViewedPart;
  capacity: ViewerCapacity;
  // Display name of the proxy or staff member: null for the patient and when no name is on file.
  viewerName: string | null;
}

export interface AccessHistoryModel {
  // One page of allowed views, newest first.
  entries: AccessHistoryEntry[];
  // 1-based page number, as in the ?page= query parameter.
  page: number;
  // True when older views exist on the next page.
  hasOlderPage: boolean;
}

export interface StaffHomeModel {
  displayName: string;
  role: string;
  careTeams: { name: string; department: string; patientCount: number }[];
  // One page of the patients of the staff member's care teams, by family name.
  careTeamPatients: StaffPatientRow[];
  careTeamPager: PagerModel;
  // The search as typed, or null when none was made. Results are empty when nothing matched.
  search: { query: string; results: StaffPatientRow[]; error: string | null } | null;
}

/** Position in a paged list: the page shown and links to the pages around it, null at either end. */
export interface PagerModel {
  page: number;
  previousPath: string | null;
  nextPath: string | null;
}

/** A patient in a staff list. */
export interface StaffPatientRow {
  patientId: string;
  name: string;
  mrn: string;
  // Shown only for patients of the staff member's care teams; null for everyone else.
  birthDate: string | null;
  onCareTeam: boolean;
}

/** Reason class a staff member gives for break-glass. "other" needs a description in words. */
export type BreakGlassReason =
  'emergency-care' | 'continuity-of-care' | 'patient-request' | 'other';

export interface BreakGlassModel {
  patientId: string;
  patientName: string;
  mrn: string;
  // The staff member is on the patient's care team and needs no break-glass.
  onCareTeam: boolean;
  // Expiry of the staff member's break-glass for this chart that is still running, if any.
  liveUntil: string | null;
  minutes: number;
  // The form as typed, kept after a failed submission.
  reason: BreakGlassReason | '';
  details: string;
  errors: FormError[];
}

/** A proxy relationship as staff see it when approving or restricting it. */
export interface StaffRelationshipSummary {
  id: string;
  patientId: string;
  patientName: string;
  proxyName: string;
  kindLabel: string;
  status: string;
  createdAt: string;
}

export interface StaffRelationshipsModel {
  pending: StaffRelationshipSummary[];
  // Relationships in force or suspended, which staff may restrict, suspend or revoke.
  current: StaffRelationshipSummary[];
  // True when the list covers every patient (privacy officers and front desk), not only the
  // staff member's care teams.
  allPatients: boolean;
  // Both lists show the same page number, so one pager moves through both.
  pager: PagerModel;
}

export interface StaffRelationshipModel extends StaffRelationshipSummary {
  mrn: string;
  patientBirthDate: string;
  proxyEmail: string;
  scopes: string[];
  validFrom: string;
  validTo: string | null;
  legalBasis: string;
  restrictions: string | null;
  restrictedScopes: string[];
  approvedAt: string | null;
  // Whether a teen's consent to the sensitive parts of the record can be recorded for this proxy
  // (parental relationships only), and when one was recorded, if any.
  consentApplies: boolean;
  consentGrantedAt: string | null;
  // Staff recorded the consent in force, so staff may revoke it. A consent the teen gave
  // themself is theirs to revoke.
  consentRecordedByStaff: boolean;
  // A confirmation after a change, or null.
  notice: string | null;
  // Values typed into the forms, kept after a failed submission.
  form: {
    documentsChecked: boolean;
    legalBasis: string;
    courtOrder: string;
    restrictScopes: string[];
    consentConfirmed: boolean;
  };
  errors: FormError[];
}

export interface OutboxModel {
  // The page lists them newest first, whatever order they arrive in.
  messages: {
    id: string;
    channel: string;
    recipient: string;
    subject: string;
    body: string;
    createdAt: string;
  }[];
}

export interface SessionSummary {
  // An HMAC of the session's token hash for the sign-out form, never the stored hash itself.
  id: string;
  // Coarse device class: phone, tablet, computer or unknown.
  deviceClass: string;
  startedAt: string;
  lastSeenAt: string;
  // True for the session of the request that shows the page.
  isCurrent: boolean;
}

export interface SessionsModel {
  // The person's sessions, most recently active first.
  sessions: SessionSummary[];
  // A confirmation shown after ending sessions, or null.
  notice: string | null;
}

export interface PasskeySummary {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface PasskeysModel {
  passkeys: PasskeySummary[];
  errors: FormError[];
  // A confirmation shown above the list, for example after a rename.
  notice: string | null;
  // A name typed into a rename form that was rejected, shown again in that form.
  typedName?: { passkeyId: string; value: string } | null;
  // A recovery paused the person's proxy access until they add a new passkey.
  proxyBlocked?: boolean;
  // The person has their own chart, so the "always require my passkey" setting applies.
  hasOwnChart?: boolean;
}

export interface AddPasskeyModel {
  // Relative path to go to once the passkey is added; null for the passkeys list.
  returnTo: string | null;
  // True when the person was sent here because a page needs a passkey they do not have yet.
  neededForReturn: boolean;
}

export interface StepUpModel {
  // Relative path to go back to after the passkey check; null for home.
  returnTo: string | null;
  // The account was recovered and no passkey was added since, so the passkey on file may be lost.
  recoveredWithoutNewPasskey?: boolean;
}
