"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

// Distinct colours with enough contrast on white; kinds beyond ten reuse them (rare: a library runs a handful).
const COLOURS = ["#1d4ed8", "#b45309", "#047857", "#7c3aed", "#be123c", "#0e7490", "#4d7c0f", "#a21caf", "#9a3412", "#334155"];

export type NoticesChartRow = { label: string } & Record<string, number | string>;

/** Notices per day, stacked by kind. Rows arrive already counted and labelled by the server. */
export function NoticesChart(props: { rows: NoticesChartRow[]; kinds: { kind: string; label: string }[] }) {
  return (
    <div className="h-72 w-full" data-testid="notices-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={props.rows} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" minTickGap={16} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={48} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {props.kinds.map((k, i) => (
            <Bar key={k.kind} dataKey={k.kind} name={k.label} stackId="kinds" fill={COLOURS[i % COLOURS.length]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
