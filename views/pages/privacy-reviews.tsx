import { Button } from '../components/button.tsx';
import { DataTable } from '../components/data-table.tsx';
import { DateText, DateTimeText } from '../components/date-text.tsx';
import { ErrorSummary, errorFor, withErrorTitle } from '../components/error-summary.tsx';
import { TextAreaField } from '../components/text-area-field.tsx';
import { TextField } from '../components/text-field.tsx';
import { formatDate } from '../format.ts';
import { Layout } from '../layout.tsx';
import type { PageChrome } from '../models.ts';
import type { PrivacyReviewsModel } from './privacy-models.ts';
import { PrivacyNav } from './privacy-nav.tsx';

/**
 * Renders the weekly review: a week picker, the week's counts and the sign-off form. Each sign-off is recorded
 * with the period, the seq range and the counts.
 */
export function PrivacyReviewsPage({
  chrome,
  model,
}: {
  chrome: PageChrome;
  model: PrivacyReviewsModel;
}) {
  const { counts, errors } = model;
  const seqRange = counts.firstSeq === null ? 'none' : `${counts.firstSeq} to ${counts.lastSeq}`;
  // The sign-off button names its week, so after a rejected week the officer sees which week the
  // button signs off.
  const weekName = formatDate(model.periodStart, 'UTC');
  return (
    <Layout chrome={withErrorTitle(chrome, errors)}>
      <PrivacyNav current="reviews" />
      <h1>Weekly sign-off</h1>
      <ErrorSummary errors={errors} />
      {model.signed && <p class="card">You signed off the week of {weekName}.</p>}
      <p>
        Last complete week: Monday, <DateText value={model.lastCompleteMonday} timeZone="UTC" /> to
        Sunday, <DateText value={model.lastCompleteSunday} timeZone="UTC" />. The page shows it
        unless you choose another week.
      </p>

      <form method="get" action="/staff/privacy/reviews" novalidate>
        <TextField
          name="week"
          label="Week starting"
          hint="A Monday, for example 2026-11-23"
          value={model.weekInput}
          error={errorFor(errors, 'week')}
        />
        <Button>Show this week</Button>
      </form>

      <h2>
        Week of <DateText value={model.periodStart} timeZone="UTC" />
        {model.periodStart === model.lastCompleteMonday && ' (the last complete week)'}
      </h2>
      <DataTable
        caption="What happened this week"
        columns={['Item', 'Count']}
        rows={[
          ['Audit events', String(counts.eventCount)],
          ['Sequence numbers', seqRange],
          ['Alerts', String(counts.alertCount)],
          ['Emergency access uses', String(counts.breakGlassCount)],
          ['Emergency access uses not yet reviewed', String(counts.unreviewedBreakGlass)],
        ]}
      />
      {counts.unreviewedBreakGlass > 0 && (
        <p>
          <a href="/staff/privacy/break-glass">Review the emergency access uses</a> before you sign
          off this week.
        </p>
      )}

      <form method="post" action="/staff/privacy/reviews" novalidate>
        <input type="hidden" name="week" value={model.periodStart} />
        <TextAreaField
          name="note"
          label="Note (optional)"
          hint="Anything you followed up on this week"
          value={model.note}
          error={errorFor(errors, 'note')}
        />
        <Button>Sign off the week of {weekName}</Button>
      </form>

      <h2>Sign-offs of this week</h2>
      {model.signOffs.length === 0 ? (
        <p>No one has signed off this week yet.</p>
      ) : (
        <ul>
          {model.signOffs.map((signOff) => (
            <li>
              {signOff.reviewer},{' '}
              <DateTimeText value={signOff.signedAt} timeZone={chrome.timeZone} />:{' '}
              {signOff.eventCount} events
              {signOff.firstSeq !== null && ` (${signOff.firstSeq} to ${signOff.lastSeq})`}
              {signOff.note && `. ${signOff.note}`}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
