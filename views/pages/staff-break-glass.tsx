import { Button } from '../components/button.tsx';
import { ChoiceGroup } from '../components/choice-fields.tsx';
import { DateTimeText } from '../components/date-text.tsx';
import { ErrorSummary, errorFor, withErrorTitle } from '../components/error-summary.tsx';
import { TextAreaField } from '../components/text-area-field.tsx';
import { Layout } from '../layout.tsx';
import { BREAK_GLASS_REASON_LABELS } from '../break-glass-reasons.ts';
import type { BreakGlassModel, PageChrome } from '../models.ts';

/**
 * Asks a staff member outside the patient's care teams why they need the chart before opening
 * it for a limited time. Care-team members see that they do not need it.
 */
export function BreakGlassPage({ chrome, model }: { chrome: PageChrome; model: BreakGlassModel }) {
  const chartPath = `/chart/${model.patientId}`;

  return (
    <Layout chrome={withErrorTitle(chrome, model.errors)}>
      <h1>Emergency access to {model.patientName}'s chart</h1>
      <ErrorSummary errors={model.errors} />
      <p>MRN {model.mrn}</p>

      {model.onCareTeam ? (
        <>
          <p>
            You are on {model.patientName}'s care team, so you do not need emergency access. Open
            the chart as usual.
          </p>
          <p>
            <a href={chartPath}>Open {model.patientName}'s chart</a>
          </p>
        </>
      ) : (
        <>
          {model.liveUntil && (
            <div class="card">
              <p>
                You already have emergency access to this chart until{' '}
                <DateTimeText value={model.liveUntil} timeZone={chrome.timeZone} />.
              </p>
              <p>
                <a href={chartPath}>Open {model.patientName}'s chart</a>
              </p>
            </div>
          )}
          <p>
            {model.patientName} is not a patient of your care teams. You can open the chart for{' '}
            {model.minutes} minutes if you have a reason to. Every page you open is recorded, and
            the privacy officer reviews every use of emergency access.
          </p>
          <form method="post" action={`/staff/break-glass/${model.patientId}`} novalidate>
            <ChoiceGroup
              type="radio"
              name="reason"
              legend="Why do you need to open this chart?"
              choices={Object.entries(BREAK_GLASS_REASON_LABELS).map(([value, label]) => ({
                value,
                label,
              }))}
              checked={model.reason ? [model.reason] : []}
              error={errorFor(model.errors, 'reason')}
            />
            <TextAreaField
              name="details"
              label="Describe the reason"
              hint="Needed when you choose another reason. Do not include clinical details the privacy officer does not need."
              value={model.details}
              error={errorFor(model.errors, 'details')}
            />
            <Button>Open the chart</Button>
          </form>
        </>
      )}
      <p>
        <a href="/staff">Back to staff home</a>
      </p>
    </Layout>
  );
}
