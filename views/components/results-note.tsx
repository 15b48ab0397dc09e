import type { PageChrome } from '../models.ts';
import { subjectWords } from '../subject.ts';

/**
 * Reassures the patient, or the proxy reading their chart, that results needing action are
 * followed up, and names where to ask.
 * NOTE: this points only to the phone, although the portal now lets a patient write to the care
 * team from the messages page.
 */
export function ResultsNote({ chrome }: { chrome: PageChrome }) {
  const subject = subjectWords(chrome);
  return (
    <p class="card">
      {subject.possessive} care team reviews every result and will contact {subject.object} about
      any result that needs action. A result outside the normal range is not always a problem. If
      you have a question about a result, call {subject.clinic}.
    </p>
  );
}
