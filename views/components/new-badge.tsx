/**
 * Marks an item the patient has not opened yet.
 *
 *     <strong class="badge">New</strong>
 */
export function NewBadge() {
  return <strong class="badge">New</strong>;
}
