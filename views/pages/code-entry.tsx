import { Button } from '../components/button.tsx';
import { ErrorSummary, withErrorTitle } from '../components/error-summary.tsx';
import { OneTimeCodeField } from '../components/one-time-code-field.tsx';
import { StartAgain } from '../components/start-again.tsx';
import { Layout } from '../layout.tsx';
import type { CodeEntryModel, PageChrome } from '../models.ts';

/**
 * Asks for the 6-digit code from the email (POST /sign-in/code). When the code can no
 * longer be used (`mustRestart`), shows only why and the way to ask for a new one.
 */
export function CodeEntryPage({ chrome, model }: { chrome: PageChrome; model: CodeEntryModel }) {
  const newCodePath = withReturn('/sign-in', model.returnTo);

  if (model.mustRestart) {
    return (
      <Layout chrome={chrome}>
        <h1>Ask for a new code</h1>
        <StartAgain
          errors={model.errors}
          fallback="Your code can no longer be used."
          href={newCodePath}
        >
          Send a new code
        </StartAgain>
      </Layout>
    );
  }

  return (
    <Layout chrome={withErrorTitle(chrome, model.errors)}>
      <h1>Check your email</h1>
      <ErrorSummary errors={model.errors} />
      {model.notice && <p>{model.notice}</p>}
      <form method="post" action="/sign-in/code" novalidate>
        {model.returnTo && <input type="hidden" name="return" value={model.returnTo} />}
        <OneTimeCodeField errors={model.errors} />
        <Button>Sign in</Button>
      </form>
      <h2>If you did not get a code</h2>
      <p>The email can take a few minutes to arrive. Check your spam or junk folder.</p>
      <p>
        <a href={newCodePath}>Send a new code</a>
      </p>
    </Layout>
  );
}

function withReturn(path: string, returnTo: string | null): string {
  return returnTo ? `${path}?${new URLSearchParams({ return: returnTo })}` : path;
}
