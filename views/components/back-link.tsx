import type { Child } from 'hono/jsx';

/**
 * Links back to the list a detail page came from.
 *
 *     <p><a href="/chart/.../results">Back to test results</a></p>
 */
export function BackLink({ href, children }: { href: string; children: Child }) {
  return (
    <p>
      <a href={href}>{children}</a>
    </p>
  );
}
