import type { ResultFlag } from '../../schema/chart.ts';
import { BackLink } from '../components/back-link.tsx';
import { DataTable } from '../components/data-table.tsx';
import { DateText } from '../components/date-text.tsx';
import { FlagLabel } from '../components/flag-label.tsx';
import { ResultsNote } from '../components/results-note.tsx';
import { chartPathOf } from '../chart-path.ts';
import { Layout } from '../layout.tsx';
import type { PageChrome, ResultDetail } from '../models.ts';
import { referenceRangeText } from '../reference-range.ts';
import { subjectWords } from '../subject.ts';

const FLAG_SENTENCES: Record<ResultFlag, string> = {
  normal: 'This result is in the normal range.',
  low: 'This result is below the normal range.',
  high: 'This result is above the normal range.',
  'critical-low': 'This result is far below the normal range.',
  'critical-high': 'This result is far above the normal range.',
  abnormal: 'This result is not the expected, normal answer.',
};

/** Shows one test result, how it compares with the normal range, and earlier values. */
export function ResultDetailPage({ chrome, model }: { chrome: PageChrome; model: ResultDetail }) {
  const chartPath = chartPathOf(chrome);
  const range = referenceRangeText(model);

  return (
    <Layout chrome={chrome}>
      <BackLink href={`${chartPath}/results`}>Back to test results</BackLink>
      <h1>{model.name}</h1>
      <p class="muted">Part of {model.panel}</p>

      <dl class="summary">
        <dt>{subjectWords(chrome).possessive} result</dt>
        <dd>
          {model.display} <FlagLabel flag={model.flag} />
        </dd>
        <dt>Compared with normal</dt>
        <dd>
          {(range !== null || model.flag !== 'normal') && (
            <>
              {FLAG_SENTENCES[model.flag]}
              <br />
            </>
          )}
          {range ?? 'No normal range is given for this test.'}
        </dd>
        <dt>Test date</dt>
        <dd>
          <DateText value={model.observedAt} timeZone={chrome.timeZone} />
        </dd>
        <dt>Result available</dt>
        <dd>
          <DateText value={model.releasedAt} timeZone={chrome.timeZone} />
        </dd>
      </dl>

      <ResultsNote chrome={chrome} />

      {model.olderNotShown && (
        <p>Only the most recent earlier results are shown here. Test results lists all of them.</p>
      )}
      {model.history.length > 0 ? (
        <DataTable
          caption={<h2>Earlier results</h2>}
          columns={['Date', 'Result', 'Compared with normal']}
          rows={model.history.map((earlier) => [
            <DateText value={earlier.observedAt} timeZone={chrome.timeZone} />,
            earlier.display,
            <FlagLabel flag={earlier.flag} />,
          ])}
        />
      ) : (
        <>
          <h2>Earlier results</h2>
          <p>There are no earlier results for this test.</p>
        </>
      )}
    </Layout>
  );
}
