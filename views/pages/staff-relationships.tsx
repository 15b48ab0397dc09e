import { DataTable } from '../components/data-table.tsx';
import { DateText } from '../components/date-text.tsx';
import { Pager } from '../components/pager.tsx';
import { Layout } from '../layout.tsx';
import type { PageChrome, StaffRelationshipSummary, StaffRelationshipsModel } from '../models.ts';

/**
 * Lists proxy relationships waiting for a staff member to check the legal documents, and the
 * relationships in force that staff may restrict, suspend or revoke.
 */
export function StaffRelationshipsPage({
  chrome,
  model,
}: {
  chrome: PageChrome;
  model: StaffRelationshipsModel;
}) {
  return (
    <Layout chrome={chrome}>
      <h1>Proxy relationships</h1>
      <p>
        {model.allPatients
          ? 'You see the relationships of every patient.'
          : 'You see the relationships of your care teams’ patients.'}
      </p>

      {model.pending.length > 0 ? (
        <RelationshipTable
          caption="Waiting for approval"
          rows={model.pending}
          timeZone={chrome.timeZone}
        />
      ) : (
        <>
          <h2>Waiting for approval</h2>
          <p>
            {model.pager.page > 1
              ? 'No more relationships are waiting for approval.'
              : 'No relationships are waiting for approval.'}
          </p>
        </>
      )}

      {model.current.length > 0 ? (
        <RelationshipTable
          caption="Active and suspended"
          rows={model.current}
          timeZone={chrome.timeZone}
        />
      ) : (
        <>
          <h2>Active and suspended</h2>
          <p>
            {model.pager.page > 1
              ? 'No more relationships are active or suspended.'
              : 'No relationships are active or suspended.'}
          </p>
        </>
      )}
      <Pager pager={model.pager} label="Pages of proxy relationships" />
      <p>
        <a href="/staff">Back to staff home</a>
      </p>
    </Layout>
  );
}

function RelationshipTable({
  caption,
  rows,
  timeZone,
}: {
  caption: string;
  rows: StaffRelationshipSummary[];
  timeZone: string;
}) {
  return (
    <DataTable
      caption={<h2>{caption}</h2>}
      columns={['Patient', 'Proxy', 'Relationship', 'Status', 'Requested']}
      rows={rows.map((row) => [
        <a href={`/staff/relationships/${row.id}`}>
          {row.patientName}
          <span class="visually-hidden">, {row.proxyName}</span>
        </a>,
        row.proxyName,
        row.kindLabel,
        row.status,
        <DateText value={row.createdAt} timeZone={timeZone} />,
      ])}
    />
  );
}
