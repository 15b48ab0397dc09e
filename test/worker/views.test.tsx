// Renders every page with made-up view models and checks what a person, a screen reader
// and a slow phone would meet. The checks cover escaped text, error links, kept input,
// headings, labels and tables, the absence of inline script and style, and the 14 KB
// compressed budget.
import type { JSX } from 'hono/jsx/jsx-runtime';
import { describe, expect, it } from 'vitest';
import css from '../../views/static/app.css';
import passkeyScript from '../../views/static/passkey.min.js';
import { formatDate, formatDateTime } from '../../views/format.ts';
import type {
  AccessHistoryEntry,
  AppointmentSummary,
  PageChrome,
  ResultDetail,
  ResultSummary,
} from '../../views/models.ts';
import { AccessHistoryPage } from '../../views/pages/access-history.tsx';
import { AppointmentsPage } from '../../views/pages/appointments.tsx';
import { CodeEntryPage } from '../../views/pages/code-entry.tsx';
import { DashboardPage } from '../../views/pages/dashboard.tsx';
import { ErrorPage } from '../../views/pages/error.tsx';
import { HealthSummaryPage } from '../../views/pages/health-summary.tsx';
import { MedicationsPage } from '../../views/pages/medications.tsx';
import { MessagesPage } from '../../views/pages/messages.tsx';
import { NotFoundPage } from '../../views/pages/not-found.tsx';
import { OutboxPage } from '../../views/pages/outbox.tsx';
import { PrivacyAlertsPage } from '../../views/pages/privacy-alerts.tsx';
import { PrivacyReviewsPage } from '../../views/pages/privacy-reviews.tsx';
import { ProxyHomePage } from '../../views/pages/proxy-home.tsx';
import { ResultDetailPage } from '../../views/pages/result-detail.tsx';
import { ResultsPage } from '../../views/pages/results.tsx';
import { SignInPage } from '../../views/pages/sign-in.tsx';
import { SessionsPage } from '../../views/pages/sessions.tsx';
import { SignedOutPage } from '../../views/pages/signed-out.tsx';
import { BreakGlassPage } from '../../views/pages/staff-break-glass.tsx';
import { StaffHomePage } from '../../views/pages/staff-home.tsx';
import { StaffRelationshipPage } from '../../views/pages/staff-relationship.tsx';
import { StaffRelationshipsPage } from '../../views/pages/staff-relationships.tsx';
import { ThreadPage } from '../../views/pages/thread.tsx';
import { referenceRangeText } from '../../views/reference-range.ts';
import { renderDocument } from '../../views/render.ts';

const TIME_ZONE = 'America/Chicago';
const CHART_PATH = '/chart/test-patient-1';
const BUDGET_BYTES = 14 * 1024;

const signedOutChrome: PageChrome = {
  title: 'Sign in',
  signedInAs: null,
  chartPath: null,
  chartOf: null,
  timeZone: TIME_ZONE,
};

function chartChrome(
  title: string,
  current: PageChrome['current'],
  signedInAs = 'Test Patient',
): PageChrome {
  return {
    title,
    signedInAs,
    chartPath: CHART_PATH,
    chartOf: 'Test Patient',
    current,
    timeZone: TIME_ZONE,
    // Set, so the budget checks count the header's link to the sharing page.
    hasOwnChart: true,
  };
}

// Fake view models, sized like a long-standing chart so the budget check means something.

// Every section of the chart's home page, as shown to the patient.
const ALL_SECTIONS = { appointments: true, results: true, messages: true };

function appointment(index: number, status: AppointmentSummary['status']): AppointmentSummary {
  return {
    id: `appointment-${index}`,
    startsAt: `2025-0${(index % 9) + 1}-1${index % 10}T15:30:00Z`,
    durationMinutes: 30,
    kindLabel: 'Office visit',
    reason: 'Follow-up for test condition',
    location: 'Test Clinic, 100 Example Street',
    clinician: 'Dr. Test Clinician',
    status,
  };
}

function result(index: number): ResultSummary {
  const flags = ['normal', 'low', 'high', 'critical-low', 'critical-high'] as const;
  return {
    id: `result-${index}`,
    name: `Test analyte ${index}`,
    panel: `Test panel ${index % 6}`,
    observedAt: `2024-0${(index % 9) + 1}-0${(index % 9) + 1}T14:00:00Z`,
    display: `${(index * 1.7).toFixed(1)} mg/dL`,
    flag: flags[index % flags.length]!,
    isNew: index % 4 === 0,
  };
}

const results = Array.from({ length: 60 }, (_, index) => result(index));

const resultDetail: ResultDetail = {
  ...result(1),
  name: 'Hemoglobin A1c',
  display: '7.9 %',
  flag: 'high',
  loincCode: '4548-4',
  valueNumeric: 7.9,
  valueText: null,
  unit: '%',
  referenceLow: 4,
  referenceHigh: 5.6,
  releasedAt: '2024-02-03T16:00:00Z',
  history: Array.from({ length: 20 }, (_, index) => ({
    observedAt: `20${10 + index}-06-01T14:00:00Z`,
    display: `${(6 + index / 10).toFixed(1)} %`,
    flag: 'high' as const,
  })),
  olderNotShown: true,
};

const threadSummaries = Array.from({ length: 30 }, (_, index) => ({
  id: `thread-${index}`,
  subject: `Question about test topic ${index}`,
  careTeam: 'Test Care Team',
  lastMessageAt: '2025-03-04T20:30:00Z',
  unreadCount: index % 3,
}));

const injectedBody = '<script>alert("x")</script> & <b>bold</b>';

