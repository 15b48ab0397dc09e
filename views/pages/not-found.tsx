import { Layout } from '../layout.tsx';
import type { PageChrome } from '../models.ts';

/** Tells the person the page does not exist and how to carry on. No detail about why. */
export function NotFoundPage({ chrome }: { chrome: PageChrome }) {
  return (
    <Layout chrome={chrome}>
      <h1>Page not found</h1>
      <p>If you typed the web address, check it is correct.</p>
      <p>If you pasted the web address, check you copied the entire address.</p>
      <p>
        <a href={chrome.chartPath ?? '/'}>Go to the home page</a>
      </p>
    </Layout>
  );
}
