import type { DataTable } from '@/lib/flow/chartTables';

/** A chart's data as a table, with its caption and column headers (row headers in the first column). */
export function DataTableView({ table }: { table: DataTable }) {
  return (
    <table>
      <caption>{table.caption}</caption>
      <thead>
        <tr>
          {table.headers.map((header) => (
            <th key={header} scope="col">
              {header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row, index) => (
          <tr key={index}>
            {row.map((cell, column) =>
              column === 0 ? (
                <th key={table.headers[column]} scope="row">
                  {cell}
                </th>
              ) : (
                <td key={table.headers[column]}>{cell}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