const thread = {
  id: 'thread-1',
  subject: 'Question about <i>test</i> results',
  careTeam: 'Test Care Team',
  messages: Array.from({ length: 25 }, (_, index) => ({
    id: `message-${index}`,
    author: index % 2 ? 'Dr. Test Clinician' : 'Test Patient',
    fromCareTeam: index % 2 === 1,
    sentAt: `2025-03-0${(index % 9) + 1}T1${index % 10}:05:00Z`,
    body:
      index === 0
        ? injectedBody
        : 'This is a made-up message body for a layout test.\nIt has a second line. '.repeat(4),
  })),
};

// A full page of views: the patient, proxies and staff in every capacity, with long names.
const accessHistoryEntries: AccessHistoryEntry[] = Array.from({ length: 50 }, (_, index) => {
  const viewers = [
    { capacity: 'self', viewerName: null },
    { capacity: 'proxy', viewerName: 'Test Proxy-Parent O’Example' },
    { capacity: 'care-team', viewerName: 'Dr. Test Clinician, MD' },
    { capacity: 'break-glass', viewerName: 'Dr. Test Emergency, DO' },
    { capacity: 'staff', viewerName: null },
  ] as const;
  const viewed = ['home', 'results', 'result', 'medications', 'message-thread'] as const;
  return {
    viewedAt: `2025-03-${String(28 - (index % 28)).padStart(2, '0')}T1${index % 10}:05:00Z`,
    viewed: viewed[index % viewed.length]!,
    ...viewers[index % viewers.length]!,
  };
});

const staffRelationship = {
  id: 'relationship-1',
  patientId: 'test-patient-1',
  patientName: 'Test Patient',
  proxyName: 'Test Parent',
  kindLabel: 'Parent',
  status: 'pending',
  createdAt: '2026-11-01T00:00:00.000Z',
};

