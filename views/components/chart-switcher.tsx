import { formatDate } from '../format.ts';
import type { ActingForEntry, PasskeyStep } from '../models.ts';

const SCOPE_LABELS: Record<string, string> = {
  record: 'health record',
  messaging: 'messages',
  scheduling: 'appointments',
  billing: 'bills',
};

/**
 * Lists the people whose chart the signed-in proxy may open now, each with what they may see
 * or do there. Opening one needs a passkey, so the list ends with how to add one (no passkey
 * yet) or that the passkey will be requested (signed in at AAL1).
 */
export function ChartSwitcher({
  people,
  passkeyStep = 'none',
}: {
  people: ActingForEntry[];
  passkeyStep?: PasskeyStep | undefined;
}) {
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
            {person.endsOn && (
              <>
                <br />
                <strong>
                  Your access ends after {formatDate(person.endsOn, 'UTC')}. To keep it, ask{' '}
                  {person.name} or the clinic to renew it.
                </strong>
              </>
            )}
          </li>
        ))}
      </ul>
      {passkeyStep === 'add' && (
        <p>
          Opening their records needs a passkey. You do not have one yet, so we will help you add
          one.
        </p>
      )}
      {passkeyStep === 'ask' && (
        <p>You will be asked for your passkey when you open their records.</p>
      )}
    </>
  );
}
