import type { PageChrome } from './models.ts';

/**
 * Returns the base path of the open chart, for links inside it. Pages that link into the
 * chart call this instead of reading `chrome.chartPath`, so a route that forgot to open a
 * chart fails loudly at render time rather than printing links to "null/results".
 */
export function chartPathOf(chrome: PageChrome): string {
  if (chrome.chartPath === null) {
    throw new Error('A chart page was rendered without PageChrome.chartPath');
  }
  return chrome.chartPath;
}

/** Returns the path of one item inside the open chart, for example ".../results/{id}". */
export function chartItemPath(chrome: PageChrome, section: string, id: string): string {
  return `${chartPathOf(chrome)}/${section}/${encodeURIComponent(id)}`;
}