const pages: Record<string, () => JSX.Element> = {
  SignInPage: () => (
    <SignInPage
      chrome={signedOutChrome}
      model={{ email: '', errors: [], returnTo: null, notice: null }}
    />
  ),
  SignInPageWithError: () => (
    <SignInPage
      chrome={signedOutChrome}
      model={{
        email: 'test.patient@example',
        errors: [{ field: 'email', message: 'Enter an email address in the correct format' }],
        returnTo: '/chart/test-patient-1/results',
        notice: null,
      }}
    />
  ),
  CodeEntryPage: () => (
    <CodeEntryPage
      chrome={{ ...signedOutChrome, title: 'Enter your code' }}
      model={{
        notice: 'If the address you entered is on file, we have sent a 6-digit code to it.',
        errors: [{ field: 'code', message: 'The code must be 6 digits, like 123456' }],
        mustRestart: false,
        returnTo: null,
      }}
    />
  ),
  CodeEntryPageRestart: () => (
    <CodeEntryPage
      chrome={{ ...signedOutChrome, title: 'Enter your code' }}
      model={{
        notice: null,
        errors: [{ field: 'code', message: 'That code has expired. Ask for a new code.' }],
        mustRestart: true,
        returnTo: null,
      }}
    />
  ),
  DashboardPage: () => (
    <DashboardPage
      chrome={chartChrome('Home', 'home')}
      model={{
        patientName: 'Test Patient',
        nextAppointment: appointment(1, 'booked'),
        newResults: results.slice(0, 5),
        unreadThreads: threadSummaries.filter((summary) => summary.unreadCount > 0),
        sections: ALL_SECTIONS,
        canViewAccessHistory: true,
        actingFor: [
          {
            name: 'Test Child',
            relationship: 'parent',
            patientId: 'patient-child',
            scopes: ['record', 'messaging'],
          },
        ],
      }}
    />
  ),
  ProxyHomePage: () => (
    <ProxyHomePage
      chrome={{ ...signedOutChrome, title: 'Home', signedInAs: 'Test Parent' }}
      model={{
        actingFor: [
          {
            name: 'Test Child',
            relationship: 'parent',
            patientId: 'patient-child',
            scopes: ['record', 'messaging', 'scheduling'],
            endsOn: '2026-12-20',
          },
        ],
        blockedUntilPasskey: false,
        passkeyStep: 'add',
        ended: [
          { name: 'Test Adult', why: 'ended' },
          { name: 'Test Other', why: 'stopped' },
        ],
      }}
    />
  ),
  ResultsPage: () => (
    <ResultsPage chrome={chartChrome('Test results', 'results')} model={{ results }} />
  ),
  ResultDetailPage: () => (
    <ResultDetailPage chrome={chartChrome('Hemoglobin A1c', 'results')} model={resultDetail} />
  ),
  MedicationsPage: () => (
    <MedicationsPage
      chrome={chartChrome('Medications', 'medications')}
      model={{
        medications: Array.from({ length: 20 }, (_, index) => ({
          id: `medication-${index}`,
          name: `Testamycin ${index * 10} mg tablet`,
          instructions: 'Take 1 tablet by mouth once a day with food.',
          startedOn: '2020-01-15',
          endedOn: index % 3 === 0 ? '2023-05-01' : null,
          status: index % 3 === 0 ? ('stopped' as const) : ('active' as const),
          prescriber: 'Dr. Test Clinician',
        })),
      }}
    />
  ),
  MessagesPage: () => (
    <MessagesPage
      chrome={chartChrome('Messages', 'messages')}
      model={{ threads: threadSummaries }}
    />
  ),
  ThreadPage: () => <ThreadPage chrome={chartChrome('Messages', 'messages')} model={thread} />,
  AppointmentsPage: () => (
    <AppointmentsPage
      chrome={chartChrome('Appointments', 'appointments')}
      model={{
        upcoming: [appointment(1, 'booked'), appointment(2, 'booked')],
        past: Array.from({ length: 30 }, (_, index) =>
          appointment(index, index % 5 === 0 ? 'cancelled' : 'completed'),
        ),
      }}
    />
  ),
  HealthSummaryPage: () => (
    <HealthSummaryPage
      chrome={chartChrome('Health summary', 'health')}
      model={{
        problems: Array.from({ length: 15 }, (_, index) => ({
          id: `problem-${index}`,
          name: `Test condition ${index}`,
          onsetOn: '2015-07-04',
          status: index % 2 ? ('resolved' as const) : ('active' as const),
        })),
        allergies: [
          { id: 'allergy-1', substance: 'Testicillin', reaction: 'Rash', severity: 'Mild' },
        ],
        immunizations: Array.from({ length: 30 }, (_, index) => ({
          id: `immunization-${index}`,
          name: `Test vaccine ${index}`,
          givenOn: '2012-02-29',
          doseNumber: (index % 4) + 1,
        })),
      }}
    />
  ),
  AccessHistoryPage: () => (
    <AccessHistoryPage
      chrome={chartChrome('Who has viewed your record', undefined)}
      model={{ entries: accessHistoryEntries, page: 2, hasOlderPage: true }}
    />
  ),
  SessionsPage: () => (
    <SessionsPage
      chrome={{ ...signedOutChrome, title: 'Your sessions', signedInAs: 'Test Patient' }}
      model={{
        sessions: [
          {
            id: 'current-session-id',
            deviceClass: 'computer',
            startedAt: '2025-03-04T14:00:00Z',
            lastSeenAt: '2025-03-04T14:30:00Z',
            isCurrent: true,
          },
          {
            id: 'phone-session-id',
            deviceClass: 'phone',
            startedAt: '2025-03-03T09:00:00Z',
            lastSeenAt: '2025-03-03T09:10:00Z',
            isCurrent: false,
          },
        ],
        notice: null,
      }}
    />
  ),
  StaffHomePage: () => (
    <StaffHomePage
      chrome={{ ...signedOutChrome, title: 'Staff home', signedInAs: 'Test Clinician' }}
      model={{
        displayName: 'Test Clinician',
        role: 'Nurse',
        careTeams: [{ name: 'Test Care Team', department: 'Family medicine', patientCount: 42 }],
        careTeamPatients: [
          {
            patientId: 'test-patient-1',
            name: 'Test Patient',
            mrn: 'SYN-TEST-1',
            birthDate: '1980-01-01',
            onCareTeam: true,
          },
        ],
        careTeamPager: { page: 2, previousPath: '/staff', nextPath: '/staff?page=3' },
        search: {
          query: 'Other',
          results: [
            {
              patientId: 'test-patient-2',
              name: 'Other Test Patient',
              mrn: 'SYN-TEST-2',
              birthDate: null,
              onCareTeam: false,
            },
          ],
          error: null,
        },
      }}
    />
  ),
  BreakGlassPage: () => (
    <BreakGlassPage
      chrome={{
        ...signedOutChrome,
        title: 'Error: Emergency access',
        signedInAs: 'Test Clinician',
      }}
      model={{
        patientId: 'test-patient-2',
        patientName: 'Other Test Patient',
        mrn: 'SYN-TEST-2',
        onCareTeam: false,
        liveUntil: null,
        minutes: 60,
        reason: 'other',
        details: 'short',
        errors: [{ field: 'details', message: 'Describe why you need to open this chart' }],
      }}
    />
  ),
  StaffRelationshipsPage: () => (
    <StaffRelationshipsPage
      chrome={{ ...signedOutChrome, title: 'Proxy relationships', signedInAs: 'Test Clinician' }}
      model={{
        pending: [staffRelationship],
        current: [],
        allPatients: false,
        pager: { page: 1, previousPath: null, nextPath: null },
      }}
    />
  ),
  StaffRelationshipPage: () => (
    <StaffRelationshipPage
      chrome={{ ...signedOutChrome, title: 'Proxy relationship', signedInAs: 'Test Clinician' }}
      model={{
        ...staffRelationship,
        mrn: 'SYN-TEST-1',
        patientBirthDate: '2020-06-01',
        proxyEmail: 'test-parent@example.org',
        scopes: ['record', 'messaging'],
        validFrom: '2020-06-01',
        validTo: null,
        legalBasis: '',
        restrictions: null,
        restrictedScopes: [],
        approvedAt: null,
        consentApplies: true,
        consentGrantedAt: null,
        consentRecordedByStaff: false,
        notice: null,
        form: {
          documentsChecked: false,
          legalBasis: 'Birth certificate',
          courtOrder: '',
          restrictScopes: [],
          consentConfirmed: false,
        },
        errors: [{ field: 'documentsChecked', message: 'Tick the box' }],
      }}
    />
  ),
  MedicationsPageWithBreakGlass: () => (
    <MedicationsPage
      chrome={{
        ...chartChrome('Medications', 'medications', 'Test Clinician'),
        subjectIsViewer: false,
        breakGlass: {
          endPath: '/staff/break-glass/test-patient-1/end',
          startedAt: '2026-12-04T15:00:00.000Z',
          expiresAt: '2026-12-04T16:00:00.000Z',
        },
      }}
      model={{ medications: [] }}
    />
  ),
  OutboxPage: () => (
    <OutboxPage
      chrome={{ ...signedOutChrome, title: 'Development outbox' }}
      model={{
        messages: Array.from({ length: 50 }, (_, index) => ({
          id: `outbox-${index}`,
          channel: 'email',
          recipient: `test.patient${index}@example.org`,
          subject: 'Your sign-in code',
          body: `Your code is 0000${index % 10}0. It works for 10 minutes.`,
          createdAt: `2025-03-04T${String(index % 24).padStart(2, '0')}:00:00Z`,
        })),
      }}
    />
  ),
  SignedOutPage: () => <SignedOutPage chrome={signedOutChrome} reason="signed-out" />,
  SignedOutPageTimedOut: () => <SignedOutPage chrome={signedOutChrome} reason="timed-out" />,
  NotFoundPage: () => <NotFoundPage chrome={{ ...signedOutChrome, title: 'Page not found' }} />,
  NotFoundPageForStaff: () => (
    <NotFoundPage
      chrome={{
        ...signedOutChrome,
        title: 'Page not found',
        signedInAs: 'Test Clinician',
        viewerIsStaff: true,
      }}
    />
  ),
  ResultsPageWithPrivateItems: () => (
    <ResultsPage
      chrome={{
        ...chartChrome('Test results', 'results', 'Test Parent'),
        subjectIsViewer: false,
        privateItemsHidden: true,
      }}
      model={{ results: [] }}
    />
  ),
  PrivacyAlertsPage: () => (
    <PrivacyAlertsPage
      chrome={{ ...signedOutChrome, title: 'Alerts', signedInAs: 'Test Officer' }}
      model={{
        alerts: [1, 20].map((eventCount) => ({
          id: `alert-${eventCount}`,
          title: 'Bulk access to charts',
          subjectKey: 'person:076f3790-0000-4000-8000-000000000000',
          triggerSeq: 42,
          eventCount,
          windowStart: '2026-11-24T15:00:00.000Z',
          createdAt: '2026-11-24T16:00:00.000Z',
          acknowledgedAt: null,
          acknowledgedBy: null,
        })),
      }}
    />
  ),
  PrivacyReviewsPageWithError: () => (
    <PrivacyReviewsPage
      chrome={{ ...signedOutChrome, title: 'Weekly sign-off', signedInAs: 'Test Officer' }}
      model={{
        periodStart: '2026-11-23',
        periodEnd: '2026-11-30',
        lastCompleteMonday: '2026-11-23',
        lastCompleteSunday: '2026-11-29',
        weekInput: '2026-11-30',
        counts: {
          eventCount: 0,
          firstSeq: null,
          lastSeq: null,
          alertCount: 0,
          breakGlassCount: 0,
          unreviewedBreakGlass: 0,
        },
        signOffs: [],
        note: '',
        errors: [{ field: 'week', message: 'Choose a week that has ended, for example last week' }],
        signed: false,
      }}
    />
  ),
  ErrorPage: () => <ErrorPage chrome={{ ...signedOutChrome, title: 'Sorry' }} status={503} />,
};

