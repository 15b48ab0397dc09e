import type { PagerModel } from '../models.ts';

/**
 * Renders links to the previous and next page of a list, and the number of the page shown.
 * Renders nothing for a list that fits on one page.
 *
 *     <nav class="pager" aria-label="Pages of patients">
 *       <p><a href="/staff" rel="prev">Previous page</a> Page 2 <a href="/staff?page=3" rel="next">Next page</a></p>
 *     </nav>
 */
export function Pager({ pager, label }: { pager: PagerModel; label: string }) {
  if (pager.previousPath === null && pager.nextPath === null && pager.page === 1) return null;
  return (
    <nav class="pager" aria-label={label}>
      <p>
        {pager.previousPath && (
          <>
            <a href={pager.previousPath} rel="prev">
              Previous page
            </a>{' '}
          </>
        )}
        Page {pager.page}
        {pager.nextPath && (
          <>
            {' '}
            <a href={pager.nextPath} rel="next">
              Next page
            </a>
          </>
        )}
      </p>
    </nav>
  );
}
