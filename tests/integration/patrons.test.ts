import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqlPool } from "@/lib/db/client";
import { getPatron } from "@/lib/patrons/get-patron";
import { patronHistory } from "@/lib/patrons/patron-history";
import { findPatronByCard, searchPatrons } from "@/lib/patrons/search-patrons";
import { createBranch, createLoan, ensureSettings, uid } from "../factories";
import { db } from "./db";

afterAll(() => db.$disconnect());

let branchId: number;
let categoryId: number;
let scenario: { id: number; name: string; levels: { id: number; level: number }[] };

async function makePatron(names: { firstName: string; lastName: string; email?: string | null }) {
  return db.patron.create({ data: { cardNumber: `C${uid()}`.toUpperCase(), firstName: names.firstName, lastName: names.lastName,
    email: names.email ?? null, homeBranchId: branchId, categoryId, registeredOn: new Date("2025-01-01"), expiresOn: new Date("2028-01-01") } });
}

/** A run's deliveries to one patron, written in one transaction as the planner does (so they share createdAt). */
async function deliver(patronId: number, count: number) {
  const sql = sqlPool(db);
  const run = await db.noticeRun.create({ data: { key: `test:${uid()}`, runDate: new Date(), trigger: "REPLAY", scenarioIds: [scenario.id], status: "PLANNED" } });
  const client = await sql.connect();
  try {
    await client.query("BEGIN");
    const ids: number[] = [];
    for (let i = 0; i < count; i++) {
      const { rows: [n] } = await client.query<{ id: number }>(
        `INSERT INTO "Notice" ("runId", "scenarioId", "levelId", level, kind, "patronId", "subjectId", occurrence, status)
         VALUES ($1, $2, $3, 2, 'OE', $4, $5, current_date, 'SENT') RETURNING id`, [run.id, scenario.id, scenario.levels[1].id, patronId, 900_000 + ids.length + Math.floor(Math.random() * 1e6)]);
      const { rows: [d] } = await client.query<{ id: number }>(
        `INSERT INTO "Delivery" ("runId", "patronId", "contactKind", "contactKey", "contactName", channel, address, status, "noticeIds", "updatedAt", "sentAt")
         VALUES ($1, $2, 'SELF', 'self', 'Test', 'EMAIL', 'someone@example.net', 'SENT', $3, now(), now()) RETURNING id`, [run.id, patronId, [n.id]]);
      ids.push(d.id);
    }
    await client.query("COMMIT");
    return ids;
  } finally {
    client.release();
  }
}

beforeAll(async () => {
  await ensureSettings(db);
  await sqlPool(db).query(`SELECT ledger_ensure_partitions(date_trunc('month', current_date)::date, date_trunc('month', current_date)::date)`);
  branchId = (await createBranch(db)).id;
  categoryId = (await db.patronCategory.upsert({ where: { code: "TEST" }, create: { code: "TEST", name: "Test" }, update: {} })).id;
  const template = await db.template.create({ data: { name: `Patrons ${uid()}`, family: "LOAN",
    versions: { create: [{ language: "en", version: 1, subject: "Overdue", body: "These are overdue.", closing: "" }] } } });
  scenario = await db.scenario.create({ data: { code: `patrons-${uid()}`, kind: "OE", name: `Escalation ${uid()}`,
    levels: { create: [{ level: 1, templateId: template.id }, { level: 2, templateId: template.id, contactKinds: ["SELF", "PARENT"] }] } },
    include: { levels: { orderBy: { level: "asc" } } } });
});