function render(name: string): Promise<string> {
  return renderDocument(pages[name]!());
}

async function gzipSize(text: string): Promise<number> {
  const compressed = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return (await new Response(compressed).arrayBuffer()).byteLength;
}

interface Outline {
  headings: number[];
  ids: string[];
  labelFors: string[];
  inputs: { id: string | null; type: string | null; name: string | null; value: string | null }[];
  scripts: { src: string | null }[];
  styleAttributes: number;
  styleElements: number;
  currentLinks: { href: string | null; text: string }[];
  tables: number;
  captions: number;
  headerCellsWithoutScope: number;
  links: string[];
  text: string;
}

// Parses the document with workerd's HTMLRewriter, a real streaming HTML parser.
async function outline(html: string): Promise<Outline> {
  const found: Outline = {
    headings: [],
    ids: [],
    labelFors: [],
    inputs: [],
    scripts: [],
    styleAttributes: 0,
    styleElements: 0,
    currentLinks: [],
    tables: 0,
    captions: 0,
    headerCellsWithoutScope: 0,
    links: [],
    text: '',
  };
  let currentLink: { href: string | null; text: string } | null = null;

  const rewriter = new HTMLRewriter()
    .on('*', {
      element(element) {
        const id = element.getAttribute('id');
        if (id !== null) found.ids.push(id);
        if (element.hasAttribute('style')) found.styleAttributes++;
        const level = /^h([1-6])$/.exec(element.tagName);
        if (level) found.headings.push(Number(level[1]));
      },
    })
    .on('label', { element: (element) => void found.labelFors.push(element.getAttribute('for')!) })
    .on('input', {
      element(element) {
        found.inputs.push({
          id: element.getAttribute('id'),
          type: element.getAttribute('type'),
          name: element.getAttribute('name'),
          value: element.getAttribute('value'),
        });
      },
    })
    .on('script', {
      element: (element) => void found.scripts.push({ src: element.getAttribute('src') }),
    })
    .on('style', { element: () => void found.styleElements++ })
    .on('table', { element: () => void found.tables++ })
    .on('caption', { element: () => void found.captions++ })
    .on('th', {
      element(element) {
        if (!element.hasAttribute('scope')) found.headerCellsWithoutScope++;
      },
    })
    .on('a', {
      element(element) {
        found.links.push(element.getAttribute('href') ?? '');
      },
    })
    .on('a[aria-current="page"]', {
      element(element) {
        currentLink = { href: element.getAttribute('href'), text: '' };
        found.currentLinks.push(currentLink);
      },
      text(chunk) {
        if (currentLink) currentLink.text += chunk.text;
      },
    })
    .on('body', {
      text(chunk) {
        found.text += chunk.text;
      },
    });

  await rewriter.transform(new Response(html)).text();
  found.text = decodeEntities(found.text);
  return found;
}

// HTMLRewriter passes text through as written, so the entities hono/jsx writes are decoded
// here to compare with what a browser shows.
function decodeEntities(text: string): string {
  return text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');
}

