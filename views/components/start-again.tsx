import type { Child } from 'hono/jsx';
import type { FormError } from '../models.ts';

/**
 * Shows why a code or step can no longer be used and links to the way to start again. With no
 * errors it shows `fallback`, when given.
 *
 *     <StartAgain errors={model.errors} href="/enroll">Set up your account</StartAgain>
 */
export function StartAgain({
  errors,
  fallback,
  href,
  children,
}: {
  errors: FormError[];
  fallback?: string;
  href: string;
  children: Child;
}) {
  return (
    <>
      {errors.length > 0 || fallback === undefined ? (
        errors.map((error) => <p>{error.message}</p>)
      ) : (
        <p>{fallback}</p>
      )}
      <p>
        <a href={href}>{children}</a>
      </p>
    </>
  );
}
