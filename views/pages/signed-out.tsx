import { Layout } from '../layout.tsx';
import type { PageChrome } from '../models.ts';

/**
 * Confirms the session has ended, either because the person signed out or because they
 * were inactive for too long.
 */
export function SignedOutPage({
  chrome,
  reason,
}: {
  chrome: PageChrome;
  reason: 'signed-out' | 'timed-out';
}) {
  return (
    <Layout chrome={chrome}>
      {reason === 'timed-out' ? (
        <>
          <h1>You have been signed out</h1>
          <p>Your session ended because you were inactive. This protects your information.</p>
        </>
      ) : (
        <h1>You have signed out</h1>
      )}
      <p>
        <a href="/sign-in">Sign in again</a>
      </p>
    </Layout>
  );
}
