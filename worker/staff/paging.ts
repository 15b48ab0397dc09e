// Page numbers for the staff lists: the care-team patients and the proxy relationships.

// Rows per page of a staff list. Long enough to scan, short enough for a slow connection.
export const STAFF_PAGE_SIZE = 50;

/** Reads a 1-based page number from the `page` query parameter. Any other value reads as page 1. */
export function pageNumber(value: string | undefined): number {
  if (value === undefined || !/^[1-9][0-9]{0,5}$/.test(value)) return 1;
  return Number(value);
}

/** Returns the rows to skip before a page. */
export function pageOffset(page: number): number {
  return (page - 1) * STAFF_PAGE_SIZE;
}

/**
 * Splits the rows read for a page into that page and whether a next page exists. The caller
 * reads one row more than a page holds, at pageOffset(), and that extra row shows a next page.
 */
export function takePage<T>(rows: T[]): { rows: T[]; more: boolean } {
  return { rows: rows.slice(0, STAFF_PAGE_SIZE), more: rows.length > STAFF_PAGE_SIZE };
}

/**
 * Builds the links to the pages around `page`, keeping the path's other query parameters.
 * A link is null where there is no such page.
 */
export function pageLinks(
  path: string,
  params: Record<string, string>,
  page: number,
  more: boolean,
): { page: number; previousPath: string | null; nextPath: string | null } {
  const linkTo = (target: number) => {
    const query = new URLSearchParams(params);
    if (target > 1) query.set('page', String(target));
    const search = query.toString();
    return search ? `${path}?${search}` : path;
  };
  return {
    page,
    previousPath: page > 1 ? linkTo(page - 1) : null,
    nextPath: more ? linkTo(page + 1) : null,
  };
}
