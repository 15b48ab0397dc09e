import { Button } from '../components/button.tsx';
import { DataTable } from '../components/data-table.tsx';
import { DateText } from '../components/date-text.tsx';
import { ErrorSummary, withErrorTitle } from '../components/error-summary.tsx';
import { Pager } from '../components/pager.tsx';
import { TextField } from '../components/text-field.tsx';
import { Layout } from '../layout.tsx';
import type { FormError, PageChrome, StaffHomeModel, StaffPatientRow } from '../models.ts';

/**
 * Shows the signed-in staff member their care teams and patients, with a search across all
 * patients. A patient outside the care teams is listed with name and MRN only, and a link to
 * break-glass instead of the chart.
 */
const ROLE_WORDS: Record<string, string> = {
  clinician: 'clinician',
  nurse: 'nurse',
  'front-desk': 'front desk',
  'privacy-officer': 'privacy officer',
};

export function StaffHomePage({ chrome, model }: { chrome: PageChrome; model: StaffHomeModel }) {
  const errors: FormError[] = model.search?.error
    ? [{ field: 'q', message: model.search.error }]
    : [];

  return (
    <Layout chrome={withErrorTitle(chrome, errors)}>
      <h1>Staff home</h1>
      <ErrorSummary errors={errors} />
      <p>
        {model.displayName}, {ROLE_WORDS[model.role] ?? model.role}
      </p>

      <form method="get" action="/staff" novalidate>
        <TextField
          name="q"
          label="Find a patient"
          hint="Enter part of a name or a medical record number (MRN)"
          value={model.search?.query}
          autocomplete="off"
          error={model.search?.error ?? undefined}
        />
        <Button>Search</Button>
      </form>
      {model.search && !model.search.error && (
        <SearchResults query={model.search.query} results={model.search.results} />
      )}

      <h2>Your patients</h2>
      {model.careTeamPatients.length > 0 ? (
        <PatientTable caption="Patients of your care teams" patients={model.careTeamPatients} />
      ) : (
        <p>
          {model.careTeamPager.page > 1
            ? 'This page is past the end of the list.'
            : 'Your care teams have no patients yet.'}
        </p>
      )}
      <Pager pager={model.careTeamPager} label="Pages of your patients" />

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

      <h2>Proxy relationships</h2>
      <p>
        <a href="/staff/relationships">Approve, restrict or end proxy relationships</a>
      </p>
      {/* Only these roles may use the reset; /staff/recovery itself enforces it. */}
      {(model.role === 'front-desk' || model.role === 'privacy-officer') && (
        <p>
          <a href="/staff/recovery">Reset a patient's sign-in</a>
        </p>
      )}
    </Layout>
  );
}

function SearchResults({ query, results }: { query: string; results: StaffPatientRow[] }) {
  if (results.length === 0) {
    return (
      <>
        <h2>Search results</h2>
        <p>No patient's name or MRN contains “{query}”. Check the spelling or try the MRN.</p>
      </>
    );
  }
  return <PatientTable caption="Search results" patients={results} />;
}

function PatientTable({ caption, patients }: { caption: string; patients: StaffPatientRow[] }) {
  return (
    <DataTable
      caption={<h2>{caption}</h2>}
      columns={['Name', 'MRN', 'Date of birth', 'Chart', 'Enrollment']}
      rows={patients.map((patient) => [
        patient.name,
        patient.mrn,
        patient.birthDate ? <DateText value={patient.birthDate} timeZone="UTC" /> : 'Not shown',
        patient.onCareTeam ? (
          <a href={`/chart/${patient.patientId}`}>
            Open chart<span class="visually-hidden"> of {patient.name}</span>
          </a>
        ) : (
          <a href={`/staff/break-glass/${patient.patientId}`}>
            Break the glass<span class="visually-hidden"> for {patient.name}</span>
          </a>
        ),
        patient.onCareTeam ? <EnrollmentLinks patient={patient} /> : 'Care team only',
      ])}
    />
  );
}

// Activation codes and proxy invitations are for patients of the staff member's care teams.
function EnrollmentLinks({ patient }: { patient: StaffPatientRow }) {
  return (
    <>
      <a href={`/staff/patients/${patient.patientId}/activation-code`}>
        Activation code<span class="visually-hidden"> for {patient.name}</span>
      </a>{' '}
      <a href={`/staff/patients/${patient.patientId}/invitations`}>
        Invite a proxy<span class="visually-hidden"> for {patient.name}</span>
      </a>
    </>
  );
}
