import { PrivateItemsNote } from '../components/private-items-note.tsx';
import { DataTable } from '../components/data-table.tsx';
import { DateText } from '../components/date-text.tsx';
import { FlagLabel } from '../components/flag-label.tsx';
import { NewBadge } from '../components/new-badge.tsx';
import { ResultsNote } from '../components/results-note.tsx';
import { chartItemPath } from '../chart-path.ts';
import { Layout } from '../layout.tsx';
import type { PageChrome, ResultSummary, ResultsModel } from '../models.ts';
import { subjectWords } from '../subject.ts';

/**
 * Lists the chart's test results in one table per panel. Panels keep the order in which
 * they first appear in the model, so a newest-first list puts the latest panel first.
 */
export function ResultsPage({ chrome, model }: { chrome: PageChrome; model: ResultsModel }) {
  const panels = groupByPanel(model.results);

  return (
    <Layout chrome={chrome}>
      <h1>Test results</h1>
      <PrivateItemsNote chrome={chrome} />
      <ResultsNote chrome={chrome} />
      {panels.length === 0 && (
        <p>
          {chrome.privateItemsHidden
            ? 'There are no test results to show you.'
            : `${subjectWords(chrome).has} no test results yet.`}
        </p>
      )}
      {panels.map(([panel, results]) => (
        <DataTable
          caption={<h2>{panel}</h2>}
          columns={['Test', 'Date', 'Result', 'Compared with normal']}
          rows={results.map((result) => [
            <>
              <a href={chartItemPath(chrome, 'results', result.id)}>{result.name}</a>
              {result.isNew && <NewBadge />}
            </>,
            <DateText value={result.observedAt} timeZone={chrome.timeZone} />,
            result.display,
            <FlagLabel flag={result.flag} />,
          ])}
        />
      ))}
    </Layout>
  );
}

function groupByPanel(results: ResultSummary[]): [string, ResultSummary[]][] {
  const panels = new Map<string, ResultSummary[]>();
  for (const result of results) {
    const panel = panels.get(result.panel);
    if (panel) {
      panel.push(result);
    } else {
      panels.set(result.panel, [result]);
    }
  }
  return [...panels];
}
