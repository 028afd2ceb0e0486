// The previews (a date on /notices/preview, one patron on the patron page): the one-patron plan is exactly the whole
// library's dry run for that patron; neither preview writes anything; and a draft is rendered exactly as the sender
// renders the delivery once it is recorded (the same subject, HTML and text).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqlPool } from "@/lib/db/client";
import { groupBy } from "@/lib/group-by";
import { claimDelivery, loadPrintContent } from "@/lib/notices/claim-delivery";
import { letterRows, renderDeliveryLetter } from "@/lib/notices/compose-notice-email";
import { loadNoticeSetup } from "@/lib/notices/load-notice-setup";
import { planRun } from "@/lib/notices/plan-run";
import type { DeliveryDraft } from "@/lib/notices/plan-types";
import { previewDate } from "@/lib/notices/preview-date";
import { renderDraftDelivery } from "@/lib/notices/render-draft";
import { previewPatron } from "@/lib/patrons/preview-patron";
import { createEngineLibrary } from "./engine-env";
import { addLoan, addPatron, scenarioId } from "./library-factory";

let lib: Awaited<ReturnType<typeof createEngineLibrary>>;
const patrons: { id: number }[] = [];

beforeAll(async () => {
  lib = await createEngineLibrary("preview");
  await lib.sql.query(`UPDATE "Scenario" SET "isEnabled" = true`);
  // A child with a parent (escalation levels reach the parent), loans at several levels; an adult with an overdue loan,
  // one due soon and an unpaid charge; a patron with no email (print) and a ready reservation; one with nothing.
  const child = await addPatron(lib.sql, { category: "CHILD", parentEmail: "parent.preview@example.org" });
  await addLoan(lib.sql, child.id, "2026-01-01");
  await addLoan(lib.sql, child.id, "2026-01-20");
  await addLoan(lib.sql, child.id, "2026-01-30");
  const adult = await addPatron(lib.sql);
  await addLoan(lib.sql, adult.id, "2026-01-24");
  await addLoan(lib.sql, adult.id, "2026-02-03");
  await lib.sql.query(`INSERT INTO "Charge" ("patronId", kind, amount, balance, "createdAt") VALUES ($1, 'OVERDUE_FINE', 2.50, 2.50, '2026-01-10T10:00:00Z')`, [adult.id]);
  const byPost = await addPatron(lib.sql, { email: null });
  await addLoan(lib.sql, byPost.id, "2026-01-15");
  await lib.sql.query(`INSERT INTO "Reservation" ("patronId", title, "pickupBranchId", status, "readyAt", "pickupBy")
    VALUES ($1, 'A reserved book', (SELECT id FROM "Branch" LIMIT 1), 'READY_FOR_PICKUP', '2026-01-31T09:00:00Z', '2026-02-07')`, [byPost.id]);
  const quiet = await addPatron(lib.sql);
  patrons.push(child, adult, byPost, quiet);
});

afterAll(() => lib?.close());

/** A draft as data (its messages' scenarios and notices by value), to compare two plans. */
const shape = (d: DeliveryDraft) => ({
  contact: d.contactKey, channel: d.channel, address: d.address, group: d.separationGroup, media: d.printMedia,
  messages: d.messages.map((m) => ({ scenario: m.scenario.code, level: m.level.level, listed: m.listedNoticeIds, notices: m.notices })),
});

const counts = async () => (await lib.sql.query(`SELECT (SELECT count(*) FROM "Notice")::int AS notices, (SELECT count(*) FROM "EveryRunNotice")::int AS every_run,
  (SELECT count(*) FROM "Delivery")::int AS deliveries, (SELECT count(*) FROM "NoticeRun")::int AS runs, (SELECT count(*) FROM "Charge")::int AS charges,
  (SELECT count(*) FROM "AuditLog")::int AS audit`)).rows[0];

describe("the one-patron plan", () => {
  it("is the whole library's dry run for that patron, on a first night and after one is recorded", async () => {
    const check = async (date: string) => {
      const whole = await planRun(lib.db, { runDate: date, trigger: "REPLAY", dryRun: true });
      let some = 0;
      for (const p of patrons) {
        const one = await planRun(lib.db, { runDate: date, trigger: "REPLAY", dryRun: true, patrons: { from: p.id, to: p.id } });
        expect(one.preview.map(shape), `patron ${p.id} on ${date}`).toEqual(whole.preview.filter((d) => d.patronId === p.id).map(shape));
        expect(one.preview.every((d) => d.patronId === p.id)).toBe(true);
        some += one.preview.length;
      }
      return some;
    };
    expect(await check("2026-02-01")).toBeGreaterThan(4);
    // Record that night: the next week's plan lists the loans told earlier (listedNoticeIds) and leaves out what was sent.
    await planRun(lib.db, { runDate: "2026-02-01", trigger: "REPLAY" });
    expect(await check("2026-02-08")).toBeGreaterThan(0);
  });

  it("is refused outside a dry run (a recorded run covers every patron)", async () => {
    await expect(planRun(lib.db, { runDate: "2026-02-01", trigger: "REPLAY", patrons: { from: 1, to: 1 } })).rejects.toThrow(/only be previewed/);
  });
});

