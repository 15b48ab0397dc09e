import { DataTable } from '../components/data-table.tsx';
import { Layout } from '../layout.tsx';
import type { PageChrome, StaffHomeModel } from '../models.ts';

/**
 * Shows staff who is signed in, their care teams and patient counts. It shows no PHI,
 * because staff open charts only after signing in with a passkey.
 */
export function StaffHomePage({ chrome, model }: { chrome: PageChrome; model: StaffHomeModel }) {
  return (
    <Layout chrome={chrome}>
      <h1>Staff home</h1>
      <p>
        {model.displayName}, {model.role}
      </p>

      {model.careTeams.length > 0 ? (
        <DataTable
          caption={<h2>Your care teams</h2>}
          columns={['Care team', 'Department', 'Patients']}
          rows={model.careTeams.map((team) => [
            team.name,
            team.department,
            String(team.patientCount),
          ])}
        />
      ) : (
        <>
          <h2>Your care teams</h2>
          <p>You are not on any care team yet. Ask your manager to add you.</p>
        </>
      )}

      <h2>Opening patient charts</h2>
      <p>
        Opening a patient's chart needs a passkey. Passkeys for staff accounts are not available in
        the portal yet, so this page shows no patient information.
      </p>
    </Layout>
  );
}
