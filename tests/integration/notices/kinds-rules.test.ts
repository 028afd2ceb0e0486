// Issue 11, item 1, the rules around the kinds (kinds.test.ts has each kind's boundaries): Overdue repeating on a
// weekly and a monthly schedule, days overdue counted on open days only, print media, and the item cost shown only on
// the levels that ask for it (real emails through the worker). Records go in through the API (api-factory.ts); the
// library is London's.
import { simpleParser } from "mailparser";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planRun } from "@/lib/notices/plan-run";
import { previewRun } from "@/lib/notices/preview-run";
import { addDays } from "@/lib/notices/rules/day-count";
import { getRunProgress, startReplay } from "@/lib/notices/start-replay";
import { uid } from "../../factories";
import { createEngineLibrary, redisUrl, SEND, startEngineWorker, startTestCatcher, waitFor } from "./engine-env";
import { apiFactory, type ApiFactory } from "./api-factory";
import { noticeRows } from "@/lib/notices/notice-rows";

const ZONE = "Europe/London";
const prefix = `${process.env.QUEUE_PREFIX ?? "nb-kinds"}-rules-${uid()}`;
let lib: Awaited<ReturnType<typeof createEngineLibrary>>;
let catcher: Awaited<ReturnType<typeof startTestCatcher>>;
let worker: Awaited<ReturnType<typeof startEngineWorker>>;
let f: ApiFactory;

