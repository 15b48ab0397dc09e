import type { Child } from 'hono/jsx';
import { BreakGlassBanner } from './components/break-glass-banner.tsx';
import { PrimaryNav } from './components/primary-nav.tsx';
import { SiteHeader } from './components/site-header.tsx';
import type { PageChrome } from './models.ts';

// The history cache is off so htmx never copies a page, and the PHI on it, into
// localStorage. Indicator styles, eval and script tags are off because the Content
// Security Policy forbids inline styles and scripts, and htmx may only call this origin.
// htmx 2 by default does not swap 4xx and 5xx responses. A boosted form whose response is
// a 400 page with an error summary, or a boosted link to a 404 page, would then seem to do
// nothing. Every response here is a whole page, so all of them are swapped in.
const HTMX_CONFIG = JSON.stringify({
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

export type PageScript = 'htmx' | 'passkey';

/**
 * Wraps a page's content in the full HTML document: head, header, chart navigation when
 * a chart is open, main content and footer. Every link and form works without
 * JavaScript; htmx only boosts them into partial page loads.
 */
export function Layout({
  chrome,
  children,
  scripts = ['htmx'],
}: {
  chrome: PageChrome;
  children: Child;
  // Pages with a passkey ceremony load the passkey script instead of htmx, so that no page
  // loads more than 20 KB of compressed JavaScript.
  scripts?: PageScript[];
}) {
  const htmx = scripts.includes('htmx');
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${chrome.title} – Patient portal`}</title>
        <link rel="stylesheet" href="/static/app.css" />
        {htmx && <meta name="htmx-config" content={HTMX_CONFIG} />}
        {htmx && <script src="/static/htmx.min.js" defer></script>}
        {scripts.includes('passkey') && <script src="/static/passkey.min.js" defer></script>}
        {chrome.idleTimeoutSeconds && <script src="/static/idle-warning.min.js" defer></script>}
      </head>
      <body
        hx-boost={htmx ? 'true' : undefined}
        data-idle-timeout-seconds={chrome.idleTimeoutSeconds ?? undefined}
      >
        <a class="skip-link" href="#main">
          Skip to main content
        </a>
        <SiteHeader chrome={chrome} />
        {chrome.breakGlass && (
          <BreakGlassBanner banner={chrome.breakGlass} timeZone={chrome.timeZone} />
        )}
        {chrome.chartPath !== null && (
          <PrimaryNav
            chartPath={chrome.chartPath}
            current={chrome.current}
            hidden={chrome.hiddenNav}
          />
        )}
        <main id="main" class="wrap" tabindex={-1}>
          {children}
        </main>
        <footer class="footer">
          <p class="wrap">In an emergency, call 911.</p>
        </footer>
      </body>
    </html>
  );
}
