import { Button } from '../components/button.tsx';
import { Layout } from '../layout.tsx';
import type { PageChrome } from '../models.ts';

export interface ActivationCodeModel {
  patientId: string;
  patientName: string;
  // The new code, shown once right after it was issued; null on the page that offers to issue one.
  code: string | null;
  // YYYY-MM-DD of the last day the new code works.
  expiresOn: string | null;
}

/**
 * Offers staff a new activation code for a patient and, after the POST, shows it once. Only
 * its keyed hash is stored, so the code cannot be shown again later.
 */
export function ActivationCodePage({
  chrome,
  model,
}: {
  chrome: PageChrome;
  model: ActivationCodeModel;
}) {
  const action = `/staff/patients/${model.patientId}/activation-code`;
  if (model.code) {
    return (
      <Layout chrome={chrome}>
        <h1>New activation code for {model.patientName}</h1>
        <p class="card">
          <strong class="code">{model.code}</strong>
        </p>
        <p>
          Give this code to the patient in person or in their after-visit summary. It works once,
          until {model.expiresOn}. Any older code for this patient no longer works.
        </p>
        <p>This is the only time the code is shown. If it is lost, issue a new one.</p>
        <p>
          To set up their account, the patient goes to /enroll and enters the code with their date
          of birth and last name.
        </p>
      </Layout>
    );
  }

  return (
    <Layout chrome={chrome}>
      <h1>Activation code for {model.patientName}</h1>
      <p>
        A new code replaces every unused code issued before it. It works once, for 30 days, and only
        together with the patient's date of birth and last name.
      </p>
      <form method="post" action={action}>
        <Button>Issue a new activation code</Button>
      </form>
    </Layout>
  );
}