describe("patron search", () => {
  it("finds by part of a name, the card number or the email, whatever the case", async () => {
    const stem = `Qz${uid().replace(/\d/g, "x")}`;
    const ann = await makePatron({ firstName: "Annwen", lastName: `${stem}-Morgan`, email: `annwen.${stem}@Example.net` });
    const bob = await makePatron({ firstName: "Bob", lastName: `Hughes-${stem}`, email: null });
    const hits = async (query: string) => (await searchPatrons(db, { query })).hits.map((h) => h.id);

    expect(await hits(stem.toLowerCase())).toEqual([bob.id, ann.id]); // by surname: Hughes before Qz...
    expect(await hits(`${stem.toUpperCase()}-MOR`)).toEqual([ann.id]);
    expect(await hits(`annwen ${stem}`)).toEqual([ann.id]); // every word must match
    expect(await hits(`annwen.${stem}@EXAMPLE`.toUpperCase())).toEqual([ann.id]);
    expect(await hits(ann.cardNumber.toLowerCase())).toEqual([ann.id]);
    expect(await hits(`${stem}-Nobody`)).toEqual([]);
    expect(await hits("%")).toEqual([]); // LIKE wildcards are searched for, not obeyed
    expect((await searchPatrons(db, { query: stem })).hits[0]).toMatchObject({ cardNumber: bob.cardNumber, category: "Test", loans: 0, overdue: 0 });

    expect(await findPatronByCard(db, ann.cardNumber)).toBe(ann.id);
    expect(await findPatronByCard(db, ` ${ann.cardNumber.toLowerCase()} `)).toBe(ann.id);
    expect(await findPatronByCard(db, ann.cardNumber.slice(0, -1))).toBeNull();
  });

  it("pages through the matches by surname without repeating or missing one, and counts loans and overdue loans", async () => {
    const stem = `Pg${uid().replace(/\d/g, "y")}`;
    const made: { id: number }[] = [];
    for (const [first, last] of [["Eve", "Adams"], ["Dai", "Adams"], ["Cai", "Brown"], ["Al", "Brown"], ["Bea", "Zed"]]) {
      made.push(await makePatron({ firstName: first, lastName: `${last}${stem}` }));
    }
    await createLoan(db, { patronId: made[0].id, dueDate: "2020-01-01" });
    await createLoan(db, { patronId: made[0].id, dueDate: "2099-01-01" });
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await searchPatrons(db, { query: stem, after, limit: 2 });
      seen.push(...page.hits.map((h) => h.firstName));
      if (page.hits.some((h) => h.id === made[0].id)) expect(page.hits.find((h) => h.id === made[0].id)).toMatchObject({ loans: 2, overdue: 1 });
      after = page.next ?? undefined;
      pages++;
    } while (after);
    expect(seen).toEqual(["Dai", "Eve", "Al", "Cai", "Bea"]);
    expect(pages).toBe(3);
    // A cursor we did not give out starts again from the top.
    expect((await searchPatrons(db, { query: stem, after: "not-a-cursor", limit: 2 })).hits.map((h) => h.firstName)).toEqual(["Dai", "Eve"]);
  });
});

describe("patron page", () => {
  it("lists the patron's deliveries newest first with their notices, and only theirs, a page at a time", async () => {
    const mine = await makePatron({ firstName: "Mine", lastName: `History ${uid()}` });
    const other = await makePatron({ firstName: "Other", lastName: `History ${uid()}` });
    const older = await deliver(mine.id, 1);
    await deliver(other.id, 2);
    const newer = await deliver(mine.id, 3); // one transaction: the same createdAt, ordered by id

    const first = await patronHistory(db, { patronId: mine.id, limit: 2 });
    expect(first.deliveries.map((d) => d.id)).toEqual([newer[2], newer[1]]);
    expect(first.deliveries[0]).toMatchObject({ channel: "EMAIL", status: "SENT", address: "someone@example.net" });
    expect(first.deliveries[0].notices).toEqual([expect.objectContaining({ scenario: scenario.name, kind: "OE", level: 2, levels: 2, status: "SENT", subjects: 1 })]);
    const second = await patronHistory(db, { patronId: mine.id, limit: 2, before: first.next! });
    expect(second.deliveries.map((d) => d.id)).toEqual([newer[0], older[0]]);
    expect(second.next).toBeNull();
    expect((await patronHistory(db, { patronId: other.id })).deliveries).toHaveLength(2);
  });

  it("shows loans with days overdue as notices count them, and which levels reach each contact", async () => {
    const p = await makePatron({ firstName: "Lena", lastName: `Loans ${uid()}`, email: `lena.${uid()}@example.net` });
    await db.patronContact.create({ data: { patronId: p.id, kind: "PARENT", name: "Parent of Lena", email: `parent.${uid()}@example.net` } });
    await createLoan(db, { patronId: p.id, dueDate: "2026-03-01" });
    const page = (await getPatron(db, p.id, new Date("2026-03-05T12:00:00Z")))!;
    expect(page.loans.map((l) => [l.dueDate, l.isOverdue, l.daysOverdue])).toEqual([["2026-03-01", true, 3]]);
    const parent = page.contacts.find((c) => c.kind === "PARENT")!;
    expect(parent.reach).toContainEqual({ scenario: scenario.name, level: 2, levels: 2 });
    expect(parent.reach).not.toContainEqual({ scenario: scenario.name, level: 1, levels: 2 });
    expect(page.contacts[0]).toMatchObject({ kind: "SELF", email: p.email });
    expect(await getPatron(db, 2_000_000_000)).toBeNull();
  });
});
