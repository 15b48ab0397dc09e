import type { PageChrome } from '../models.ts';
import { Button } from './button.tsx';

/**
 * Shows the portal name and, once someone is signed in, who they are, links to who can see
 * their record (when they have a chart of their own) and to their sessions, and a sign-out
 * button. When the open chart belongs to someone else (a proxy reading a child's chart,
 * or staff), a bar below names whose chart it is.
 */
export function SiteHeader({ chrome }: { chrome: PageChrome }) {
  // Worker pages set subjectIsViewer. Comparing names is the fallback for a chrome without it,
  // and it fails when a patient's account name differs from the name on their chart.
  const viewingSomeoneElse =
    chrome.chartOf !== null &&
    (chrome.subjectIsViewer === undefined
      ? chrome.chartOf !== chrome.signedInAs
      : !chrome.subjectIsViewer);

  return (
    <header>
      <div class="header">
        <div class="wrap">
          <a class="portal-name" href={chrome.chartPath ?? '/'}>
            Patient portal
          </a>
          {chrome.signedInAs !== null && (
            <div class="account">
              <span>Signed in as {chrome.signedInAs}</span>
              {chrome.hasOwnChart && <a href="/account/sharing">Who can see your record</a>}
              <a href="/account/sessions">Your sessions</a>
              {/* A real form, so signing out works without JavaScript. It skips htmx boosting
                  so the browser loads the next page in full and keeps no chart in the DOM. */}
              <form method="post" action="/sign-out" hx-boost="false">
                <Button look="link">Sign out</Button>
              </form>
            </div>
          )}
        </div>
      </div>
      {viewingSomeoneElse && (
        <div class="chart-of">
          <div class="wrap">
            You are viewing the chart of <strong>{chrome.chartOf}</strong>
          </div>
        </div>
      )}
    </header>
  );
}
