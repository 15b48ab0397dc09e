import { Button } from '../components/button.tsx';
import { ChoiceGroup, ConfirmCheckbox } from '../components/choice-fields.tsx';
import { ErrorSummary, errorFor, withErrorTitle } from '../components/error-summary.tsx';
import { TextField } from '../components/text-field.tsx';
import { Layout } from '../layout.tsx';
import type { FormError, PageChrome } from '../models.ts';
import { KIND_LABELS, SCOPE_LABELS } from './sharing.tsx';

export interface StaffInvitationModel {
  patientId: string;
  patientName: string;
  // Relationship kinds staff may invite for, after checking the legal documents.
  kinds: string[];
  form: {
    email: string;
    kind: string;
    scopes: string[];
    legalBasis: string;
    documentsChecked: boolean;
    errors: FormError[];
  };
  notice: string | null;
}

/** Staff send a proxy invitation for a patient after checking the legal documents. */
export function StaffInvitationPage({
  chrome,
  model,
}: {
  chrome: PageChrome;
  model: StaffInvitationModel;
}) {
  const { form } = model;
  const kindChoices = model.kinds.map((kind) => ({
    value: kind,
    label: KIND_LABELS[kind] ?? kind,
  }));
  const scopeChoices = Object.entries(SCOPE_LABELS).map(([value, label]) => ({
    value,
    label: label[0]!.toUpperCase() + label.slice(1),
  }));
  return (
    <Layout chrome={withErrorTitle(chrome, form.errors)}>
      <h1>Invite a proxy for {model.patientName}</h1>
      <ErrorSummary errors={form.errors} />
      {model.notice && <p class="card">{model.notice}</p>}
      <p>
        The person gets an email with a link that works for 14 days. They prove the address with a
        code and must add a passkey before they can open the chart.
      </p>
      <form method="post" action={`/staff/patients/${model.patientId}/invitations`} novalidate>
        <TextField
          name="email"
          type="email"
          label="Their email address"
          autocomplete="off"
          value={form.email}
          error={errorFor(form.errors, 'email')}
        />
        <ChoiceGroup
          type="radio"
          name="kind"
          legend="How are they related to the patient?"
          choices={kindChoices}
          checked={form.kind ? [form.kind] : []}
          error={errorFor(form.errors, 'kind')}
        />
        <ChoiceGroup
          type="checkbox"
          name="scopes"
          legend="What can they do?"
          hint="Choose at least one"
          choices={scopeChoices}
          checked={form.scopes}
          error={errorFor(form.errors, 'scopes')}
        />
        <TextField
          name="legal-basis"
          label="Legal basis on file"
          hint="For example, birth certificate checked at the front desk, or court order number"
          value={form.legalBasis}
          error={errorFor(form.errors, 'legal-basis')}
        />
        <ConfirmCheckbox
          name="documents-checked"
          label="I checked the legal documents that give this person the right to act for the patient"
          checked={form.documentsChecked}
          error={errorFor(form.errors, 'documents-checked')}
        />
        <Button>Send the invitation</Button>
      </form>
    </Layout>
  );
}
