export function StatCard(props: { label: string; value: string | number; hint?: string; tone?: "default" | "warn"; testId?: string }) {
  const value = typeof props.value === "number" ? props.value.toLocaleString("en-GB") : props.value;
  return (
    <div className="rounded-xl border border-zinc-200 bg-white p-5 shadow-sm">
      <p className="text-sm text-zinc-600">{props.label}</p>
      <p data-testid={props.testId}
        className={`mt-1 text-3xl font-semibold tabular-nums ${props.tone === "warn" ? "text-amber-700" : "text-zinc-900"}`}>
        {value}
      </p>
      {props.hint ? <p className="mt-1 text-xs text-zinc-500">{props.hint}</p> : null}
    </div>
  );
}
