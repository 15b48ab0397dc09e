import { Button } from '../components/button.tsx';
import { ErrorSummary, errorFor, withErrorTitle } from '../components/error-summary.tsx';
import { OneTimeCodeField } from '../components/one-time-code-field.tsx';
import { StartAgain } from '../components/start-again.tsx';
import { TextField } from '../components/text-field.tsx';
import { Layout } from '../layout.tsx';
import type { FormError, PageChrome } from '../models.ts';
import { SCOPE_LABELS } from './sharing.tsx';

export interface InvitationModel {
  // Link token of the invitation, used only to build this page's form actions.
  token: string;
  // The patient's first name only: the invitee has not proved anything yet.
  patientFirstName: string;
  sentByClinic: boolean;
  scopes: string[];
}

export interface InvitationCodeModel extends InvitationModel {
  name: string;
  errors: FormError[];
  mustRestart: boolean;
}

/** Says who invited the person and what they could do, and offers to email a code. */
export function InvitationPage({ chrome, model }: { chrome: PageChrome; model: InvitationModel }) {
  return (
    <Layout chrome={chrome}>
      <h1>{inviter(model)}</h1>
      <InvitationSummary model={model} />
      <p>
        To accept, we will email a 6-digit code to the address this invitation was sent to. Then you
        will add a passkey, which you need before you can see anyone else's record.
      </p>
      <form method="post" action={`/invitations/${model.token}/code`}>
        <Button>Send me a code</Button>
      </form>
      <p>If you were not expecting this invitation, you can close this page.</p>
    </Layout>
  );
}

/** Asks for the emailed code and the invitee's name (POST /invitations/:token/verify). */
export function InvitationCodePage({
  chrome,
  model,
}: {
  chrome: PageChrome;
  model: InvitationCodeModel;
}) {
  const start = `/invitations/${model.token}`;
  if (model.mustRestart) {
    return (
      <Layout chrome={chrome}>
        <h1>Ask for a new code</h1>
        <StartAgain errors={model.errors} href={start}>
          Send a new code
        </StartAgain>
      </Layout>
    );
  }

  return (
    <Layout chrome={withErrorTitle(chrome, model.errors)}>
      <h1>Check your email</h1>
      <ErrorSummary errors={model.errors} />
      <p>
        We sent a 6-digit code to the email address this invitation was sent to. The code works for
        10 minutes.
      </p>
      <form method="post" action={`/invitations/${model.token}/verify`} novalidate>
        <TextField
          name="name"
          label="Your full name"
          hint="Your care team sees this name"
          autocomplete="name"
          value={model.name}
          error={errorFor(model.errors, 'name')}
        />
        <OneTimeCodeField errors={model.errors} />
        <Button>Accept the invitation</Button>
      </form>
      <p>
        <a href={start}>Send a new code</a>
      </p>
    </Layout>
  );
}

/** Renders the one page for a link that is unknown, expired, cancelled or already used. */
export function InvitationUnavailablePage({ chrome }: { chrome: PageChrome }) {
  return (
    <Layout chrome={chrome}>
      <h1>This invitation cannot be used</h1>
      <p>
        The link may be mistyped, or the invitation has expired, been cancelled or already been
        accepted. Invitations work for 14 days and only once.
      </p>
      <p>Ask the person who invited you, or their clinic, to send a new invitation.</p>
    </Layout>
  );
}

function InvitationSummary({ model }: { model: InvitationModel }) {
  return (
    <>
      <p>If you accept, you will be able to:</p>
      <ul>
        {model.scopes.map((scope) => (
          <li>{SCOPE_LABELS[scope] ?? scope}</li>
        ))}
      </ul>
    </>
  );
}

function inviter(model: InvitationModel) {
  return model.sentByClinic
    ? `${model.patientFirstName}'s clinic invited you to act for ${model.patientFirstName}`
    : `${model.patientFirstName} invited you to help with their care`;
}
