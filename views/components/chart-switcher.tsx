import type { ActingForEntry } from '../models.ts';

const SCOPE_LABELS: Record<string, string> = {
  record: 'health record',
  messaging: 'messages',
  scheduling: 'appointments',
  billing: 'bills',
};

/**
 * Lists the people whose chart the signed-in proxy may open now, each with what they may see
 * or do there, and explains that opening one needs a passkey.
 */
export function ChartSwitcher({ people }: { people: ActingForEntry[] }) {
  return (
    <>
      <ul>
        {people.map((person) => (
          <li>
            <a href={`/chart/${person.patientId}`}>{person.name}</a> ({person.relationship})
            <br />
            <span class="muted">
              You can see: {person.scopes.map((scope) => SCOPE_LABELS[scope] ?? scope).join(', ')}
            </span>
          </li>
        ))}
      </ul>
      <p>
        Opening their records needs a passkey. If you do not have one yet, we will help you add one.
      </p>
    </>
  );
}
