import { Button } from '../components/button.tsx';
import { ChoiceGroup } from '../components/choice-fields.tsx';
import { DateText } from '../components/date-text.tsx';
import { ErrorSummary, errorFor, withErrorTitle } from '../components/error-summary.tsx';
import { TextField } from '../components/text-field.tsx';
import { Layout } from '../layout.tsx';
import type { FormError, PageChrome } from '../models.ts';

/** Plain-words description of each scope, as the pages show it. */
export const SCOPE_LABELS: Record<string, string> = {
  record: 'see the health record',
  messaging: 'message the care team',
  scheduling: 'request and manage appointments',
  billing: 'see and pay bills',
};

export const KIND_LABELS: Record<string, string> = {
  'parent-of-minor': 'Parent',
  'legal-guardian-of-minor': 'Legal guardian',
  'court-appointed-guardian': 'Court-appointed guardian',
  'health-care-power-of-attorney': 'Health care power of attorney',
  'adult-designated-proxy': 'Someone you chose',
};

export interface SharingProxy {
  id: string;
  name: string;
  firstName: string;
  kind: string;
  scopes: string[];
  status: string;
  // YYYY-MM-DD of the first day the access ends, or null when it has no end date.
  validTo: string | null;
  mayRevoke: boolean;
  mayRenew: boolean;
  // For a teen's parental proxy: whether they may see the sensitive parts; null otherwise.
  consent: { granted: boolean } | null;
}

export interface SharingModel {
  ageGroup: 'child' | 'adolescent' | 'adult';
  // The patient has no passkey, so the page explains that the invitee needs one all the same.
  passkeyNeededForInvitee: boolean;
  // Months an adult-designated proxy lasts from its start or renewal.
  adultProxyMonths: number;
  proxies: SharingProxy[];
  invitations: { id: string; email: string; scopes: string[]; expiresAt: string }[];
  // What was typed in the invitation form, kept after a failed submission.
  form: { email: string; scopes: string[]; errors: FormError[] };
  notice: string | null;
}

/** "Who can see your record": proxies, open invitations, the invitation form and teen consents. */
export function SharingPage({ chrome, model }: { chrome: PageChrome; model: SharingModel }) {
  return (
    <Layout chrome={withErrorTitle(chrome, model.form.errors)}>
      <h1>Who can see your record</h1>
      <ErrorSummary errors={model.form.errors} />
      {model.notice && <p class="card">{model.notice}</p>}
      {model.proxies.length === 0 ? (
        <p>Nobody else can see your record.</p>
      ) : (
        <ul class="plain-list">
          {model.proxies.map((proxy) => (
            <ProxyCard proxy={proxy} timeZone={chrome.timeZone} months={model.adultProxyMonths} />
          ))}
        </ul>
      )}
      {model.ageGroup === 'adult' && <Invitations model={model} timeZone={chrome.timeZone} />}
      {model.ageGroup === 'child' && (
        <p>To change who can see your record, ask a parent or call your clinic.</p>
      )}
    </Layout>
  );
}

function ProxyCard({
  proxy,
  timeZone,
  months,
}: {
  proxy: SharingProxy;
  timeZone: string;
  months: number;
}) {
  return (
    <li class="card">
      <h2>{proxy.name}</h2>
      <p>
        {KIND_LABELS[proxy.kind] ?? proxy.kind}. <StatusText proxy={proxy} timeZone={timeZone} />
      </p>
      <p>They can {proxy.scopes.map((scope) => SCOPE_LABELS[scope] ?? scope).join(', ')}.</p>
      {proxy.mayRenew && (
        <form method="post" action={`/account/sharing/relationships/${proxy.id}/renew`}>
          <Button look="link">{`Renew for another ${months} months`}</Button>
        </form>
      )}
      {proxy.mayRevoke && (
        <form method="post" action={`/account/sharing/relationships/${proxy.id}/revoke`}>
          <Button look="link">{`Stop ${proxy.firstName} seeing your record`}</Button>
        </form>
      )}
      {proxy.consent && (
        <form method="post" action={`/account/sharing/consents/${proxy.id}`}>
          <input type="hidden" name="consent" value={proxy.consent.granted ? 'revoke' : 'grant'} />
          <p>
            {proxy.consent.granted
              ? `${proxy.firstName} can see the sensitive parts of your record, like visits about mental health or sexual health.`
              : `${proxy.firstName} cannot see the sensitive parts of your record, like visits about mental health or sexual health.`}
          </p>
          <Button look="link">
            {proxy.consent.granted
              ? `Stop ${proxy.firstName} seeing sensitive parts of my record`
              : `Let ${proxy.firstName} see sensitive parts of my record`}
          </Button>
        </form>
      )}
    </li>
  );
}

function Invitations({ model, timeZone }: { model: SharingModel; timeZone: string }) {
  const scopeChoices = Object.entries(SCOPE_LABELS).map(([value, label]) => ({
    value,
    label: label[0]!.toUpperCase() + label.slice(1),
  }));
  return (
    <>
      {model.invitations.length > 0 && (
        <>
          <h2>Invitations waiting for an answer</h2>
          <ul class="plain-list">
            {model.invitations.map((invitation) => (
              <li class="card">
                <p>
                  Sent to {invitation.email}. It works until{' '}
                  <DateText value={invitation.expiresAt} timeZone={timeZone} />.
                </p>
                <form method="post" action={`/account/sharing/invitations/${invitation.id}/cancel`}>
                  <Button look="link">Cancel this invitation</Button>
                </form>
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>Let someone help with your care</h2>
      <p>
        We will email them a link that works for 14 days. Their access lasts{' '}
        {model.adultProxyMonths} months unless you renew it, and you can stop it at any time.
      </p>
      {model.passkeyNeededForInvitee && (
        <p>They will need to add a passkey before they can see your record.</p>
      )}
      <form method="post" action="/account/sharing/invitations" novalidate>
        <TextField
          name="email"
          type="email"
          label="Their email address"
          autocomplete="off"
          value={model.form.email}
          error={errorFor(model.form.errors, 'email')}
        />
        <ChoiceGroup
          type="checkbox"
          name="scopes"
          legend="What can they do?"
          hint="Choose at least one"
          choices={scopeChoices}
          checked={model.form.scopes}
          error={errorFor(model.form.errors, 'scopes')}
        />
        <Button>Send the invitation</Button>
      </form>
    </>
  );
}

function StatusText({ proxy, timeZone }: { proxy: SharingProxy; timeZone: string }) {
  if (proxy.status === 'active' && proxy.validTo) {
    return (
      <>
        Access ends on <DateText value={proxy.validTo} timeZone={timeZone} />.
      </>
    );
  }
  if (proxy.status === 'active') return 'Access has no end date.';
  if (proxy.status === 'revoked') return 'Access stopped.';
  if (proxy.status === 'expired') return 'Access ended.';
  if (proxy.status === 'suspended') return 'Access paused by the clinic.';
  return 'Waiting for the clinic to approve.';
}
