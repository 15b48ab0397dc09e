import type { Child } from 'hono/jsx';

/**
 * Renders a table that reflows on narrow screens: each row becomes a block and each cell
 * shows its column name in a label that wide screens hide.
 *
 *     <table class="table-reflow">
 *       <caption>Earlier results</caption>
 *       <thead><tr><th scope="col">Date</th>...</tr></thead>
 *       <tbody><tr><th scope="row"><span class="cell-label">Date</span>...</th>...</tr></tbody>
 *     </table>
 */
export function DataTable({
  caption,
  columns,
  rows,
}: {
  caption: Child;
  columns: string[];
  // One array of cells per row, in column order. The first cell is the row's header.
  rows: Child[][];
}) {
  return (
    <table class="table-reflow">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th scope="col">{column}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr>
            {row.map((cell, index) => {
              const label = <span class="cell-label">{columns[index]} </span>;
              return index === 0 ? (
                <th scope="row">
                  {label}
                  {cell}
                </th>
              ) : (
                <td>
                  {label}
                  {cell}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
