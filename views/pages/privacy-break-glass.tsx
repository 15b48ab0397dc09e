import { breakGlassReasonText } from '../break-glass-reasons.ts';
import { Button } from '../components/button.tsx';
import { ChoiceGroup } from '../components/choice-fields.tsx';
import { DateTimeText } from '../components/date-text.tsx';
import { ErrorSummary, errorFor, withErrorTitle } from '../components/error-summary.tsx';
import { TextAreaField } from '../components/text-area-field.tsx';
import { Layout } from '../layout.tsx';
import type { PageChrome } from '../models.ts';
import type {
  BreakGlassReviewAttempt,
  BreakGlassUseRow,
  PrivacyBreakGlassModel,
} from './privacy-models.ts';
import { PrivacyNav } from './privacy-nav.tsx';

const OUTCOME_CHOICES = [
  { value: 'appropriate', label: 'Appropriate' },
  { value: 'inappropriate', label: 'Inappropriate' },
];

/**
 * Renders the review queue of emergency (break-glass) access: unreviewed uses first, each with a
 * form to mark it appropriate or inappropriate with a note.
 */
export function PrivacyBreakGlassPage({
  chrome,
  model,
}: {
  chrome: PageChrome;
  model: PrivacyBreakGlassModel;
}) {
  const errors = model.attempt?.errors ?? [];
  return (
    <Layout chrome={withErrorTitle(chrome, errors)}>
      <PrivacyNav current="break-glass" />
      <h1>Emergency access reviews</h1>
      <ErrorSummary errors={errors} />
      {model.uses.length === 0 ? (
        <p>No one has used emergency access.</p>
      ) : (
        model.uses.map((use) => (
          <UseCard
            use={use}
            attempt={model.attempt?.grantId === use.id ? model.attempt : null}
            timeZone={chrome.timeZone}
          />
        ))
      )}
    </Layout>
  );
}

function UseCard({
  use,
  attempt,
  timeZone,
}: {
  use: BreakGlassUseRow;
  attempt: BreakGlassReviewAttempt | null;
  timeZone: string;
}) {
  const errors = attempt?.errors ?? [];
  return (
    <div class="card" id={`use-${use.id}`}>
      <h2>
        {use.staffName} opened patient {use.patientId}
      </h2>
      <p>
        From <DateTimeText value={use.startedAt} timeZone={timeZone} /> until{' '}
        <DateTimeText value={use.endedAt ?? use.expiresAt} timeZone={timeZone} />.
      </p>
      <p>Reason given: {breakGlassReasonText(use.reason)}</p>
      <p>
        <a href={`/staff/privacy/audit?${new URLSearchParams({ patient: use.patientId })}`}>
          See what was opened
        </a>
      </p>
      {use.reviewOutcome ? (
        <p>
          Reviewed as {use.reviewOutcome} by {use.reviewedBy ?? 'a privacy officer'}
          {use.reviewedAt && (
            <>
              {' '}
              on <DateTimeText value={use.reviewedAt} timeZone={timeZone} />
            </>
          )}
          . Note: {use.reviewNote}
        </p>
      ) : (
        <form method="post" action={`/staff/privacy/break-glass/${use.id}`} novalidate>
          <ChoiceGroup
            type="radio"
            name={`outcome-${use.id}`}
            legend="Was this use appropriate?"
            choices={OUTCOME_CHOICES}
            checked={attempt?.outcome ? [attempt.outcome] : []}
            error={errorFor(errors, `outcome-${use.id}`)}
          />
          <TextAreaField
            name={`note-${use.id}`}
            label="Note"
            hint="Why you decided this, for the record"
            value={attempt?.note ?? ''}
            error={errorFor(errors, `note-${use.id}`)}
          />
          <Button>Record the review</Button>
        </form>
      )}
    </div>
  );
}