describe("the previews", () => {
  it("write nothing, and count what the dry run plans", async () => {
    const before = await counts();
    const preview = await previewDate(lib.db, { runDate: "2026-02-15" });
    const plan = await planRun(lib.db, { runDate: "2026-02-15", trigger: "REPLAY", dryRun: true });
    expect(preview.totals.notices).toBe(plan.notices);
    expect(preview.totals.deliveries.EMAIL + preview.totals.deliveries.PRINT + preview.totals.deliveries.SMS).toBe(plan.deliveries);
    expect(preview.groups.reduce((n, g) => n + g.notices, 0)).toBe(plan.notices);
    expect(preview.groups.every((g) => g.samples.length === Math.min(3, Object.values(g.deliveries).reduce((a, b) => a + b, 0)))).toBe(true);
    expect(preview.groups.flatMap((g) => g.samples).every((s) => s.rendered.ok)).toBe(true);
    for (const p of patrons) await previewPatron(lib.db, { patronId: p.id, runDate: "2026-02-15" });
    expect(await counts()).toEqual(before);
  });

  it("say nothing would go to a patron with nothing out, and name the last notice of one already told", async () => {
    const [, , , quiet] = patrons;
    expect(await previewPatron(lib.db, { patronId: quiet.id, runDate: "2026-02-02" })).toEqual({ runDate: "2026-02-02", deliveries: [], lastTold: null, excludedBy: [] });
    // A scenario whose exclusions leave the patron out is named.
    await lib.sql.query(`UPDATE "Scenario" SET "excludeCategoryIds" = ARRAY[(SELECT id FROM "PatronCategory" WHERE code = 'ADULT')] WHERE code = 'pre-overdue'`);
    try {
      expect((await previewPatron(lib.db, { patronId: quiet.id, runDate: "2026-02-02" })).excludedBy)
        .toEqual([{ name: "Pre-overdue reminder", why: "excludes their patron category" }]);
    } finally {
      await lib.sql.query(`UPDATE "Scenario" SET "excludeCategoryIds" = '{}' WHERE code = 'pre-overdue'`);
    }
    // A patron told on 1 Feb that their reservation is ready: on 2 Feb nothing goes, and that letter is named.
    const told = await addPatron(lib.sql);
    await lib.sql.query(`INSERT INTO "Reservation" ("patronId", title, "pickupBranchId", status, "readyAt", "pickupBy")
      VALUES ($1, 'Told already', (SELECT id FROM "Branch" LIMIT 1), 'READY_FOR_PICKUP', '2026-01-31T09:00:00Z', '2026-02-20')`, [told.id]);
    expect((await previewPatron(lib.db, { patronId: told.id, runDate: "2026-02-01" })).deliveries.map((d) => d.messages.map((m) => m.scenario)))
      .toEqual([["Reservation ready for pickup"]]);
    await planRun(lib.db, { runDate: "2026-02-01", trigger: "REPLAY", scenarioIds: [await scenarioId(lib.sql, "reservation-ready")] });
    const after = await previewPatron(lib.db, { patronId: told.id, runDate: "2026-02-02" });
    expect(after.deliveries).toEqual([]);
    expect(after.lastTold?.notices.map((n) => [n.kind, n.scenario])).toEqual([["V", "Reservation ready for pickup"]]);
  });
});

describe("a draft's rendering", () => {
  it("is what the sender renders once the delivery is recorded: subject, HTML and text; print's letter too", async () => {
    const date = "2026-03-01";
    const setup = await loadNoticeSetup(lib.db);
    const drafts = (await planRun(lib.db, { runDate: date, trigger: "REPLAY", dryRun: true })).preview;
    expect(drafts.length).toBeGreaterThan(3);
    const key = (d: { patronId: number; contactKey: string; channel: string; separationGroup: string }) => `${d.patronId}|${d.contactKey}|${d.channel}|${d.separationGroup}`;
    const previewed = new Map<string, { subject: string; html: string; text: string }>();
    for (const d of drafts) {
      const r = await renderDraftDelivery(lib.db, d, { runDate: date, setup });
      if (!r.ok) throw new Error(r.reason);
      previewed.set(key(d), r);
    }
    const run = await planRun(lib.db, { runDate: date, trigger: "REPLAY" });
    const sql = sqlPool(lib.db);
    const recorded = await lib.db.delivery.findMany({ where: { runId: run.runId! } });
    expect(recorded.length).toBe(drafts.length);
    let emails = 0;
    for (const d of recorded.filter((x) => x.channel === "EMAIL")) {
      const claim = (await claimDelivery(sql, d.id, "test", 60))!;
      const sent = await renderDeliveryLetter(letterRows(claim.content.filter((r) => r.is_valid), claim.claim.runId),
        { name: d.contactName, isPatron: d.contactKind === "SELF" }, setup);
      const draft = previewed.get(key(d))!;
      expect([draft.subject, draft.html, draft.text]).toEqual([sent.subject, sent.html, sent.text]);
      emails++;
    }
    const printed = await loadPrintContent(sql, run.runId!);
    const byDelivery = groupBy(printed.filter((r) => r.is_valid), (r) => r.delivery_id);
    for (const d of recorded.filter((x) => x.channel === "PRINT")) {
      const rows = letterRows(byDelivery.get(d.id)!, run.runId!);
      const sent = await renderDeliveryLetter(rows, { name: d.contactName, isPatron: d.contactKind === "SELF" }, setup);
      expect(previewed.get(key(d))!.text).toBe(sent.text);
    }
    expect(emails).toBeGreaterThan(2);
    expect(recorded.some((d) => d.channel === "PRINT")).toBe(true);
  });
});
