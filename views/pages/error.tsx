import { Layout } from '../layout.tsx';
import type { PageChrome } from '../models.ts';

/**
 * Tells the person the service failed, without technical detail: no error message, stack
 * trace or request id, because none of them helps a patient and each may leak internals.
 * The words are the same for 500 and 503 because the advice to the patient is the same.
 */
export function ErrorPage({ chrome }: { chrome: PageChrome; status: 503 | 500 }) {
  return (
    <Layout chrome={chrome}>
      <h1>Sorry, there is a problem with the service</h1>
      <p>Try again later.</p>
      <p>If you need to speak to your care team now, call your clinic.</p>
    </Layout>
  );
}
