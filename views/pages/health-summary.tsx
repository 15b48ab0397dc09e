import { PrivateItemsNote } from '../components/private-items-note.tsx';
import { DataTable } from '../components/data-table.tsx';
import { DateText } from '../components/date-text.tsx';
import { Layout } from '../layout.tsx';
import type { HealthSummaryModel, PageChrome } from '../models.ts';
import { subjectWords } from '../subject.ts';

/** Shows the chart's health conditions, allergies and immunizations, one table each. */
export function HealthSummaryPage({
  chrome,
  model,
}: {
  chrome: PageChrome;
  model: HealthSummaryModel;
}) {
  const timeZone = chrome.timeZone;
  const subject = subjectWords(chrome);

  return (
    <Layout chrome={chrome}>
      <h1>Health summary</h1>
      <PrivateItemsNote chrome={chrome} />

      {model.problems.length > 0 ? (
        <DataTable
          caption={<h2>Health conditions</h2>}
          columns={['Condition', 'Since', 'Status']}
          rows={model.problems.map((problem) => [
            problem.name,
            <DateText value={problem.onsetOn} timeZone={timeZone} />,
            problem.status === 'active' ? 'Active' : 'Resolved',
          ])}
        />
      ) : (
        <>
          <h2>Health conditions</h2>
          <p>No health conditions are recorded.</p>
        </>
      )}

      {model.allergies.length > 0 ? (
        <DataTable
          caption={<h2>Allergies</h2>}
          columns={['Allergic to', 'Reaction', 'Severity']}
          rows={model.allergies.map((allergy) => [
            allergy.substance,
            allergy.reaction,
            allergy.severity,
          ])}
        />
      ) : (
        <>
          <h2>Allergies</h2>
          <p>
            No allergies are recorded. If {subject.hasInSentence} an allergy, tell{' '}
            {subject.careTeam}.
          </p>
        </>
      )}

      {model.immunizations.length > 0 ? (
        <DataTable
          caption={<h2>Immunizations</h2>}
          columns={['Vaccine', 'Date given', 'Dose']}
          rows={model.immunizations.map((immunization) => [
            immunization.name,
            <DateText value={immunization.givenOn} timeZone={timeZone} />,
            `Dose ${immunization.doseNumber}`,
          ])}
        />
      ) : (
        <>
          <h2>Immunizations</h2>
          <p>No immunizations are recorded.</p>
        </>
      )}
    </Layout>
  );
}
