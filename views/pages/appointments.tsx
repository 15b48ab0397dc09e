import { PrivateItemsNote } from '../components/private-items-note.tsx';
import { AppointmentCard } from '../components/appointment-card.tsx';
import { Layout } from '../layout.tsx';
import type { AppointmentsModel, PageChrome } from '../models.ts';
import { subjectWords } from '../subject.ts';

/** Lists upcoming appointments, soonest first, then past ones, most recent first. */
export function AppointmentsPage({
  chrome,
  model,
}: {
  chrome: PageChrome;
  model: AppointmentsModel;
}) {
  const subject = subjectWords(chrome);
  return (
    <Layout chrome={chrome}>
      <h1>Appointments</h1>
      <PrivateItemsNote chrome={chrome} />

      <h2>Upcoming appointments</h2>
      {model.upcoming.length > 0 ? (
        model.upcoming.map((appointment) => (
          <AppointmentCard appointment={appointment} timeZone={chrome.timeZone} />
        ))
      ) : (
        <p>
          {chrome.privateItemsHidden
            ? 'There are no upcoming appointments to show you.'
            : `${subject.has} no upcoming appointments.`}
        </p>
      )}
      <p>To book, change or cancel an appointment, call {subject.clinic}.</p>

      <h2>Past appointments</h2>
      {model.past.length > 0 ? (
        model.past.map((appointment) => (
          <AppointmentCard appointment={appointment} timeZone={chrome.timeZone} />
        ))
      ) : (
        <p>
          {chrome.privateItemsHidden
            ? 'There are no past appointments to show you.'
            : `${subject.has} no past appointments.`}
        </p>
      )}
    </Layout>
  );
}
