import type { Child } from 'hono/jsx';

/**
 * Renders a form's submit button, or a button styled as a link for secondary actions
 * such as signing out.
 *
 *     <button type="submit" class="button">Send me a code</button>
 */
export function Button({
  children,
  look = 'button',
}: {
  children: Child;
  look?: 'button' | 'link';
}) {
  return (
    <button type="submit" class={look === 'link' ? 'button-link' : 'button'}>
      {children}
    </button>
  );
}
