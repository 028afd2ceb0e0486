// A CSV import: parse (papaparse), map columns to fields, validate every row with the API's zod schemas, resolve
// every reference, and write in one transaction, all or nothing. A check ("dry run") is the same import rolled back
// at the end, so it reports exactly what the import would refuse: every bad row, its field and the reason.
import Papa from "papaparse";
import type pg from "pg";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { checkOut } from "@/lib/db/check-out";
import { sqlPool } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { upsertRows } from "@/lib/api/upsert";
import { fieldPath } from "@/lib/parse-input";
import { IMPORT_TYPES, toRow, type ImportField, type ImportType, type Mapping } from "./csv-types";

/** row 0 (line 1) is the header line or the file as a whole; row 1 is the first data row, on line 2. */
export type ImportProblem = { row: number; line: number; field: string; message: string };
export type ImportProgress = { phase: "parsing" | "validating" | "writing"; done: number; total: number };
export type ImportResult = {
  type: ImportType;
  total: number;
  problems: ImportProblem[];
  problemCount: number;
  // Of problemCount: those of the header or the whole file (row 0), and how many data rows have one or more.
  fileProblemCount: number;
  badRowCount: number;
  dryRun: boolean;
  written: boolean;
  created: number;
  updated: number;
  ms: number;
};

const CHUNK = 5_000;
const MAX_PROBLEMS = 1_000;

class ProblemList {
  readonly list: ImportProblem[] = [];
  readonly badRows = new Set<number>();
  count = 0;
  fileCount = 0;
  add(row: number, field: string, message: string) {
    this.count++;
    if (row < 0) this.fileCount++;
    else this.badRows.add(row);
    // Row 1 is the first data row; line 2 in the file (line 1 holds the headers).
    if (this.list.length < MAX_PROBLEMS) this.list.push({ row: row + 1, line: row + 2, field, message });
  }
}

/** Contacts: each patron named in the file gets exactly the contacts the file lists (theirs are replaced). */
async function replaceContacts(tx: pg.ClientBase, rows: Record<string, unknown>[], fileIndex: number[], problems: ProblemList) {
  const cards = [...new Set(rows.map((r) => String(r.cardNumber)))];
  const { rows: found } = await tx.query<{ card: string; id: number }>(`SELECT "cardNumber" AS card, id FROM "Patron" WHERE "cardNumber" = ANY($1::text[])`, [cards]);
  const idOf = new Map(found.map((r) => [r.card, r.id]));
  rows.forEach((r, i) => {
    if (!idOf.has(String(r.cardNumber))) problems.add(fileIndex[i], "cardNumber", `unknown patron card "${String(r.cardNumber)}"`);
  });
  if (rows.some((r) => !idOf.has(String(r.cardNumber)))) return { created: 0, updated: 0 };
  const patronIds = [...new Set(rows.map((r) => idOf.get(String(r.cardNumber))!))];
  await tx.query(`DELETE FROM "PatronContact" WHERE "patronId" = ANY($1::int[])`, [patronIds]);
  await tx.query(`INSERT INTO "PatronContact" ("patronId", kind, name, email, mobile)
    SELECT * FROM unnest($1::int[], $2::"ContactKind"[], $3::text[], $4::text[], $5::text[])`, [
    rows.map((r) => idOf.get(String(r.cardNumber))), rows.map((r) => r.kind), rows.map((r) => r.name), rows.map((r) => r.email ?? null), rows.map((r) => r.mobile ?? null),
  ]);
  return { created: rows.length, updated: 0 };
}

