import Link from "next/link";
import type { Attention } from "@/lib/dashboard/needs-attention";

export function NeedsAttention(props: { items: Attention[] }) {
  const waiting = props.items.filter((i) => i.count > 0);
  if (waiting.length === 0) {
    return (
      <p className="rounded-lg border border-emerald-200 bg-emerald-50 p-4 text-sm text-emerald-900" data-testid="attention-none">
        Nothing needs attention: no failed or unknown deliveries, no letters waiting to be printed, nothing stuck sending.
      </p>
    );
  }
  return (
    <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-4">
      {props.items.map((item) => (
        <li key={item.key}>
          <Link href={item.href} data-testid={`attention-${item.key}`}
            className={`block rounded-xl border bg-white p-4 shadow-sm hover:border-blue-400 focus-visible:outline-2 focus-visible:outline-blue-700 ${item.count ? "border-amber-300" : "border-zinc-200"}`}>
            <span className="block text-sm text-zinc-600">{item.label}</span>
            <span data-testid={`attention-${item.key}-count`} className={`mt-1 block text-2xl font-semibold tabular-nums ${item.count ? "text-amber-800" : "text-zinc-900"}`}>
              {item.count.toLocaleString("en-GB")}{item.isCapped ? "+" : ""}
            </span>
            <span className="mt-1 block text-xs text-zinc-600">{item.hint}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