describe('every page', () => {
  for (const name of Object.keys(pages)) {
    it(`${name} is a complete, accessible document`, async () => {
      const html = await render(name);
      const page = await outline(html);

      expect(html.startsWith('<!doctype html><html lang="en">')).toBe(true);
      expect(html).toContain('<meta charset="utf-8"/>');
      expect(html).toContain('<link rel="stylesheet" href="/static/app.css"/>');
      expect(html).toContain('<main id="main"');
      expect(html).toContain('href="#main"');
      expect(page.headings.filter((level) => level === 1)).toHaveLength(1);
      expect(page.headings[0]).toBe(1);
      for (let index = 1; index < page.headings.length; index++) {
        expect(page.headings[index]! - page.headings[index - 1]!).toBeLessThanOrEqual(1);
      }
      for (const input of page.inputs.filter((input) => input.type !== 'hidden')) {
        expect(page.labelFors).toContain(input.id);
      }
      expect(page.captions).toBe(page.tables);
      expect(page.headerCellsWithoutScope).toBe(0);
    });

    it(`${name} has no inline script or style`, async () => {
      const page = await outline(await render(name));

      // Pages with a passkey ceremony load the passkey script in place of htmx.
      const script = name.startsWith('SignInPage') ? 'passkey' : 'htmx';
      expect(page.scripts).toEqual([{ src: `/static/${script}.min.js` }]);
      expect(page.styleAttributes).toBe(0);
      expect(page.styleElements).toBe(0);
    });

    it(`${name} fits 14 KB compressed with app.css`, async () => {
      const size = (await gzipSize(await render(name))) + (await gzipSize(css));

      expect(size, `${name}: ${size} bytes`).toBeLessThanOrEqual(BUDGET_BYTES);
    });
  }
});

describe('Layout', () => {
  it('sets title, htmx config and boost', async () => {
    const html = await render('ResultsPage');

    expect(html).toContain('<title>Test results – Patient portal</title>');
    expect(html).toContain('<body hx-boost="true">');
    expect(html).toContain('<script src="/static/htmx.min.js" defer=""></script>');
    const config = /<meta name="htmx-config" content="([^"]*)"/.exec(html)?.[1] ?? '';
    expect(JSON.parse(config.replaceAll('&quot;', '"'))).toEqual({
      historyCacheSize: 0,
      refreshOnHistoryMiss: true,
      includeIndicatorStyles: false,
      allowEval: false,
      allowScriptTags: false,
      selfRequestsOnly: true,
      responseHandling: [
        { code: '204', swap: false },
        { code: '[23]..', swap: true },
        { code: '[45]..', swap: true, error: true },
      ],
    });
  });

  it('marks the current nav item', async () => {
    const expected: Record<string, [string, string]> = {
      DashboardPage: [CHART_PATH, 'Home'],
      ResultsPage: [`${CHART_PATH}/results`, 'Test results'],
      MedicationsPage: [`${CHART_PATH}/medications`, 'Medications'],
      MessagesPage: [`${CHART_PATH}/messages`, 'Messages'],
      AppointmentsPage: [`${CHART_PATH}/appointments`, 'Appointments'],
      HealthSummaryPage: [`${CHART_PATH}/health`, 'Health summary'],
    };

    for (const [name, [href, text]] of Object.entries(expected)) {
      const page = await outline(await render(name));
      expect(page.currentLinks, name).toEqual([{ href, text }]);
    }
  });

  it('lists all six chart sections', async () => {
    const page = await outline(await render('DashboardPage'));

    for (const suffix of [
      '',
      '/results',
      '/medications',
      '/messages',
      '/appointments',
      '/health',
    ]) {
      expect(page.links).toContain(CHART_PATH + suffix);
    }
  });

  it('shows sign-out form when signed in', async () => {
    const html = await render('DashboardPage');

    expect(html).toContain('Signed in as Test Patient');
    expect(html).toMatch(/<form method="post" action="\/sign-out"[^>]*><button type="submit"/);
  });

  it('hides nav and sign-out when signed out', async () => {
    const html = await render('SignInPage');

    expect(html).not.toContain('Signed in as');
    expect(html).not.toContain('/sign-out');
    expect(html).not.toContain('aria-label="Chart"');
  });

  it('names the chart a proxy is viewing', async () => {
    const chrome = { ...chartChrome('Home', 'home', 'Test Parent'), subjectIsViewer: false };
    const model = {
      patientName: 'Test Patient',
      nextAppointment: null,
      newResults: [],
      unreadThreads: [],
      sections: ALL_SECTIONS,
      canViewAccessHistory: false,
      actingFor: [],
    };
    const html = await renderDocument(<DashboardPage chrome={chrome} model={model} />);

    expect(html).toContain('You are viewing the chart of <strong>Test Patient</strong>');
    expect(html).toContain('<h1>Test Patient</h1>');
    expect(html).not.toContain('Hello, Test Patient');
  });
});

