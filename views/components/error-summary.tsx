import type { FormError, PageChrome } from '../models.ts';

/**
 * Lists a form's errors at the top of the page, each linking to its field. Place it
 * right after the h1, so its h2 keeps the headings in order.
 *
 * Each link targets `#{field}`, so a field's input must carry `id={field}` (TextField does).
 * `autofocus` moves focus here when the page loads, so screen readers announce the problem
 * without JavaScript. Renders nothing when there are no errors.
 *
 *     <div class="error-summary" role="alert" ...>
 *       <h2 id="error-summary-title">There is a problem</h2>
 *       <ul><li><a href="#email">Enter your email address</a></li></ul>
 *     </div>
 */
export function ErrorSummary({ errors }: { errors: FormError[] }) {
  if (errors.length === 0) {
    return null;
  }

  return (
    <div
      class="error-summary"
      role="alert"
      aria-labelledby="error-summary-title"
      tabindex={-1}
      autofocus
    >
      <h2 id="error-summary-title">There is a problem</h2>
      <ul>
        {errors.map((error) => (
          <li>
            <a href={`#${error.field}`}>{error.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Returns the message for `field`, or undefined when the field has no error. */
export function errorFor(errors: FormError[], field: string): string | undefined {
  return errors.find((error) => error.field === field)?.message;
}

/**
 * Returns `chrome` with "Error: " before the title when the form has errors, so the
 * browser tab and screen readers report the problem before the page name.
 */
export function withErrorTitle(chrome: PageChrome, errors: FormError[]): PageChrome {
  return errors.length > 0 ? { ...chrome, title: `Error: ${chrome.title}` } : chrome;
}
