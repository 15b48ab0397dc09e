import { DateText } from '../components/date-text.tsx';
import { Layout } from '../layout.tsx';
import type { MedicationSummary, MedicationsModel, PageChrome } from '../models.ts';
import { subjectWords } from '../subject.ts';

/** Lists current medications first, then stopped ones, each with how to take it. */
export function MedicationsPage({
  chrome,
  model,
}: {
  chrome: PageChrome;
  model: MedicationsModel;
}) {
  const active = model.medications.filter((medication) => medication.status === 'active');
  const stopped = model.medications.filter((medication) => medication.status === 'stopped');
  const subject = subjectWords(chrome);

  return (
    <Layout chrome={chrome}>
      <h1>Medications</h1>
      <p>Do not stop or change a medication without talking to {subject.careTeam} first.</p>

      <h2>Current medications</h2>
      {active.length > 0 ? (
        active.map((medication) => (
          <MedicationCard medication={medication} timeZone={chrome.timeZone} />
        ))
      ) : (
        <p>{subject.has} no current medications on file.</p>
      )}

      <h2>Stopped medications</h2>
      {stopped.length > 0 ? (
        stopped.map((medication) => (
          <MedicationCard medication={medication} timeZone={chrome.timeZone} />
        ))
      ) : (
        <p>{subject.has} no stopped medications on file.</p>
      )}
    </Layout>
  );
}

function MedicationCard({
  medication,
  timeZone,
}: {
  medication: MedicationSummary;
  timeZone: string;
}) {
  return (
    <div class="card">
      <h3>{medication.name}</h3>
      <p>{medication.instructions}</p>
      {medication.prescriber && <p>Prescribed by {medication.prescriber}</p>}
      <p class="muted">
        Started <DateText value={medication.startedOn} timeZone={timeZone} />
        {medication.endedOn && (
          <>
            , stopped <DateText value={medication.endedOn} timeZone={timeZone} />
          </>
        )}
      </p>
    </div>
  );
}