describe('forms', () => {
  it('ErrorSummary links point at field ids', async () => {
    for (const name of ['SignInPageWithError', 'CodeEntryPage']) {
      const page = await outline(await render(name));
      const fragments = page.links.filter((href) => href.startsWith('#') && href !== '#main');

      expect(fragments.length, name).toBeGreaterThan(0);
      for (const fragment of fragments) {
        expect(page.ids, name).toContain(fragment.slice(1));
      }
    }
  });

  it('SignInPage keeps typed email', async () => {
    const page = await outline(await render('SignInPageWithError'));
    const email = page.inputs.find((input) => input.name === 'email');

    expect(email?.value).toBe('test.patient@example');
    expect(email?.type).toBe('email');
  });

  it('SignInPage shows error beside field', async () => {
    const html = await render('SignInPageWithError');

    expect(html).toContain('<title>Error: Sign in – Patient portal</title>');
    expect(html).toContain('There is a problem');
    expect(html).toContain('id="email-error"');
    expect(html).toContain('aria-describedby="email-error"');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('<form method="post" action="/sign-in" novalidate="">');
    expect(html).toContain('name="return" value="/chart/test-patient-1/results"');
  });

  it('SignInPage without errors has no summary', async () => {
    const html = await render('SignInPage');

    expect(html).not.toContain('There is a problem');
    expect(html).toContain('Send me a code');
    expect(html).toContain('autocomplete="email"');
  });

  it('CodeEntryPage asks for numeric one-time code', async () => {
    const html = await render('CodeEntryPage');
    const page = await outline(html);

    expect(html).toContain('action="/sign-in/code"');
    expect(html).toContain('inputmode="numeric"');
    expect(html).toContain('autocomplete="one-time-code"');
    expect(html).toContain('The code must be 6 digits, like 123456');
    expect(page.links).toContain('/sign-in');
  });

  it('CodeEntryPage on restart offers only new code', async () => {
    const html = await render('CodeEntryPageRestart');
    const page = await outline(html);

    expect(page.inputs).toEqual([]);
    expect(html).not.toContain('<form method="post" action="/sign-in/code"');
    expect(html).toContain('That code has expired. Ask for a new code.');
    expect(page.links).toContain('/sign-in');
  });

  it('CodeEntryPage keeps return path on new code link', async () => {
    const chrome = { ...signedOutChrome, title: 'Enter your code' };
    const model = { notice: null, errors: [], mustRestart: true, returnTo: '/chart/a b' };
    const page = await outline(
      await renderDocument(<CodeEntryPage chrome={chrome} model={model} />),
    );

    expect(page.links).toContain('/sign-in?return=%2Fchart%2Fa+b');
  });
});

describe('escaping', () => {
  it('ThreadPage keeps script in body as text', async () => {
    const html = await render('ThreadPage');
    const page = await outline(html);

    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<b>bold</b>');
    expect(html).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;',
    );
    expect(page.text).toContain(injectedBody);
    expect(page.scripts).toEqual([{ src: '/static/htmx.min.js' }]);
  });

  it('ThreadPage escapes subject in title and heading', async () => {
    const html = await render('ThreadPage');

    expect(html).not.toContain('<i>test</i>');
    expect(html).toContain('<h1>Question about &lt;i&gt;test&lt;/i&gt; results</h1>');
  });

  it('SignInPage offers emailed code after cancel', async () => {
    const html = await render('SignInPage');

    // The script links its message to the email field of the code form on the same page.
    expect(passkeyScript).toContain('sign in with an emailed code');
    expect(passkeyScript).toContain('#email');
    expect(html).toContain('id="email"');
  });

  it('SignInPage escapes typed email attribute', async () => {
    const model = { email: '"><script>x</script>', errors: [], returnTo: null, notice: null };
    const html = await renderDocument(<SignInPage chrome={signedOutChrome} model={model} />);

    expect(html).not.toContain('<script>x');
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
  });
});

