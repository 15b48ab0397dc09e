// Plain view models: what each page shows, already loaded and already authorized.
// Views never query the database and never decide access. Dates arrive as ISO strings
// (YYYY-MM-DD or full UTC instants) and views format them for people.
import type { ResultFlag } from '../schema/chart.ts';

/** Header and navigation data of a page. */
export interface PageChrome {
  title: string;
  // The person signed in, shown as "Signed in as ...". Null on sign-in pages.
  signedInAs: string | null;
  // Base path of the chart being viewed, for example "/chart/3f9c..."; null when none.
  chartPath: string | null;
  // Name of the patient whose chart is open; null when none.
  chartOf: string | null;
  // Nav item to mark as current.
  current?: 'home' | 'results' | 'medications' | 'messages' | 'appointments' | 'health';
  // IANA time zone of the clinic, for showing dates and times.
  timeZone: string;
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

export interface DashboardModel {
  patientName: string;
  nextAppointment: AppointmentSummary | null;
  newResults: ResultSummary[];
  unreadThreads: ThreadSummary[];
  // Whether the access decision lets the person signed in open the chart's access history.
  // Only the patient themself may, so the link is not shown to a proxy.
  canViewAccessHistory: boolean;
  // People whose charts the person signed in may act for, by an active relationship. Shown on
  // the person's own home page only.
  actingFor: { name: string; relationship: string; patientId: string }[];
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
}
