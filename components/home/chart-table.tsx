// The figures behind a chart as a table, for screen readers and anyone who wants the numbers ("Show as a table").
export function ChartTable(props: { caption: string; columns: string[]; rows: (string | number)[][]; testId: string }) {
  return (
    <details className="mt-2 text-sm">
      <summary className="cursor-pointer text-blue-800 hover:underline">Show as a table</summary>
      {/* Scrolls when 30 days do not fit: focusable, so keyboard users can scroll it too. */}
      <div className="mt-2 max-h-80 overflow-auto" tabIndex={0} role="region" aria-label={`${props.caption}, as a table`}>
        <table className="w-full text-left text-xs" data-testid={props.testId}>
          <caption className="sr-only">{props.caption}</caption>
          <thead className="bg-zinc-50 text-zinc-600">
            <tr>{props.columns.map((c, i) => <th key={c} scope="col" className={`px-2 py-1 font-medium ${i ? "text-right" : ""}`}>{c}</th>)}</tr>
          </thead>
          <tbody>
            {props.rows.map((row) => (
              <tr key={String(row[0])} className="border-t border-zinc-100">
                {row.map((cell, i) => i === 0
                  ? <th key={i} scope="row" className="px-2 py-1 font-normal">{cell}</th>
                  : <td key={i} className="px-2 py-1 text-right tabular-nums">{typeof cell === "number" ? cell.toLocaleString("en-GB") : cell}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