describe('chart pages', () => {
  it('DashboardPage greets patient and links items', async () => {
    const html = await render('DashboardPage');
    const page = await outline(html);

    expect(html).toContain('<h1>Hello, Test Patient</h1>');
    expect(page.links).toContain(`${CHART_PATH}/results/result-0`);
    expect(page.links).toContain(`${CHART_PATH}/messages/thread-1`);
    expect(html).toContain('1 unread message');
    expect(html).toContain('2 unread messages');
  });

  it('DashboardPage without items says so', async () => {
    const model = {
      patientName: 'Test Patient',
      nextAppointment: null,
      newResults: [],
      unreadThreads: [],
      sections: ALL_SECTIONS,
      canViewAccessHistory: false,
      actingFor: [],
    };
    const html = await renderDocument(
      <DashboardPage chrome={chartChrome('Home', 'home')} model={model} />,
    );

    expect(html).toContain('No upcoming appointments');
    expect(html).toContain('No new test results');
    expect(html).toContain('No unread messages');
  });

  it('ResultsPage groups by panel with flags', async () => {
    const html = await render('ResultsPage');
    const page = await outline(html);

    expect(page.tables).toBe(6);
    expect(html).toContain('<caption><h2>Test panel 0</h2></caption>');
    expect(page.links).toContain(`${CHART_PATH}/results/result-59`);
    expect(html).toContain('<span class="flag flag-critical-high">Very high</span>');
    expect(html).toContain('<span class="flag flag-low">Low</span>');
    expect(html).toContain('<strong class="badge">New</strong>');
  });

  it('ResultDetailPage explains range and flag', async () => {
    const html = await render('ResultDetailPage');

    expect(html).toContain('Normal range: 4.0–5.6 %');
    expect(html).toContain('This result is above the normal range.');
    expect(html).toContain('<span class="flag flag-high">High</span>');
    expect(html).toContain('will contact you about any result that needs');
    expect(html).toContain('<caption><h2>Earlier results</h2></caption>');
  });

  it('MedicationsPage lists active before stopped', async () => {
    const html = await render('MedicationsPage');

    const current = html.indexOf('Current medications');
    const stopped = html.indexOf('Stopped medications');
    expect(current).toBeGreaterThan(-1);
    expect(stopped).toBeGreaterThan(current);
    expect(html.indexOf('Testamycin 10 mg')).toBeLessThan(stopped);
    expect(html.indexOf('Testamycin 0 mg')).toBeGreaterThan(stopped);
    expect(html).toContain('Prescribed by Dr. Test Clinician');
  });

  it('AppointmentsPage separates upcoming and past', async () => {
    const html = await render('AppointmentsPage');

    expect(html.indexOf('Upcoming appointments')).toBeLessThan(html.indexOf('Past appointments'));
    expect(html).toContain('Status: Booked');
    expect(html).toContain('Status: Canceled');
    expect(html).toContain('Status: Completed');
  });

  it('HealthSummaryPage keeps leap-day immunization date', async () => {
    const html = await render('HealthSummaryPage');

    expect(html).toContain('<time datetime="2012-02-29">February 29, 2012</time>');
    expect(html).toContain('<caption><h2>Allergies</h2></caption>');
  });

  it('DashboardPage shows only allowed sections', async () => {
    const chrome: PageChrome = {
      ...chartChrome('Home', 'home', 'Test Parent'),
      subjectIsViewer: false,
      hiddenNav: ['results', 'medications', 'appointments', 'health'],
    };
    const model = {
      patientName: 'Test Patient',
      nextAppointment: null,
      newResults: [],
      unreadThreads: [],
      sections: { appointments: false, results: false, messages: true },
      canViewAccessHistory: false,
      actingFor: [],
    };
    const html = await renderDocument(<DashboardPage chrome={chrome} model={model} />);

    expect(html).toContain('No unread messages');
    expect(html).not.toContain('Next appointment');
    expect(html).not.toContain('New test results');
    expect(html).not.toContain(`${CHART_PATH}/results`);
    expect(html).not.toContain(`${CHART_PATH}/health`);
    expect(html).toContain(`href="${CHART_PATH}/messages"`);
  });

  it('SiteHeader links sharing for own chart', async () => {
    const own = await outline(await render('DashboardPage'));
    const chrome = { ...chartChrome('Home', 'home', 'Test Parent'), hasOwnChart: false };
    const model = {
      patientName: 'Test Patient',
      nextAppointment: null,
      newResults: [],
      unreadThreads: [],
      sections: ALL_SECTIONS,
      canViewAccessHistory: false,
      actingFor: [],
    };
    const proxyOnly = await outline(
      await renderDocument(<DashboardPage chrome={chrome} model={model} />),
    );

    expect(own.links).toContain('/account/sharing');
    expect(own.text).toContain('Who can see your record');
    expect(proxyOnly.links).not.toContain('/account/sharing');
  });

  it('DashboardPage greets by subjectIsViewer', async () => {
    // The account name differs from the chart name, as for a patient using a preferred name.
    const chrome = { ...chartChrome('Home', 'home', 'Tess Patient'), subjectIsViewer: true };
    const model = {
      patientName: 'Test Patient',
      nextAppointment: null,
      newResults: [],
      unreadThreads: [],
      sections: ALL_SECTIONS,
      canViewAccessHistory: true,
      actingFor: [],
    };
    const html = await renderDocument(<DashboardPage chrome={chrome} model={model} />);

    expect(html).toContain('<h1>Hello, Test Patient</h1>');
  });

  it('DashboardPage links access history when allowed', async () => {
    const allowed = await outline(await render('DashboardPage'));
    const model = {
      patientName: 'Test Patient',
      nextAppointment: null,
      newResults: [],
      unreadThreads: [],
      sections: ALL_SECTIONS,
      canViewAccessHistory: false,
      actingFor: [],
    };
    const denied = await outline(
      await renderDocument(<DashboardPage chrome={chartChrome('Home', 'home')} model={model} />),
    );

    expect(allowed.links).toContain(`${CHART_PATH}/access-history`);
    expect(allowed.text).toContain('Who has viewed your record');
    expect(denied.links).not.toContain(`${CHART_PATH}/access-history`);
  });

  it('AccessHistoryPage words each viewer', async () => {
    const page = await outline(await render('AccessHistoryPage'));

    expect(page.text).toContain('You');
    expect(page.text).toContain('Test Proxy-Parent O’Example, as your proxy');
    expect(page.text).toContain('Dr. Test Clinician, MD, your care team');
    expect(page.text).toContain('Dr. Test Emergency, DO, emergency access');
    expect(page.text).toContain('A member of the clinic staff');
    expect(page.text).toContain('Home page');
    expect(page.text).toContain('A test result');
    expect(page.text).toContain('A message conversation');
    expect(page.text).toContain('March 28, 2025 at 5:05 AM CDT');
  });

  it('AccessHistoryPage links newer and older pages', async () => {
    const page = await outline(await render('AccessHistoryPage'));

    expect(page.links).toContain(`${CHART_PATH}/access-history`);
    expect(page.links).toContain(`${CHART_PATH}/access-history?page=3`);
    expect(page.text).toContain('Views of your record, page 2');
    expect(page.currentLinks).toEqual([]);
  });

  it('AccessHistoryPage first page has no newer link', async () => {
    const chrome = chartChrome('Who has viewed your record', undefined);
    const model = { entries: accessHistoryEntries.slice(0, 3), page: 1, hasOlderPage: false };
    const html = await renderDocument(<AccessHistoryPage chrome={chrome} model={model} />);
    const page = await outline(html);

    expect(page.text).not.toContain('Newer views');
    expect(page.text).not.toContain('Older views');
    expect(html).not.toContain('aria-label="Pages of this list"');
    expect(page.text).toContain('Views of your record, newest first');
  });

  it('AccessHistoryPage past the end links newest', async () => {
    const chrome = chartChrome('Who has viewed your record', undefined);
    const model = { entries: [], page: 7, hasOlderPage: false };
    const page = await outline(
      await renderDocument(<AccessHistoryPage chrome={chrome} model={model} />),
    );

    expect(page.tables).toBe(0);
    expect(page.text).toContain('There are no more views to show.');
    expect(page.links).toContain(`${CHART_PATH}/access-history`);
    expect(page.links).toContain(`${CHART_PATH}/access-history?page=6`);
  });

  it('chart page without chartPath fails loudly', async () => {
    const render = () =>
      renderDocument(<ResultsPage chrome={signedOutChrome} model={{ results }} />);

    await expect(render()).rejects.toThrow('chartPath');
  });
});

