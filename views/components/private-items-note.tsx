import type { PageChrome } from '../models.ts';

/**
 * Tells a proxy that the patient keeps some items private, so an empty list is not read as
 * "there are none". The chrome flag follows the access policy, not the data. The line appears on
 * every restricted view, whether or not anything was left out, so it does not reveal to a parent
 * that a teen has a confidential item.
 */
export function PrivateItemsNote({ chrome }: { chrome: PageChrome }) {
  if (!chrome.privateItemsHidden || chrome.chartOf === null) return null;

  return (
    <p class="card">Some of {chrome.chartOf}’s items are private to them and are not shown here.</p>
  );
}
