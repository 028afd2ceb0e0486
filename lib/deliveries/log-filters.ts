// The delivery log's filters, read from the query string. A bad value never fails the page: it is dropped and named,
// so staff see which filter was ignored and why.
import { z } from "zod";
import { Channel, DeliveryStatus } from "@/lib/generated/prisma/enums";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isRealDate = (s: string) => DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
// A page key: the delivery's createdAt (its partition key, an instant in ms) and id, "<ms>.<id>".
const CURSOR = /^(\d{1,15})\.(\d{1,10})$/;

const FIELDS = {
  run: z.coerce.number().int().min(1).max(2147483647),
  card: z.string().trim().min(1).max(50),
  recipient: z.string().trim().min(1).max(320),
  scenario: z.coerce.number().int().min(1).max(2147483647),
  level: z.coerce.number().int().min(0).max(100),
  status: z.enum(Object.values(DeliveryStatus) as [DeliveryStatus, ...DeliveryStatus[]]),
  channel: z.enum(Object.values(Channel) as [Channel, ...Channel[]]),
  from: z.string().refine(isRealDate, "a date as YYYY-MM-DD"),
  to: z.string().refine(isRealDate, "a date as YYYY-MM-DD"),
  before: z.string().regex(CURSOR, "a page key from the Older link"),
  after: z.string().regex(CURSOR, "a page key from the Newer link"),
} as const;

export type LogFilter = {
  run?: number;
  card?: string;
  recipient?: string;
  scenario?: number;
  level?: number;
  status?: DeliveryStatus;
  channel?: Channel;
  from?: string;
  to?: string;
};
export type PageKey = { createdAt: Date; id: number };
export type LogQuery = { filter: LogFilter; before?: PageKey; after?: PageKey; ignored: { name: string; reason: string }[] };

export const FILTER_LABELS: Record<keyof typeof FIELDS, string> = {
  run: "Run", card: "Card number", recipient: "Recipient", scenario: "Scenario", level: "Level", status: "Status",
  channel: "Channel", from: "From", to: "To", before: "Older page", after: "Newer page",
};

function pageKey(s: string): PageKey | undefined {
  const m = CURSOR.exec(s);
  if (!m) return undefined;
  const id = Number(m[2]);
  return id >= 1 && id <= 2147483647 ? { createdAt: new Date(Number(m[1])), id } : undefined;
}

export function encodePageKey(key: PageKey): string {
  return `${key.createdAt.getTime()}.${key.id}`;
}

/** Search params (as Next gives them) → the filter; empty values mean "no filter", bad ones are listed in `ignored`. */
export function parseLogQuery(params: Record<string, string | string[] | undefined>): LogQuery {
  const filter: Record<string, unknown> = {};
  const ignored: LogQuery["ignored"] = [];
  let before: PageKey | undefined;
  let after: PageKey | undefined;
  for (const [name, schema] of Object.entries(FIELDS) as [keyof typeof FIELDS, z.ZodType][]) {
    const raw = params[name];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined || value.trim() === "") continue;
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      ignored.push({ name: FILTER_LABELS[name], reason: parsed.error.issues[0]?.message ?? "not understood" });
      continue;
    }
    if (name === "before") before = pageKey(parsed.data as string);
    else if (name === "after") after = pageKey(parsed.data as string);
    else filter[name] = parsed.data;
  }
  const f = filter as LogFilter;
  if (f.from && f.to && f.from > f.to) {
    ignored.push({ name: "To", reason: "before From" });
    delete f.to;
  }
  return { filter: f, before, after: before ? undefined : after, ignored };
}

/** The filter as query-string pairs (for links that keep it: Older, Newer, a delivery and back). */
export function filterParams(filter: LogFilter): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== "") p.set(k, String(v));
  return p;
}
