import { Button } from '../components/button.tsx';
import { ErrorSummary, errorFor, withErrorTitle } from '../components/error-summary.tsx';
import { TextField } from '../components/text-field.tsx';
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
        {model.errors.length > 0 ? (
          model.errors.map((error) => <p>{error.message}</p>)
        ) : (
          <p>Your code can no longer be used.</p>
        )}
        <p>
          <a href={newCodePath}>Send a new code</a>
        </p>
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
        <TextField
          name="code"
          label="Enter the 6-digit code"
          hint="For example, 123456"
          autocomplete="one-time-code"
          inputmode="numeric"
          inputClass="code"
          error={errorFor(model.errors, 'code')}
        />
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
