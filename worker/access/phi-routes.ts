// The registry of routes that read or write PHI. test/worker/phi-route-walk.test.ts walks the
// app's routes and fails on a patient route missing here, then sends every route listed here
// for every kind of actor and checks the response and its audit event.
import type { Action, ChartResourceType, WorkAction, WorkResourceType } from './policy.ts';

/** Ids of one test chart, from which a route builds an example path. */
export interface ExampleIds {
  patientId: string;
  resultId: string;
  threadId: string;
  // A proxy relationship of the patient.
  relationshipId: string;
  // An item of another kind (an invitation, an alert, a break-glass grant) for routes that name one.
  itemId: string;
}

export interface PhiRoute {
  method: 'GET' | 'POST';
  // The Hono path pattern exactly as the app registers it.
  path: string;
  // The resource type the decision point decides on. A route reading one item uses the item's
  // type. A work page outside a chart (staff pages, the sharing page, the audit trail) uses its
  // work resource type.
  resourceType: ChartResourceType | WorkResourceType;
  action: Action | WorkAction;
  // How the route reaches the decision point: through openChart() and authorize() for chart
  // routes, through worker/staff/staff-access.ts for staff pages, through the sharing guard for
  // the patient's sharing page, and through requirePrivacyOfficer() for the audit trail.
  guard: 'chart-policy' | 'staff' | 'sharing' | 'privacy';
  // Set when the route names its own audit actions, like "message.send". Otherwise the route
  // calls authorize(), and the action is "{resourceType}.{action}".
  ownAuditActions?: true;
  examplePath: (ids: ExampleIds) => string;
}

const chart = (ids: ExampleIds) => `/chart/${ids.patientId}`;

export const PHI_ROUTES: readonly PhiRoute[] = [
  {
    method: 'GET',
    path: '/chart/:patientId',
    resourceType: 'dashboard',
    action: 'view',
    guard: 'chart-policy',
    examplePath: chart,
  },
  {
    method: 'GET',
    path: '/chart/:patientId/results',
    resourceType: 'result',
    action: 'view',
    guard: 'chart-policy',
    examplePath: (ids) => `${chart(ids)}/results`,
  },
  {
    method: 'GET',
    path: '/chart/:patientId/results/:resultId',
    resourceType: 'result',
    action: 'view',
    guard: 'chart-policy',
    examplePath: (ids) => `${chart(ids)}/results/${ids.resultId}`,
  },
  {
    method: 'GET',
    path: '/chart/:patientId/medications',
    resourceType: 'medication',
    action: 'view',
    guard: 'chart-policy',
    examplePath: (ids) => `${chart(ids)}/medications`,
  },
  {
    method: 'GET',
    path: '/chart/:patientId/messages',
    resourceType: 'message-thread',
    action: 'view',
    guard: 'chart-policy',
    examplePath: (ids) => `${chart(ids)}/messages`,
  },
  {
    method: 'GET',
    path: '/chart/:patientId/messages/:threadId',
    resourceType: 'message-thread',
    action: 'view',
    guard: 'chart-policy',
    examplePath: (ids) => `${chart(ids)}/messages/${ids.threadId}`,
  },
  {
    method: 'GET',
    path: '/chart/:patientId/messages/new',
    resourceType: 'message-thread',
    action: 'send-message',
    guard: 'chart-policy',
    ownAuditActions: true,
    examplePath: (ids) => `${chart(ids)}/messages/new`,
  },
  {
    method: 'POST',
    path: '/chart/:patientId/messages/new',
    resourceType: 'message-thread',
    action: 'send-message',
    guard: 'chart-policy',
    ownAuditActions: true,
    examplePath: (ids) => `${chart(ids)}/messages/new`,
  },
  {
    method: 'GET',
    path: '/chart/:patientId/messages/:threadId/reply',
    resourceType: 'message-thread',
    action: 'send-message',
    guard: 'chart-policy',
    ownAuditActions: true,
    examplePath: (ids) => `${chart(ids)}/messages/${ids.threadId}/reply`,
  },
  {
    method: 'POST',
    path: '/chart/:patientId/messages/:threadId/reply',
    resourceType: 'message-thread',
    action: 'send-message',
    guard: 'chart-policy',
    ownAuditActions: true,
    examplePath: (ids) => `${chart(ids)}/messages/${ids.threadId}/reply`,
  },
  {
    method: 'POST',
    path: '/chart/:patientId/messages/draft',
    resourceType: 'message-thread',
    action: 'send-message',
    guard: 'chart-policy',
    ownAuditActions: true,
    examplePath: (ids) => `${chart(ids)}/messages/draft`,
  },
  {
    method: 'GET',
    path: '/chart/:patientId/appointments',
    resourceType: 'appointment',
    action: 'view',
    guard: 'chart-policy',
    examplePath: (ids) => `${chart(ids)}/appointments`,
  },
  {
    method: 'GET',
    path: '/chart/:patientId/health',
    resourceType: 'health-summary',
    action: 'view',
    guard: 'chart-policy',
    examplePath: (ids) => `${chart(ids)}/health`,
  },
  {
    method: 'GET',
    path: '/chart/:patientId/access-history',
    resourceType: 'access-history',
    action: 'view',
    guard: 'chart-policy',
    examplePath: (ids) => `${chart(ids)}/access-history`,
  },
  ...staffRoutes(),
  ...sharingRoutes(),
  ...privacyRoutes(),
];

