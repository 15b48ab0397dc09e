import { ChartSwitcher } from '../components/chart-switcher.tsx';
import { Layout } from '../layout.tsx';
import type { PageChrome, ProxyHomeModel } from '../models.ts';

/** Renders the home page of a person who has no chart of their own and acts for others as a proxy. */
export function ProxyHomePage({ chrome, model }: { chrome: PageChrome; model: ProxyHomeModel }) {
  return (
    <Layout chrome={chrome}>
      <h1>People you help care for</h1>
      {model.blockedUntilPasskey && (
        <p>
          Your account was recovered recently. To open anyone else’s records again,{' '}
          <a href="/passkeys/new">add a new passkey</a>.
        </p>
      )}
      {model.actingFor.length > 0 ? (
        <ChartSwitcher people={model.actingFor} passkeyStep={model.passkeyStep} />
      ) : (
        <p>
          You cannot open anyone’s records right now. If you expected to, ask the patient or the
          clinic to check your access.
        </p>
      )}
      {model.ended.map((access) =>
        access.why === 'ended' ? (
          <p>
            Your access to {access.name}’s records has ended. If you still need it, ask the clinic.
          </p>
        ) : (
          <p>
            Your access to {access.name}’s records was stopped by the patient or the clinic. If you
            think this is a mistake, ask the clinic.
          </p>
        ),
      )}
      <p>
        <a href="/passkeys">Your passkeys</a>
      </p>
    </Layout>
  );
}
