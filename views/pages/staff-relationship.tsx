import { Button } from '../components/button.tsx';
import { ChoiceGroup, ConfirmCheckbox } from '../components/choice-fields.tsx';
import { DateText } from '../components/date-text.tsx';
import { ErrorSummary, errorFor, withErrorTitle } from '../components/error-summary.tsx';
import { TextAreaField } from '../components/text-area-field.tsx';
import { Layout } from '../layout.tsx';
import type { PageChrome, StaffRelationshipModel } from '../models.ts';

const SCOPE_LABELS: Record<string, string> = {
  record: 'Read the record',
  messaging: 'Messages',
  scheduling: 'Appointments',
  billing: 'Bills',
};

/**
 * Shows one proxy relationship with the forms staff use on it: approve after checking the legal
 * documents, record a court-ordered restriction, record a teen's consent or revoke one staff
 * recorded, suspend, reinstate or revoke.
 * Every form posts to this page's URL and names its change in a hidden `change` field.
 */
export function StaffRelationshipPage({
  chrome,
  model,
}: {
  chrome: PageChrome;
  model: StaffRelationshipModel;
}) {
  const action = `/staff/relationships/${model.id}`;
  const errors = model.errors;
  const open = model.status !== 'revoked' && model.status !== 'expired';

  return (
    <Layout chrome={withErrorTitle(chrome, errors)}>
      <h1>
        {model.proxyName} for {model.patientName}
      </h1>
      <ErrorSummary errors={errors} />
      {model.notice && <p class="card">{model.notice}</p>}

      <dl class="summary">
        <dt>Patient</dt>
        <dd>
          {model.patientName}, MRN {model.mrn}, born{' '}
          <DateText value={model.patientBirthDate} timeZone="UTC" />
        </dd>
        <dt>Proxy</dt>
        <dd>
          {model.proxyName} ({model.proxyEmail})
        </dd>
        <dt>Relationship</dt>
        <dd>{model.kindLabel}</dd>
        <dt>Status</dt>
        <dd>{model.status}</dd>
        <dt>May use</dt>
        <dd>{model.scopes.map((scope) => SCOPE_LABELS[scope] ?? scope).join(', ') || 'Nothing'}</dd>
        <dt>Valid</dt>
        <dd>
          From <DateText value={model.validFrom} timeZone="UTC" />
          {model.validTo && (
            <>
              {' '}
              to <DateText value={model.validTo} timeZone="UTC" />
            </>
          )}
        </dd>
        <dt>Legal basis on file</dt>
        <dd>{model.legalBasis || 'None yet'}</dd>
        <dt>Restriction</dt>
        <dd>
          {model.restrictions
            ? `${model.restrictions} (removes: ${model.restrictedScopes.map((scope) => SCOPE_LABELS[scope] ?? scope).join(', ')})`
            : 'None'}
        </dd>
      </dl>

      {model.status === 'pending' && (
        <form method="post" action={action} novalidate>
          <h2>Approve</h2>
          <TextAreaField
            name="legalBasis"
            label="Legal basis"
            hint="Name the document you checked, for example a birth certificate or a court order and its number"
            value={model.form.legalBasis}
            rows={2}
            error={errorFor(errors, 'legalBasis')}
          />
          <ConfirmCheckbox
            name="documentsChecked"
            label="I checked the legal documents"
            checked={model.form.documentsChecked}
            error={errorFor(errors, 'documentsChecked')}
          />
          <input type="hidden" name="change" value="approve" />
          <Button>Approve</Button>
        </form>
      )}

      {open && (
        <form method="post" action={action} novalidate>
          <h2>Record a restriction</h2>
          <TextAreaField
            name="courtOrder"
            label="Court order"
            hint="What the order says about this person's access, and its number"
            value={model.form.courtOrder}
            rows={3}
            error={errorFor(errors, 'courtOrder')}
          />
          <ChoiceGroup
            type="checkbox"
            name="restrictScopes"
            legend="What does the order remove?"
            choices={Object.entries(SCOPE_LABELS).map(([value, label]) => ({ value, label }))}
            checked={model.form.restrictScopes}
            error={errorFor(errors, 'restrictScopes')}
          />
          <input type="hidden" name="change" value="restrict" />
          <Button>Record the restriction</Button>
        </form>
      )}

      {model.consentApplies && model.status === 'active' && (
        <section id="consent" tabindex={-1}>
          <h2>Teen's consent</h2>
          <FieldMessage message={errorFor(errors, 'consent')} />
          {model.consentGrantedAt ? (
            <>
              <p>
                {model.patientName} agreed on{' '}
                <DateText value={model.consentGrantedAt} timeZone={chrome.timeZone} /> that{' '}
                {model.proxyName} may see the sensitive parts of the record.
              </p>
              {model.consentRecordedByStaff ? (
                <form method="post" action={action}>
                  <input type="hidden" name="change" value="revoke-consent" />
                  <Button>Revoke consent</Button>
                </form>
              ) : (
                <p>{model.patientName} gave this consent and can take it back while signed in.</p>
              )}
            </>
          ) : (
            <form method="post" action={action} novalidate>
              <p>
                From the age of adolescent confidentiality, {model.proxyName} does not see the
                sensitive parts of {model.patientName}'s record unless {model.patientName} agrees.
              </p>
              <ConfirmCheckbox
                name="consentConfirmed"
                label={`${model.patientName} told me that ${model.proxyName} may see the sensitive parts of the record`}
                checked={model.form.consentConfirmed}
                error={errorFor(errors, 'consentConfirmed')}
              />
              <input type="hidden" name="change" value="consent" />
              <Button>Record consent</Button>
            </form>
          )}
        </section>
      )}

      {open && (
        <section id="change" tabindex={-1}>
          <h2>{model.status === 'suspended' ? 'Reinstate or revoke' : 'Suspend or revoke'}</h2>
          <FieldMessage message={errorFor(errors, 'change')} />
          {model.status === 'active' && (
            <form method="post" action={action}>
              <input type="hidden" name="change" value="suspend" />
              <Button>Suspend</Button>
            </form>
          )}
          {model.status === 'suspended' && (
            <form method="post" action={action}>
              <input type="hidden" name="change" value="reinstate" />
              <Button>Reinstate</Button>
            </form>
          )}
          <form method="post" action={action}>
            <input type="hidden" name="change" value="revoke" />
            <Button>Revoke</Button>
          </form>
        </section>
      )}

      <p>
        <a href="/staff/relationships">Back to proxy relationships</a>
      </p>
    </Layout>
  );
}

function FieldMessage({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <p class="field-message">
      <span class="visually-hidden">Error:</span> {message}
    </p>
  );
}