export async function importCsv(
  db: PrismaClient,
  input: { type: ImportType; csv: string; mapping: Mapping; dryRun: boolean; actor: { id: number } },
  onProgress: (p: ImportProgress) => void = () => {},
): Promise<ImportResult> {
  const started = performance.now();
  const spec = IMPORT_TYPES[input.type];
  const problems = new ProblemList();

  // Fields without a usable column are reported once, on the header line, and not again as "required" on every row.
  const unusable = new Set<string>();
  for (const field of spec.fields as readonly ImportField[]) {
    if (field.required && !input.mapping[field.name]) {
      problems.add(-1, field.name, `no column is mapped to "${field.label}"`);
      unusable.add(field.name);
    }
  }
  const parsed = Papa.parse<Record<string, string>>(input.csv, { header: true, skipEmptyLines: "greedy" });
  const headers = parsed.meta.fields ?? [];
  const mapping: Mapping = {};
  for (const [field, header] of Object.entries(input.mapping)) {
    if (header && !headers.includes(header)) {
      problems.add(-1, field, `the file has no column "${header}"`);
      unusable.add(field);
    } else if (header) mapping[field] = header;
  }
  // A line papaparse could not split as the header says (too few or too many cells) is reported as it is: its
  // values would sit under the wrong columns, so it is not checked field by field.
  const unreadable = new Set<number>();
  for (const error of parsed.errors) {
    problems.add(error.row ?? -1, "file", error.message);
    if (error.row !== undefined) unreadable.add(error.row);
  }
  const records = parsed.data;
  const total = records.length;
  onProgress({ phase: "parsing", done: total, total });
  if (total === 0) problems.add(-1, "file", "no data rows under the header line");
  const result = (counts: { created: number; updated: number }, written: boolean): ImportResult => ({
    type: input.type, total, problems: problems.list, problemCount: problems.count, fileProblemCount: problems.fileCount,
    badRowCount: problems.badRows.size, dryRun: input.dryRun, written, created: counts.created, updated: counts.updated,
    ms: Math.round(performance.now() - started),
  });

  // Every row against the schema, before any database work, even when the header has problems: one check reports
  // everything that is wrong (issue 18: a wrong header used to hide every bad value under it). A row missing an
  // unusable field is still refused; only its repeat of the header's problem is left out.
  const rows: Record<string, unknown>[] = new Array(total);
  for (let i = 0; i < total; i++) {
    if (unreadable.has(i)) continue;
    const checked = spec.schema.safeParse(toRow(input.type, records[i], mapping));
    if (checked.success) rows[i] = checked.data as Record<string, unknown>;
    else {
      for (const issue of checked.error.issues) {
        if (!unusable.has(String(issue.path[0]))) problems.add(i, fieldPath(issue.path), issue.message);
      }
    }
    if (i % CHUNK === CHUNK - 1) onProgress({ phase: "validating", done: i + 1, total });
  }
  // The same key twice in a file: the second would silently overwrite the first.
  if (spec.key) {
    const first = new Map<string, number>();
    rows.forEach((row, i) => {
      const key = row?.[spec.key!];
      if (typeof key !== "string") return;
      const earlier = first.get(key);
      if (earlier === undefined) first.set(key, i);
      else {
        problems.add(i, spec.key!, `"${key}" is also on row ${earlier + 1}`);
        delete rows[i];
      }
    });
  }
  onProgress({ phase: "validating", done: total, total });

  // The database phase runs even when some rows were refused above, over the rows that passed, so one check reports
  // unknown references too; any problem at all rolls the transaction back.
  const counts = { created: 0, updated: 0 };
  let written = false;
  {
    const { client, release } = await checkOut(sqlPool(db));
    try {
      await client.query("BEGIN");
      for (let offset = 0; offset < total; offset += CHUNK) {
        const fileIndex: number[] = [];
        const chunk: Record<string, unknown>[] = [];
        for (let i = offset; i < Math.min(offset + CHUNK, total); i++) {
          if (rows[i] === undefined) continue;
          fileIndex.push(i);
          chunk.push(rows[i]);
        }
        if (chunk.length === 0) continue;
        try {
          const written = input.type === "contacts"
            ? await replaceContacts(client, chunk, fileIndex, problems)
            : await upsertRows(client, input.type, chunk);
          counts.created += written.created;
          counts.updated += written.updated;
        } catch (err) {
          // Reference problems of this chunk (nothing of it was written): report them by file row and go on checking.
          if (!(err instanceof AppError) || err.code !== "INVALID") throw err;
          for (const [key, messages] of Object.entries(err.fieldErrors)) {
            const match = /^items\[(\d+)\]\.(.+)$/.exec(key);
            for (const message of messages) problems.add(match ? fileIndex[Number(match[1])] : -1, match ? match[2] : key, message);
          }
        }
        onProgress({ phase: "writing", done: Math.min(offset + CHUNK, total), total });
      }
      if (problems.count === 0 && !input.dryRun) {
        await client.query(`INSERT INTO "AuditLog" ("actorId", "actorKind", action, entity, details) VALUES ($1, 'staff', 'import.csv', $2, $3)`,
          [input.actor.id, input.type, JSON.stringify({ rows: total, ...counts })]);
        await client.query("COMMIT");
        written = true;
      } else {
        await client.query("ROLLBACK");
      }
    } catch (err) {
      await client.query("ROLLBACK").catch(() => {});
      // A key another record already holds (a unique index) stops the import with Postgres' own detail.
      const pg = err as { code?: string; detail?: string };
      if (pg.code === "23505") problems.add(-1, "file", `a key in the file belongs to another record: ${pg.detail ?? ""}`.trim());
      else throw err;
    } finally {
      release();
    }
  }
  return result(problems.count ? { created: 0, updated: 0 } : counts, written);
}
