import { Button } from '../components/button.tsx';
import { DataTable } from '../components/data-table.tsx';
import { DateTimeText } from '../components/date-text.tsx';
import { ErrorSummary, errorFor, withErrorTitle } from '../components/error-summary.tsx';
import { TextField } from '../components/text-field.tsx';
import { Layout } from '../layout.tsx';
import type { PageChrome } from '../models.ts';
import type { AuditEventRow, PrivacyAuditModel } from './privacy-models.ts';
import { PrivacyNav } from './privacy-nav.tsx';

const OUTCOMES = [
  ['', 'Any outcome'],
  ['allow', 'Allowed'],
  ['deny', 'Denied'],
  ['success', 'Succeeded'],
  ['failure', 'Failed'],
] as const;

/**
 * Renders the audit search: a GET form of filters that works without JavaScript, and one page
 * of matching events, newest first.
 */
export function PrivacyAuditPage({
  chrome,
  model,
}: {
  chrome: PageChrome;
  model: PrivacyAuditModel;
}) {
  const { filters, errors } = model;
  return (
    <Layout chrome={withErrorTitle(chrome, errors)}>
      <PrivacyNav current="audit" />
      <h1>Audit trail</h1>
      <ErrorSummary errors={errors} />
      <form method="get" action="/staff/privacy/audit" novalidate>
        <TextField name="person" label="Person id" hint="Who acted" value={filters.person} />
        <TextField name="patient" label="Patient id" value={filters.patient} />
        <TextField
          name="action"
          label="Action"
          hint="For example chart.view, or chart for every chart action"
          value={filters.action}
          error={errorFor(errors, 'action')}
        />
        <div class="field">
          <label for="outcome">Outcome</label>
          <select id="outcome" name="outcome">
            {OUTCOMES.map(([value, label]) => (
              <option value={value} selected={filters.outcome === value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <TextField
          name="from"
          label="From"
          hint="First day, for example 2026-11-23"
          value={filters.from}
          error={errorFor(errors, 'from')}
        />
        <TextField
          name="to"
          label="To"
          hint="Last day, for example 2026-11-29"
          value={filters.to}
          error={errorFor(errors, 'to')}
        />
        <Button>Search</Button>
      </form>

      {errors.length === 0 && <EventTable chrome={chrome} model={model} />}
    </Layout>
  );
}

function EventTable({ chrome, model }: { chrome: PageChrome; model: PrivacyAuditModel }) {
  if (model.events.length === 0) return <p>No audit events match these filters.</p>;
  return (
    <>
      <DataTable
        caption={`Audit events, page ${model.page}`}
        columns={['Seq', 'Time', 'Actor', 'Action', 'Patient', 'Outcome', 'Reason']}
        rows={model.events.map((event) => [
          String(event.seq),
          <DateTimeText value={event.at} timeZone={chrome.timeZone} />,
          actorText(event),
          `${event.action} (${event.resourceType}${event.resourceId ? ` ${event.resourceId}` : ''})`,
          event.patientId ?? '',
          event.outcome,
          event.reason,
        ])}
      />
      <p>
        {model.previousPage && <a href={model.previousPage}>Newer events</a>}{' '}
        {model.nextPage && <a href={model.nextPage}>Older events</a>}
      </p>
    </>
  );
}

function actorText(event: AuditEventRow) {
  const actor = event.actorName ?? event.actorPersonId ?? 'Not signed in';
  const actingFor = event.actingForPatientId ? `, for patient ${event.actingForPatientId}` : '';
  return `${actor} (${event.actorRole}${actingFor})`;
}
