import { Layout } from '../layout.tsx';
import type { PageChrome } from '../models.ts';

/**
 * Tells the person the page does not exist and how to carry on, with no detail about why. The
 * staff line about emergency access is on every 404 page for staff, so it does not reveal
 * whether a patient id exists.
 */
export function NotFoundPage({ chrome }: { chrome: PageChrome }) {
  return (
    <Layout chrome={chrome}>
      <h1>Page not found</h1>
      <p>If you typed the web address, check it is correct.</p>
      <p>If you pasted the web address, check you copied the entire address.</p>
      {chrome.viewerIsStaff && (
        <p>
          If this is a patient outside your care teams, find them on your{' '}
          <a href="/staff">staff home page</a> to use emergency access.
        </p>
      )}
      <p>
        <a href={chrome.chartPath ?? '/'}>Go to the home page</a>
      </p>
    </Layout>
  );
}
