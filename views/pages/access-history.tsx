import { DataTable } from '../components/data-table.tsx';
import { DateTimeText } from '../components/date-text.tsx';
import { chartPathOf } from '../chart-path.ts';
import { Layout } from '../layout.tsx';
import type { AccessHistoryEntry, AccessHistoryModel, PageChrome, ViewedPart } from '../models.ts';

const VIEWED_TEXT: Record<ViewedPart, string> = {
  chart: 'Your record',
  home: 'Home page',
  results: 'Test results',
  result: 'A test result',
  medications: 'Medications',
  messages: 'Messages',
  'message-thread': 'A message conversation',
  appointments: 'Appointments',
  'health-summary': 'Health summary',
  'access-history': 'Who has viewed your record',
};

/**
 * Lists who opened the patient's record in this portal, newest first, one page of the list at a
 * time. Older and newer pages are plain links (?page=2), so paging works without JavaScript.
 *
 *     <table class="table-reflow"><caption>Views of your record, newest first</caption>...
 *       <tr><th scope="row">March 4, 2025 at 2:30 PM CST</th><td>You</td><td>Test results</td>
 */
export function AccessHistoryPage({
  chrome,
  model,
}: {
  chrome: PageChrome;
  model: AccessHistoryModel;
}) {
  const chartPath = chartPathOf(chrome);
  const pagePath = `${chartPath}/access-history`;

  return (
    <Layout chrome={chrome}>
      <h1>Who has viewed your record</h1>
      <p>
        Every time someone opens your record in this portal, it is listed here, newest first. This
        includes the times you open it yourself.
      </p>
      <p>It does not show who looked at your record in the clinic’s other computer systems.</p>
      <p>If something here looks wrong to you, call your clinic and ask for the privacy officer.</p>

      {model.entries.length > 0 ? (
        <DataTable
          caption={
            model.page === 1
              ? 'Views of your record, newest first'
              : `Views of your record, page ${model.page}`
          }
          columns={['When', 'Who', 'What they opened']}
          rows={model.entries.map((entry) => [
            <DateTimeText value={entry.viewedAt} timeZone={chrome.timeZone} />,
            viewerText(entry),
            VIEWED_TEXT[entry.viewed],
          ])}
        />
      ) : model.page > 1 ? (
        <p>
          There are no more views to show. <a href={pagePath}>Go back to the newest views</a>.
        </p>
      ) : (
        <p>There are no views of your record to show yet.</p>
      )}

      {(model.page > 1 || model.hasOlderPage) && (
        <nav aria-label="Pages of this list">
          <ul class="plain-list">
            {model.page > 1 && (
              <li>
                <a href={pageLink(pagePath, model.page - 1)}>Newer views</a>
              </li>
            )}
            {model.hasOlderPage && (
              <li>
                <a href={pageLink(pagePath, model.page + 1)}>Older views</a>
              </li>
            )}
          </ul>
        </nav>
      )}
    </Layout>
  );
}

function viewerText(entry: AccessHistoryEntry): string {
  const name = entry.viewerName;
  switch (entry.capacity) {
    case 'self':
      return 'You';
    case 'proxy':
      return name ? `${name}, as your proxy` : 'Your proxy';
    case 'care-team':
      return name ? `${name}, your care team` : 'A member of your care team';
    case 'break-glass':
      return name ? `${name}, emergency access` : 'A staff member, emergency access';
    case 'staff':
      return name ? `${name}, clinic staff` : 'A member of the clinic staff';
    case 'unknown':
      return 'Someone whose name is not on file';
  }
}

// Page 1 is the page's own address, so the first page has one URL and not two.
function pageLink(pagePath: string, page: number): string {
  return page === 1 ? pagePath : `${pagePath}?page=${page}`;
}
