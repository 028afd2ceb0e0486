// An audit row's before → after as lines a person reads: only what changed, nested lists (a scenario's levels) by
// position ("Level 2 · periodDays: 14 → 21"). Pure, so the audit page and the scenario page say it the same way.
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const show = (v: Json | undefined): string => {
  if (v === undefined || v === null || v === "") return "(none)";
  if (Array.isArray(v)) return v.length ? v.map((x) => show(x)).join(", ") : "(none)";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
};
const same = (a: Json | undefined, b: Json | undefined) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const isRecord = (v: unknown): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);

// The words the editors use for each field (a field not listed shows its own name).
export const FIELD_LABELS: Record<string, string> = {
  name: "Name", isEnabled: "Switched on", frequency: "How often", weekday: "Day of the week", monthDay: "Day of the month",
  runAt: "Run time", catchUpDays: "Catch-up window (days)", restrictChannels: "Only send by", printOverride: "Always print",
  separationGroup: "Separation group", includeCategoryIds: "Only these patron categories", excludeCategoryIds: "Excluded patron categories",
  excludeAcademicLevelIds: "Excluded academic levels", excludeLibraryGroupIds: "Excluded library groups", periodDays: "Days",
  amount: "Amount", contactKinds: "Who receives it", templateId: "Template", processingChargeCode: "Processing charge code",
  processingChargeAmount: "Processing charge amount", showItemCost: "Show item cost", printMedia: "Print media",
  ledgerRetentionMonths: "Months of notice history kept",
  kind: "Kind", email: "Email", mobile: "Mobile",
};

/** Names for ids (patron categories, academic levels, library groups, templates), by field. */
export type NameOf = (field: string, id: number) => string | undefined;

// Fields that are bookkeeping, not configuration.
const IGNORED = new Set(["id", "updatedAt", "createdAt", "scheduleSetAt", "scenarioId", "level"]);

export function describeChange(before: unknown, after: unknown, label = "", nameOf?: NameOf): string[] {
  if (!isRecord(before) && isRecord(after)) return [`${label}created`.trim()];
  if (isRecord(before) && !isRecord(after)) return [`${label}removed`.trim()];
  if (!isRecord(before) || !isRecord(after)) return same(before as Json, after as Json) ? [] : [`${label}${show(before as Json)} → ${show(after as Json)}`];
  const lines: string[] = [];
  for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])]) {
    if (IGNORED.has(key)) continue;
    const [b, a] = [before[key], after[key]];
    if (same(b, a)) continue;
    const listOfRecords = (v: Json | undefined) => Array.isArray(v) && v.every(isRecord);
    if (key === "levels" && listOfRecords(b ?? []) && listOfRecords(a ?? [])) {
      const [bs, as] = [(b ?? []) as Json[], (a ?? []) as Json[]];
      for (let i = 0; i < Math.max(bs.length, as.length); i++) lines.push(...describeChange(bs[i], as[i], `Level ${i + 1} · `, nameOf));
      continue;
    }
    const named = (v: Json | undefined): Json | undefined => {
      if (!nameOf) return v;
      if (typeof v === "number") return nameOf(key, v) ?? v;
      return Array.isArray(v) ? v.map((x) => (typeof x === "number" ? (nameOf(key, x) ?? x) : x)) : v;
    };
    lines.push(`${label}${FIELD_LABELS[key] ?? key}: ${show(named(b))} → ${show(named(a))}`);
  }
  return lines;
}
