import { Layout } from '../layout.tsx';
import type { PageChrome } from '../models.ts';

export interface RecoveryCodeModel {
  // The new code, or null when it was shown already (after a reload or going back).
  code: string | null;
  // Relative path the "Continue" link goes to.
  returnTo: string;
}

/**
 * Shows a new recovery code once, with advice on keeping it. The server keeps only a keyed
 * hash of it, so the page says plainly that nobody can show it again.
 *
 *     <p class="recovery-code" aria-label="Recovery code: 7 K Q M ...">7KQM-X3PD-9WEH-RT2C</p>
 */
export function RecoveryCodePage({
  chrome,
  model,
}: {
  chrome: PageChrome;
  model: RecoveryCodeModel;
}) {
  return (
    <Layout chrome={chrome}>
      <h1>Your recovery code</h1>
      {model.code ? (
        <>
          <p>
            If you lose your passkey, you can get back into your account with this code and a code
            we send to your email.
          </p>
          <p class="recovery-code" aria-label={`Recovery code: ${model.code.split('').join(' ')}`}>
            {model.code}
          </p>
          <ul>
            <li>Write it down or print this page, and keep it somewhere safe at home.</li>
            <li>Do not keep it on the same phone or computer as your passkey.</li>
            <li>We cannot show it again. You can make a new one on your passkeys page.</li>
            <li>Nobody from your clinic will ever ask you for it.</li>
          </ul>
        </>
      ) : (
        <p>
          Your recovery code was shown once already, and we cannot show it again. If you did not
          write it down, make a new one on your passkeys page.
        </p>
      )}
      <p>
        <a class="button" href={model.returnTo}>
          Continue
        </a>
      </p>
    </Layout>
  );
}