// Staff pages that show patient names or chart data: the care-team list and search, activation
// codes, staff invitations, break-glass and proxy relationships. Each calls the decision point
// through worker/staff/staff-access.ts and writes its own audit events.
function staffRoutes(): PhiRoute[] {
  const routes: [PhiRoute['method'], string, WorkResourceType, WorkAction][] = [
    ['GET', '/staff', 'patient-list', 'view'],
    ['GET', '/staff/patients/:patientId/activation-code', 'activation-code', 'view'],
    ['POST', '/staff/patients/:patientId/activation-code', 'activation-code', 'issue'],
    ['GET', '/staff/patients/:patientId/invitations', 'invitation', 'view'],
    ['POST', '/staff/patients/:patientId/invitations', 'invitation', 'send'],
    ['GET', '/staff/break-glass/:patientId', 'patient-directory', 'view'],
    ['POST', '/staff/break-glass/:patientId', 'patient-directory', 'view'],
    ['POST', '/staff/break-glass/:patientId/end', 'patient-directory', 'view'],
    ['GET', '/staff/relationships', 'relationship', 'view'],
    ['GET', '/staff/relationships/:relationshipId', 'relationship', 'view'],
    ['POST', '/staff/relationships/:relationshipId', 'relationship', 'view'],
  ];
  return routes.map(([method, path, resourceType, action]) => ({
    method,
    path,
    resourceType,
    action,
    guard: 'staff',
    ownAuditActions: true,
    examplePath: (ids) =>
      path.replace(':patientId', ids.patientId).replace(':relationshipId', ids.relationshipId),
  }));
}

// The patient's own "Who can see your record" page. It lists who acts for the patient and
// changes it, so every route calls the decision point through worker/account/sharing-guard.ts.
// :id is a relationship of the signed-in patient, or an invitation.
function sharingRoutes(): PhiRoute[] {
  const routes: [PhiRoute['method'], string, WorkAction][] = [
    ['GET', '/account/sharing', 'view'],
    ['POST', '/account/sharing/invitations', 'manage'],
    ['POST', '/account/sharing/invitations/:id/cancel', 'manage'],
    ['POST', '/account/sharing/relationships/:id/revoke', 'manage'],
    ['POST', '/account/sharing/relationships/:id/renew', 'manage'],
    ['POST', '/account/sharing/consents/:id', 'manage'],
  ];
  return routes.map(([method, path, action]) => ({
    method,
    path,
    resourceType: 'sharing',
    action,
    guard: 'sharing',
    ownAuditActions: true,
    examplePath: (ids) =>
      path.replace(':id', path.includes('/invitations/') ? ids.itemId : ids.relationshipId),
  }));
}

// The privacy officer's audit trail, alerts and break-glass review queue. They name patients
// and staff, so requirePrivacyOfficer() calls the decision point for "audit-trail".
function privacyRoutes(): PhiRoute[] {
  const routes: [PhiRoute['method'], string][] = [
    ['GET', '/staff/privacy/audit'],
    ['GET', '/staff/privacy/alerts'],
    ['POST', '/staff/privacy/alerts/:alertId/acknowledge'],
    ['GET', '/staff/privacy/break-glass'],
    ['POST', '/staff/privacy/break-glass/:grantId'],
    ['GET', '/staff/privacy/reviews'],
    ['POST', '/staff/privacy/reviews'],
  ];
  return routes.map(([method, path]) => ({
    method,
    path,
    resourceType: 'audit-trail',
    action: method === 'GET' ? 'view' : 'review',
    guard: 'privacy',
    ownAuditActions: true,
    examplePath: (ids) => path.replace(':alertId', ids.itemId).replace(':grantId', ids.itemId),
  }));
}

/**
 * Tells whether a registered route reads or writes a patient's data and so must be listed: every
 * route under /chart/, the sharing page, the privacy officer's pages, and every route with a
 * :patientId or :relationshipId parameter.
 */
export function touchesPatientData(path: string): boolean {
  const segments = path.split('/');
  return (
    path.startsWith('/chart/') ||
    path === '/account/sharing' ||
    path.startsWith('/account/sharing/') ||
    path.startsWith('/staff/privacy/') ||
    segments.includes(':patientId') ||
    segments.includes(':relationshipId')
  );
}