describe('other pages', () => {
  it('ResultsPage notes private items for proxy', async () => {
    const html = await render('ResultsPageWithPrivateItems');

    expect(html).toContain(
      'Some of Test Patient’s items are private to them and are not shown here.',
    );
    expect(await render('ResultsPage')).not.toContain('are private to them');
    // "has no test results yet" would contradict the note when private results exist.
    expect(html).toContain('There are no test results to show you.');
    expect(html).not.toContain('no test results yet');
  });

  it('NotFoundPage shows emergency access to staff only', async () => {
    const line = 'If this is a patient outside your care teams, find them on your';

    expect(await render('NotFoundPageForStaff')).toContain(line);
    expect(await render('NotFoundPage')).not.toContain(line);
  });

  it('PrivacyAlertsPage counts events in words', async () => {
    const html = await render('PrivacyAlertsPage');

    expect(html).toContain('1 event by person 076f3790… since');
    expect(html).toContain('20 events by person 076f3790… since');
    expect(html).not.toContain('event(s)');
  });

  it('PrivacyReviewsPage names its week on error', async () => {
    const html = await render('PrivacyReviewsPageWithError');

    expect(html).toContain('Last complete week: Monday, <time datetime="2026-11-23">');
    expect(html).toContain('Sign off the week of November 23, 2026</button>');
  });

  it('SessionsPage marks this device', async () => {
    const html = await render('SessionsPage');

    expect(html).toContain('This device: Computer');
    expect(html).toContain('action="/account/sessions/phone-session-id/end"');
    expect(html).not.toContain('action="/account/sessions/current-session-id/end"');
    expect(html).toContain('action="/account/sessions/others"');
  });

  it('StaffHomePage links charts and break-glass', async () => {
    const html = await render('StaffHomePage');

    expect(html).toContain('href="/chart/test-patient-1"');
    expect(html).toContain('href="/staff/break-glass/test-patient-2"');
    expect(html).not.toContain('href="/chart/test-patient-2"');
    expect(html).toContain('Test Care Team');
    expect(html).not.toContain('aria-label="Chart"');
  });

  it('break-glass banner names both times', async () => {
    const html = await render('MedicationsPageWithBreakGlass');

    expect(html).toContain('Emergency access:');
    expect(html).toContain('at <time datetime="2026-12-04T15:00:00.000Z">9:00 AM CST</time>');
    expect(html).toContain('ends at <time datetime="2026-12-04T16:00:00.000Z">10:00 AM CST</time>');
    expect(html).toContain('action="/staff/break-glass/test-patient-1/end"');
    expect(html).toContain('Test Patient has no current medications on file.');
  });

  it('OutboxPage lists newest first', async () => {
    const html = await render('OutboxPage');

    expect(html).toContain('<h1>Development outbox</h1>');
    expect(html).toContain('never exists');
    expect(html.indexOf('test.patient23@example.org')).toBeLessThan(
      html.indexOf('test.patient0@example.org'),
    );
  });

  it('SignedOutPage words each reason', async () => {
    const signedOut = await render('SignedOutPage');
    const timedOut = await render('SignedOutPageTimedOut');

    expect(signedOut).toContain('<h1>You have signed out</h1>');
    expect(timedOut).toContain('Your session ended because you were inactive');
    expect(signedOut).toContain('href="/sign-in"');
    expect(timedOut).toContain('href="/sign-in"');
  });

  it('NotFoundPage links home', async () => {
    const html = await render('NotFoundPage');

    expect(html).toContain('<h1>Page not found</h1>');
    expect(html).toContain('href="/"');
  });

  it('ErrorPage says try again later', async () => {
    const unavailable = await render('ErrorPage');
    const failed = await renderDocument(<ErrorPage chrome={signedOutChrome} status={500} />);

    expect(unavailable).toContain('<h1>Sorry, there is a problem with the service</h1>');
    expect(unavailable).toContain('Try again later.');
    expect(failed).toContain('<h1>Sorry, there is a problem with the service</h1>');
    expect(failed).toContain('Try again later.');
  });
});

describe('formatDate', () => {
  it('keeps leap day in far-west zone', () => {
    expect(formatDate('2012-02-29', 'Etc/GMT+12')).toBe('February 29, 2012');
    expect(formatDate('2012-02-29', 'Pacific/Pago_Pago')).toBe('February 29, 2012');
  });

  it('keeps calendar date in far-east zone', () => {
    expect(formatDate('2012-02-29', 'Pacific/Kiritimati')).toBe('February 29, 2012');
  });

  it('shows instant on clinic day', () => {
    // 03:00 UTC on March 1 is still February 29 in Chicago.
    expect(formatDate('2012-03-01T03:00:00Z', 'America/Chicago')).toBe('February 29, 2012');
  });

  it('rejects impossible calendar date', () => {
    expect(() => formatDate('2013-02-29', TIME_ZONE)).toThrow(RangeError);
    expect(() => formatDate('not a date', TIME_ZONE)).toThrow(RangeError);
  });
});

describe('formatDateTime', () => {
  it('shows clinic time with zone', () => {
    expect(formatDateTime('2025-03-04T20:30:00Z', 'America/Chicago')).toBe(
      'March 4, 2025 at 2:30 PM CST',
    );
  });
});

describe('referenceRangeText', () => {
  const base = { valueNumeric: 7.9, unit: '%', referenceLow: 4, referenceHigh: 5.6 };

  it('pads limits to same precision', () => {
    expect(referenceRangeText(base)).toBe('Normal range: 4.0–5.6 %');
  });

  it('words one-sided ranges', () => {
    expect(referenceRangeText({ ...base, referenceHigh: null })).toBe(
      'Normal range: 4.0 % or higher',
    );
    expect(referenceRangeText({ ...base, referenceLow: null })).toBe(
      'Normal range: 5.6 % or lower',
    );
  });

  it('returns null without limits', () => {
    expect(referenceRangeText({ ...base, referenceLow: null, referenceHigh: null })).toBeNull();
  });
});