beforeAll(async () => {
  lib = await createEngineLibrary("kinds_rules", { timeZone: ZONE });
  catcher = await startTestCatcher();
  worker = await startEngineWorker(lib, catcher.port, prefix);
  f = apiFactory(lib, ZONE);
});
afterAll(async () => {
  await worker?.stop();
  await catcher?.close();
  await lib?.close();
  const redis = new Redis(redisUrl);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

const sql = (text: string, params: unknown[] = []) => lib.sql.query(text, params);
const setLevel = (code: string, set: string, where = "true") =>
  sql(`UPDATE "ScenarioLevel" SET ${set} WHERE "scenarioId" = (SELECT id FROM "Scenario" WHERE code = $1) AND ${where}`, [code]);

/** A scenario of kind O of its own on a schedule, worded like the demo's "overdue". */
async function overdueScenario(code: string, schedule: string): Promise<number> {
  const { rows: [s] } = await sql(`INSERT INTO "Scenario" (code, kind, name, frequency, weekday, "monthDay", "updatedAt")
    SELECT $1, 'O', $1, f.frequency::"ScheduleFrequency", f.weekday, f."monthDay", now()
    FROM json_to_record($2::json) AS f(frequency text, weekday int, "monthDay" int) RETURNING id`, [code, schedule]);
  await sql(`INSERT INTO "ScenarioLevel" ("scenarioId", level, "periodDays", "templateId")
    SELECT $1, 1, 0, "templateId" FROM "ScenarioLevel" WHERE "scenarioId" = (SELECT id FROM "Scenario" WHERE code = 'overdue')`, [s.id]);
  return s.id;
}

function* days(from: string, to: string) {
  for (let day = from; day <= to; day = addDays(day, 1)) yield day;
}

describe("Overdue (O) on a weekly or monthly schedule", () => {
  it("goes on the first run after the due date whatever the day, then repeats only on the weekday / month day (31 = last day)", async () => {
    const weekly = await overdueScenario("overdue-wednesdays", JSON.stringify({ frequency: "WEEKLY", weekday: 3 }));
    const monthly = await overdueScenario("overdue-month-end", JSON.stringify({ frequency: "MONTHLY", monthDay: 31 }));
    // Weekly on Wednesdays: loans due Monday 1, Tuesday 2 and Thursday 4 March 2027, all returned on Thursday 18 March (after that night's run).
    const loans = { mon: await f.loan(await f.patron(), "2027-03-01"), tue: await f.loan(await f.patron(), "2027-03-02"),
      thu: await f.loan(await f.patron(), "2027-03-04") };
    // Monthly on day 31: a loan due 10 February 2027, never returned.
    const month = await f.loan(await f.patron(), "2027-02-10");
    // A run every day (the scheduler ticks daily; the planner decides the scenario's days), each recorded.
    for (const day of days("2027-02-10", "2027-04-30")) {
      if (day === "2027-03-18") for (const loan of Object.values(loans)) await f.returned(loan, `${day} 10:00`);
      await planRun(lib.db, { runDate: day, scenarioIds: [weekly, monthly], trigger: "SCHEDULED", runKey: `scheduled:${day}:02:00` });
    }
    const notified = async (scenarioId: number, loanId: number) => (await sql(`SELECT to_char(occurrence, 'YYYY-MM-DD') AS d FROM (${noticeRows()}) n
      WHERE "scenarioId" = $1 AND "subjectId" = $2 ORDER BY occurrence`, [scenarioId, loanId])).rows.map((r) => r.d);
    expect({
      mon: await notified(weekly, loans.mon.id), tue: await notified(weekly, loans.tue.id), thu: await notified(weekly, loans.thu.id),
      month: await notified(monthly, month.id),
    }).toEqual({
      mon: ["2027-03-02", "2027-03-03", "2027-03-10", "2027-03-17"], // Tuesday (first), then Wednesdays
      tue: ["2027-03-03", "2027-03-10", "2027-03-17"], // its first day is a Wednesday: one notice that day
      thu: ["2027-03-05", "2027-03-10", "2027-03-17"], // Friday (first), then Wednesdays
      month: ["2027-02-11", "2027-02-28", "2027-03-31", "2027-04-30"], // first, then the last day of each month
    });
  });

  it("monthly day 31 falls on 29 February in a leap year", async () => {
    const monthly = await overdueScenario("overdue-month-end-leap", JSON.stringify({ frequency: "MONTHLY", monthDay: 31 }));
    const january = await f.loan(await f.patron(), "2028-01-30"); // first overdue on 31 Jan, itself the month's last day
    const february = await f.loan(await f.patron(), "2028-02-27");
    for (const day of days("2028-01-30", "2028-03-01")) {
      await planRun(lib.db, { runDate: day, scenarioIds: [monthly], trigger: "SCHEDULED", runKey: `scheduled:${day}:02:00:leap` });
    }
    const { rows } = await sql(`SELECT "subjectId" AS id, to_char(occurrence, 'YYYY-MM-DD') AS d FROM (${noticeRows()}) n WHERE "scenarioId" = $1
      ORDER BY "subjectId", occurrence`, [monthly]);
    expect(rows.filter((r) => [january.id, february.id].includes(r.id)).map((r) => [r.id, r.d])).toEqual([
      [january.id, "2028-01-31"], [january.id, "2028-02-29"], [february.id, "2028-02-28"], [february.id, "2028-02-29"],
    ]);
  });
});

describe("days overdue counted on open days only", () => {
  it("shifts an escalation level by the days the loan's own branch is closed; a loan without a branch by the days every branch is", async () => {
    await setLevel("overdue-escalation", `"periodDays" = CASE level WHEN 1 THEN 7 WHEN 2 THEN 14 ELSE 28 END`);
    await setLevel("overdue-fine-days", `"periodDays" = 10`);
    await sql(`INSERT INTO "Branch" (code, name) VALUES ('EAST', 'East Library') ON CONFLICT DO NOTHING`);
    // Wednesday 5 and Thursday 6 May 2027 the whole library is closed; Friday 7 May only MAIN.
    await sql(`INSERT INTO "BranchClosedDay" ("branchId", date, reason)
      SELECT b.id, d::date, 'closed' FROM "Branch" b, unnest(ARRAY['2027-05-05', '2027-05-06']) d
      UNION ALL SELECT id, '2027-05-07', 'MAIN only' FROM "Branch" WHERE code = 'MAIN'`);
    const patron = await f.patron();
    // Each 7 calendar days overdue on 11 May, 10 on 14 May.
    const loans = { MAIN: await f.loan(patron, "2027-05-03"), EAST: await f.loan(patron, "2027-05-03", { branch: "EAST" }), none: await f.loan(patron, "2027-05-03") };
    await sql(`UPDATE "Loan" SET "branchId" = NULL WHERE id = ${loans.none.id}`);
    const dates = [...days("2027-05-10", "2027-05-17")];
    // Per loan, the run dates on which it is listed at level 1 or above (its own level, not the message's).
    const dueOn = async () => {
      const due: Record<string, Record<string, string[]>> = {};
      for (const date of dates) {
        const { deliveries } = await previewRun(lib.db, { runDate: date, scenarioCodes: ["overdue-escalation", "overdue-fine-days"] });
        for (const m of deliveries.filter((d) => d.patronId === patron.id).flatMap((d) => d.messages)) {
          for (const [branch, loan] of Object.entries(loans)) {
            if (m.notices.some((n) => n.id === loan.id && n.level === 1)) ((due[m.scenario] ??= {})[branch] ??= []).push(date);
          }
        }
      }
      return due;
    };
    const from = (d: string) => dates.filter((x) => x >= d);
    try {
      await sql(`UPDATE "LibrarySettings" SET "countOpenDaysOnly" = true`);
      expect(await dueOn()).toEqual({
        // MAIN was closed 3 days in between, EAST and the library as a whole 2.
        "overdue-escalation": { MAIN: from("2027-05-14"), EAST: from("2027-05-13"), none: from("2027-05-13") },
        "overdue-fine-days": { MAIN: from("2027-05-17"), EAST: from("2027-05-16"), none: from("2027-05-16") },
      });
    } finally {
      await sql(`UPDATE "LibrarySettings" SET "countOpenDaysOnly" = false`);
    }
    expect(await dueOn()).toEqual({
      "overdue-escalation": { MAIN: from("2027-05-11"), EAST: from("2027-05-11"), none: from("2027-05-11") },
      "overdue-fine-days": { MAIN: from("2027-05-14"), EAST: from("2027-05-14"), none: from("2027-05-14") },
    });
  });
});

describe("print", () => {
  it("a patron without email gets PRINT on the level's media; a combined letter takes its highest level's media", async () => {
    await setLevel("overdue", `"printMedia" = 'Speedimailer', "periodDays" = 0`);
    await setLevel("overdue-escalation", `"printMedia" = CASE level WHEN 3 THEN 'A4 letter' END,
      "contactKinds" = CASE level WHEN 3 THEN '{SELF,PARENT}'::"ContactKind"[] ELSE '{SELF}' END`);
    const P = "2027-06-01";
    const level3 = await f.patron({ email: null });
    await f.loan(level3, addDays(P, -29)); // 28 days overdue: O + escalation level 3, one "overdue" document
    const level1 = await f.patron({ email: null });
    await f.loan(level1, addDays(P, -8)); // 7 days: O + level 1 (no media of its own)
    const plain = await f.patron({ email: null });
    await f.loan(plain, addDays(P, -1)); // O only
    const emailed = await f.patron();
    await f.loan(emailed, addDays(P, -29));
    const child = await f.patron({ email: null, parentEmail: `parent.${uid()}@example.org` });
    await f.loan(child, addDays(P, -29)); // the child on paper, the parent (level 3 only) by email
    const { deliveries } = await previewRun(lib.db, { runDate: P, scenarioCodes: ["overdue", "overdue-escalation"] });
    const mine = [level3, level1, plain, emailed, child];
    const lines = deliveries.filter((d) => mine.some((p) => p.id === d.patronId))
      .map((d) => [mine.findIndex((p) => p.id === d.patronId), d.contact.kind, d.channel, d.printMedia, d.address,
        d.messages.map((m) => `${m.scenario} L${m.level}`).sort().join(" + ")].join(" "))
      .sort();
    expect(lines).toEqual([
      "0 SELF PRINT A4 letter  overdue L1 + overdue-escalation L3",
      "1 SELF PRINT Speedimailer  overdue L1 + overdue-escalation L1",
      "2 SELF PRINT Speedimailer  overdue L1",
      `3 SELF EMAIL  ${emailed.email} overdue L1 + overdue-escalation L3`,
      `4 PARENT EMAIL  ${child.parentEmail} overdue-escalation L3`,
      "4 SELF PRINT A4 letter  overdue L1 + overdue-escalation L3",
    ].sort());
  });
});

describe("item cost", () => {
  it("the sent email shows the replacement cost only for levels with showItemCost", async () => {
    await setLevel("overdue-escalation", `"showItemCost" = (level = 3), "contactKinds" = '{SELF}', "processingChargeCode" = NULL,
      "processingChargeAmount" = NULL, "periodDays" = CASE level WHEN 1 THEN 7 WHEN 2 THEN 14 ELSE 28 END`);
    await setLevel("loan-lost", `"showItemCost" = true, "periodDays" = 1`);
    await setLevel("loan-recalled", `"showItemCost" = false, "periodDays" = 0`);
    const Q = "2027-07-01";
    const cost = { cost: 47.31 };
    const [l1, l2, l3, lost, recalled] = [await f.patron(), await f.patron(), await f.patron(), await f.patron(), await f.patron()];
    await f.loan(l1, addDays(Q, -8), cost); // escalation level 1
    await f.loan(l2, addDays(Q, -15), cost); // level 2
    await f.loan(l3, addDays(Q, -29), cost); // level 3
    await f.status(await f.loan(lost, addDays(Q, -40), cost), "LOST", `${addDays(Q, -1)} 12:00`); // LL
    await f.status(await f.loan(recalled, addDays(Q, 10), cost), "RECALLED", `${Q} 09:00`); // LR
    const queue = worker.queues.find((q) => q.name === "deliveries")!;
    const run = await startReplay(lib.db, { runDate: Q, scenarioCodes: ["overdue-escalation", "loan-lost", "loan-recalled"], requestedBy: "test", queue, send: SEND });
    await waitFor(async () => (await getRunProgress(lib.db, run.runId))?.isEmailDone, 30_000, `run ${run.runId}`);
    const shown = async (address: string) => {
      const mails = await Promise.all(catcher.messages.filter((m) => m.to.includes(address)).map((m) => simpleParser(m.raw)));
      return mails.map((m) => `${m.subject}: ${/replacement cost/i.test(m.text!) && m.text!.includes("£47.31") ? "cost" : "no cost"}`);
    };
    expect({
      l1: await shown(l1.email!), l2: await shown(l2.email!), l3: await shown(l3.email!), lost: await shown(lost.email!),
      recalled: await shown(recalled.email!),
    }).toEqual({
      l1: ["Overdue reminder: 1 week: no cost"], l2: ["Second overdue notice: no cost"], l3: ["Final overdue notice: cost"],
      lost: ["Item marked as lost: cost"], recalled: ["An item you have is needed: no cost"],
    });
  });
});
