import { DataTable } from '../components/data-table.tsx';
import { Layout } from '../layout.tsx';
import type { PageChrome, StaffHomeModel } from '../models.ts';

/**
 * Shows staff who is signed in, their care teams and patient counts. It shows no PHI, because
 * staff pages with patient data do not exist yet.
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
        Staff pages with patient information are not built into the portal yet, so this page shows
        none. Use the clinic's record system to open a patient's chart.
      </p>
    </Layout>
  );
}
