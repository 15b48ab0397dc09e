/**
 * Reassures the patient that results needing action are followed up, and names where to ask.
 * NOTE: this points to the phone because patients cannot send portal messages yet.
 */
export function ResultsNote() {
  return (
    <p class="card">
      Your care team reviews every result and will contact you about any result that needs action. A
      result outside the normal range is not always a problem. If you have a question about a
      result, call your clinic.
    </p>
  );
}
