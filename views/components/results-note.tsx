/**
 * Reassures the patient that results needing action are followed up, and links to
 * messages for questions.
 */
export function ResultsNote({ messagesPath }: { messagesPath: string }) {
  return (
    <p class="card">
      Your care team reviews every result and will contact you about any result that needs action. A
      result outside the normal range is not always a problem. If you have a question,{' '}
      <a href={messagesPath}>send your care team a message</a>.
    </p>
  );
}
