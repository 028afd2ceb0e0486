"use client";

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type FailureChartRow = { label: string; percent: number | null };

/** The share of each day's finished deliveries that failed, as a line (days with none finished leave a gap). */
export function FailureChart(props: { rows: FailureChartRow[] }) {
  return (
    <div className="h-56 w-full" data-testid="failure-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={props.rows} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" minTickGap={16} />
          <YAxis unit="%" tick={{ fontSize: 11 }} width={48} domain={[0, (max: number) => Math.max(5, Math.ceil(max))]} />
          <Tooltip formatter={(v) => [`${Number(v).toFixed(1)}%`, "Failed"]} />
          <Line type="monotone" dataKey="percent" name="Failed" stroke="#b91c1c" strokeWidth={2} dot={{ r: 2 }} connectNulls={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
