import type { JSX } from 'hono/jsx/jsx-runtime';

/**
 * Renders a page element to a complete HTML document string, doctype first.
 *
 * hono/jsx types an element as `HtmlEscapedString | Promise<HtmlEscapedString>`, and at run
 * time its `toString()` returns a Promise when any component in the tree is async, so both
 * steps are awaited.
 */
export async function renderDocument(page: JSX.Element): Promise<string> {
  const body = await (await page).toString();
  return '<!doctype html>' + body;
}
