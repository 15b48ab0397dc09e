import { Button } from '../components/button.tsx';
import { ChoiceGroup } from '../components/choice-fields.tsx';
import { ErrorSummary, errorFor, withErrorTitle } from '../components/error-summary.tsx';
import { TextField } from '../components/text-field.tsx';
import { Layout } from '../layout.tsx';
import type { FormError, PageChrome } from '../models.ts';

export interface StaffRecoveryModel {
  email: string;
  // Which identity check the staff member ticked, kept after a failed submission.
  verifiedBy: '' | 'in-person' | 'callback';
  errors: FormError[];
  // The outcome after a submission; never a name, date of birth or anything from a chart.
  outcome: 'link-sent' | 'no-account' | null;
}

/**
 * Starts a staff-verified account reset. The page requests an email address only and never
 * shows who the account belongs to: staff learn only whether an account uses the address, and
 * only after recording how they checked the person's identity.
 */
export function StaffRecoveryPage({
  chrome,
  model,
}: {
  chrome: PageChrome;
  model: StaffRecoveryModel;
}) {
  return (
    <Layout chrome={withErrorTitle(chrome, model.errors)}>
      <h1>Reset a patient's account access</h1>
      <ErrorSummary errors={model.errors} />
      {model.outcome === 'link-sent' && (
        <p class="card" role="status">
          An account exists for this address. We have emailed a recovery link to it and told every
          contact on file. Ask the person to open the link and add a new passkey.
        </p>
      )}
      {model.outcome === 'no-account' && (
        <p class="card" role="status">
          No account uses this address. Check the spelling with the person, or help them enroll.
        </p>
      )}
      <p>
        Use this when someone has lost their passkey and their recovery code. The link goes only to
        the email address on file, never to one the person gives you now.
      </p>
      <form method="post" action="/staff/recovery" novalidate>
        <TextField
          name="email"
          type="email"
          label="Email address on file"
          autocomplete="off"
          value={model.email}
          error={errorFor(model.errors, 'email')}
        />
        <ChoiceGroup
          type="radio"
          name="verified-by"
          legend="How did you check who the person is?"
          choices={VERIFICATION_CHOICES}
          checked={model.verifiedBy ? [model.verifiedBy] : []}
          error={errorFor(model.errors, 'verified-by')}
        />
        <Button>Send a recovery link</Button>
      </form>
    </Layout>
  );
}

const VERIFICATION_CHOICES = [
  { value: 'in-person', label: 'In person, with photo ID' },
  {
    value: 'callback',
    label: 'By calling back the phone number on file, as the callback procedure describes',
  },
];
