// Issue 11, item 1: every notice kind end to end through its candidate query. Per time zone, a library of its own
// (engine-env.ts) gets its records through the API's batch upserts and circulation events (api-factory.ts), with
// events minutes from local midnight; then the run is previewed on the day before the boundary, the day, and the day
// after (first as a missed run caught up, then after the day's run was recorded), and each kind's deliveries are
// compared exactly: scenario, level, patron, contact, channel, address and subject ids.
//
// All kinds share one boundary, B = Monday 1 March 2027 (a weekly scenario's Monday and a monthly scenario's day 1,
// across February's end), so one preview per date covers all 28 kinds. Every patron belongs to one kind's case; a
// case is checked on its own scenario and its own patrons (other scenarios see the same loans: CL lists them all).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NoticeKind } from "@/lib/generated/prisma/enums";
import { KINDS } from "@/lib/notices/kinds";
import { planRun } from "@/lib/notices/plan-run";
import { previewRun } from "@/lib/notices/preview-run";
import { addDays } from "@/lib/notices/rules/day-count";
import { createEngineLibrary, ZONES } from "./engine-env";
import { apiFactory, type ApiFactory, type ApiPatron } from "./api-factory";

const B = "2027-03-01";
const d = (n: number) => addDays(B, n);
/** The dates previewed: the day before, the day, the day after; and the next scheduled days of the weekly (Monday)
 * and monthly (day 1) every-run kinds. */
const NEXT_MONDAY = d(7);
const NEXT_MONTH = "2027-04-01";

type Preview = Awaited<ReturnType<typeof previewRun>>;
type Row = { scenario: string; patronId: number; text: string };

/** Each message of each delivery as one line: what a patron or contact is sent, how, and about which subjects. */
function rowsOf(preview: Preview): Row[] {
  return preview.deliveries.flatMap((dl) => dl.messages.map((m) => ({
    scenario: m.scenario,
    patronId: dl.patronId,
    text: line(m.scenario, m.level, dl.patronId, dl.contact.kind, dl.channel, dl.printMedia, dl.address, m.notices.map((n) => n.id)),
  })));
}

function line(code: string, level: number, patronId: number, contact: string, channel: string, media: string | null, address: string | null, ids: number[]) {
  const how = channel === "PRINT" ? `PRINT(${media ?? "-"})` : channel;
  return `${code} L${level} p${patronId} ${contact} ${how} ${address ?? "-"} [${[...ids].sort((a, b) => a - b).join(",")}]`;
}

type Opts = { level?: number; contact?: "SELF" | "PARENT"; address?: string | null; channel?: string; media?: string | null };
/** The line a case expects: by default level 1, to the patron, by email. */
const to = (code: string) => (p: ApiPatron, subjects: { id: number }[], o: Opts = {}) =>
  line(code, o.level ?? 1, p.id, o.contact ?? "SELF", o.channel ?? "EMAIL", o.media ?? null,
    o.address === undefined ? (o.contact === "PARENT" ? p.parentEmail : p.email) : o.address, subjects.map((s) => s.id));

type Expected = {
  patrons: ApiPatron[];
  before: string[]; // B - 1
  day: string[]; // B
  missed: string[]; // B + 1 when B's run was missed (nothing recorded): caught up
  after: string[]; // B + 1 after B's run was recorded
  next?: { date: string; rows: string[] }; // every-run kinds on a weekly / monthly schedule: the next scheduled day
};
type Case = { kind: NoticeKind; code: string; rule: string; make: (f: ApiFactory) => Promise<Expected> };

// Periods as the cases assume them (set in each library, so a change of the demo's defaults does not move them).
const PERIODS: Record<string, number> = {
  "pre-overdue": 2, "renewal-reminder": 3, "own-reminder": 0, overdue: 0, "overdue-fine": 0, "overdue-fine-days": 10,
  "loan-lost": 1, "loan-long-overdue": 1, "loan-reported-lost": 0, "loan-recalled": 0, "claimed-returned": 0,
  "claimed-never-borrowed": 0, "claimed-returned-resolved": 0, "claimed-never-borrowed-resolved": 0, "reservation-ready": 0,
  "reservation-expiring": 2, "reservation-expired": 0, "reservation-allocation-expired": 0, "reservation-cancelled": 0,
  "reservation-auto-cancelled": 0, invoice: 7, "current-loans": 0, "current-loans-no-status": 0, "registration-expiry": -14,
  "registration-reminder": 7, "inactive-borrower": 365, debarral: 0,
};

/** Loans dated by a status event: LOST etc. set at 23:55 on `day`, and 00:05 the next day. */
function statusCase(kind: NoticeKind, code: string, status: string, period: number): Case {
  return {
    kind, code, rule: `${period} day(s) since the status was set (local date of the loan-status event)`,
    make: async (f) => {
      const p = await f.patron();
      const late = await f.loan(p, d(-30));
      const early = await f.loan(p, d(-30));
      await f.status(late, status, `${d(-period)} 23:55`); // dated B - period: due on B
      await f.status(early, status, `${d(1 - period)} 00:05`); // dated the next day: due on B + 1
      const row = to(code);
      return { patrons: [p], before: [], day: [row(p, [late])], missed: [row(p, [late, early])], after: [row(p, [early])] };
    },
  };
}

/** Reservations dated by their completion (reservation-finished event) at 23:59 on B and 00:01 on B + 1. */
function completionCase(kind: NoticeKind, code: string, status: string): Case {
  return {
    kind, code, rule: "0 days since the reservation completed (local date of the reservation-finished event)",
    make: async (f) => {
      const p = await f.patron();
      const late = await f.reservation(p);
      const early = await f.reservation(p);
      const collected = await f.reservation(p);
      await f.finished(late, status, `${B} 23:59`);
      await f.finished(early, status, `${d(1)} 00:01`);
      await f.finished(collected, "COLLECTED", `${B} 12:00`); // another completion: not this kind
      const row = to(code);
      return { patrons: [p], before: [], day: [row(p, [late])], missed: [row(p, [late, early])], after: [row(p, [early])] };
    },
  };
}

/** A claim resolved (loan-status-resolved, flagged for a notice) at 23:58 on B; 00:02 on B + 1. */
function resolvedCase(kind: NoticeKind, code: string, claim: string): Case {
  return {
    kind, code, rule: "0 days since staff resolved the claim and flagged it for a notice, whatever the loan's status then",
    make: async (f) => {
      const p = await f.patron();
      const [late, returned, early, silent] = [await f.loan(p, d(-30)), await f.loan(p, d(-30)), await f.loan(p, d(-30)), await f.loan(p, d(-30))];
      for (const loan of [late, returned, early, silent]) await f.status(loan, claim, `${d(-5)} 12:00`);
      await f.resolve(late, `${B} 23:58`);
      await f.resolve(returned, `${B} 23:30`, { status: "RETURNED" }); // resolved and returned: still notified
      await f.resolve(early, `${d(1)} 00:02`);
      await f.resolve(silent, `${B} 12:00`, { notify: false }); // not flagged: never
      const row = to(code);
      return {
        patrons: [p], before: [], day: [row(p, [late, returned])], missed: [row(p, [late, returned, early])], after: [row(p, [early])],
      };
    },
  };
}

/** Loans dated by their due date, reminded `period` days before it (LM, LW, LRM). */
function beforeDueCase(kind: NoticeKind, code: string, period: number, rule: string, patronOptions: { reminderDays?: number } = {}, extra?: (f: ApiFactory) => Promise<ApiPatron[]>): Case {
  return {
    kind, code, rule,
    make: async (f) => {
      const p = await f.patron(patronOptions);
      const first = await f.loan(p, d(period)); // `period` days before on B
      const second = await f.loan(p, d(period + 1)); // on B + 1
      const others = extra ? await extra(f) : [];
      const row = to(code);
      return {
        patrons: [p, ...others], before: [], day: [row(p, [first])], missed: [row(p, [first, second])], after: [row(p, [second])],
      };
    },
  };
}

const CASES: Case[] = [
  beforeDueCase("LM", "pre-overdue", 2, "2 days before the due date, caught up until the due date, once per due date"),
  beforeDueCase("LW", "renewal-reminder", 3, "3 days before the due date, only while renewals remain", {}, async (f) => {
    const none = await f.patron();
    await f.loan(none, d(3), { renewalsUsed: 3, renewalsAllowed: 3 }); // no renewals left: never
    return [none];
  }),
  beforeDueCase("LRM", "own-reminder", 3, "the patron's own reminder days (3) before the due date", { reminderDays: 3 }, async (f) => {
    const none = await f.patron(); // no reminder chosen at registration: never
    await f.loan(none, d(3));
    return [none];
  }),
  {
    kind: "O", code: "overdue", rule: "R - due - 1 >= 0: the first run after the due date, then every run; not lost / claimed loans",
    make: async (f) => {
      const p = await f.patron();
      const first = await f.loan(p, d(-1)); // due B - 1: overdue from B
      const recalled = await f.loan(p, d(-1));
      await f.status(recalled, "RECALLED", `${d(-3)} 12:00`); // recalled loans are still overdue
      const second = await f.loan(p, B); // overdue from B + 1
      for (const status of ["LOST", "REPORTED_LOST", "CLAIMED_RETURNED"]) {
        await f.status(await f.loan(p, d(-10)), status, `${d(-5)} 12:00`); // never
      }
      const row = to("overdue");
      return {
        patrons: [p], before: [], day: [row(p, [first, recalled])],
        missed: [row(p, [first, recalled, second])], after: [row(p, [first, recalled, second])], // every run
      };
    },
  },
  {
    kind: "OE", code: "overdue-escalation", rule: "levels at 7 / 14 / 28 days overdue, highest wins, level 3 also to the parent",
    make: async (f) => {
      const p = await f.patron();
      const week = await f.loan(p, d(-8)); // 7 days overdue on B: level 1
      const fresh = await f.loan(p, d(-2)); // 1 day: listed at level 0
      const child = await f.patron({ parentEmail: `parent.${p.cardNumber.toLowerCase()}@example.org` });
      const month = await f.loan(child, d(-29)); // 27 days on B - 1 (level 2), 28 on B (level 3)
      const row = to("overdue-escalation");
      const level3 = [row(child, [month], { level: 3 }), row(child, [month], { level: 3, contact: "PARENT" })];
      return {
        patrons: [p, child],
        before: [row(child, [month], { level: 2 })],
        day: [row(p, [week, fresh]), ...level3],
        missed: [row(p, [week, fresh]), ...level3],
        after: [],
      };
    },
  },
  {
    kind: "OF", code: "overdue-fine-days", rule: "10 days overdue (R - due - 1), once per loan and level",
    make: async (f) => {
      const p = await f.patron();
      const q = await f.patron();
      const first = await f.loan(p, d(-11));
      const second = await f.loan(q, d(-10));
      const row = to("overdue-fine-days");
      return { patrons: [p, q], before: [], day: [row(p, [first])], missed: [row(p, [first]), row(q, [second])], after: [row(q, [second])] };
    },
  },
  {
    kind: "LF", code: "overdue-fine", rule: "fines on an overdue loan reaching the level's amount (5.00), once",
    make: async (f) => {
      const [p, q, r] = [await f.patron(), await f.patron(), await f.patron()];
      const first = await f.loan(p, d(-1)); // overdue from B
      const second = await f.loan(q, B); // overdue from B + 1
      const below = await f.loan(r, d(-5));
      await f.charge(p, `${d(-20)} 12:00`, { kind: "OVERDUE_FINE", amount: 6, loan: first });
      await f.charge(q, `${d(-20)} 12:00`, { kind: "OVERDUE_FINE", amount: 6, loan: second });
      await f.charge(r, `${d(-20)} 12:00`, { kind: "OVERDUE_FINE", amount: 4.99, loan: below }); // below the amount: never
      const row = to("overdue-fine");
      return { patrons: [p, q, r], before: [], day: [row(p, [first])], missed: [row(p, [first]), row(q, [second])], after: [row(q, [second])] };
    },
  },
  statusCase("LL", "loan-lost", "LOST", 1),
  statusCase("LLO", "loan-long-overdue", "LONG_OVERDUE", 1),
  statusCase("LLR", "loan-reported-lost", "REPORTED_LOST", 0),
  statusCase("LR", "loan-recalled", "RECALLED", 0),
  statusCase("LCR", "claimed-returned", "CLAIMED_RETURNED", 0),
  statusCase("LCRNB", "claimed-never-borrowed", "CLAIMED_NEVER_BORROWED", 0),
  resolvedCase("LCRR", "claimed-returned-resolved", "CLAIMED_RETURNED"),
  resolvedCase("LCRNBR", "claimed-never-borrowed-resolved", "CLAIMED_NEVER_BORROWED"),
  {
    kind: "V", code: "reservation-ready", rule: "0 days since it was ready (local date of the reservation-ready event)",
    make: async (f) => {
      const p = await f.patron();
      const [late, early, collected] = [await f.reservation(p), await f.reservation(p), await f.reservation(p)];
      await f.ready(late, `${B} 23:50`, d(7));
      await f.ready(early, `${d(1)} 00:10`, d(8));
      await f.ready(collected, `${B} 09:00`, d(7));
      await f.finished(collected, "COLLECTED", `${B} 18:00`); // collected the same day: never
      const row = to("reservation-ready");
      return { patrons: [p], before: [], day: [row(p, [late])], missed: [row(p, [late, early])], after: [row(p, [early])] };
    },
  },
  {
    kind: "RX", code: "reservation-expiring", rule: "2 days before the pickup-by date, while ready",
    make: async (f) => {
      const p = await f.patron();
      const first = await f.reservation(p, { status: "READY_FOR_PICKUP", readyAt: `${d(-3)} 12:00`, pickupBy: d(2) });
      const second = await f.reservation(p, { status: "READY_FOR_PICKUP", readyAt: `${d(-3)} 12:00`, pickupBy: d(3) });
      const gone = await f.reservation(p, { status: "READY_FOR_PICKUP", readyAt: `${d(-3)} 12:00`, pickupBy: d(2) });
      await f.finished(gone, "COLLECTED", `${d(-1)} 15:00`); // collected: never
      const row = to("reservation-expiring");
      return { patrons: [p], before: [], day: [row(p, [first])], missed: [row(p, [first, second])], after: [row(p, [second])] };
    },
  },
  completionCase("RU", "reservation-expired", "EXPIRED_UNFULFILLED"),
  completionCase("RE", "reservation-allocation-expired", "EXPIRED_UNCOLLECTED"),
  completionCase("RC", "reservation-cancelled", "CANCELLED"),
  completionCase("RS", "reservation-auto-cancelled", "AUTO_CANCELLED"),
  {
    kind: "I", code: "invoice", rule: "7 days since the charge (local date), every run on its weekly schedule (Mondays) while unpaid",
    make: async (f) => {
      const p = await f.patron();
      const week = await f.charge(p, `${d(-7)} 23:55`); // 7 days on B
      const six = await f.charge(p, `${d(-6)} 00:05`); // 6 days on B: first on the next Monday
      const paid = await f.charge(p, `${d(-20)} 12:00`);
      await f.paid(paid, `${d(-1)} 12:00`);
      const row = to("invoice");
      return {
        patrons: [p], before: [], day: [row(p, [week])], missed: [], after: [], // B + 1 is a Tuesday
        next: { date: NEXT_MONDAY, rows: [row(p, [week, six])] },
      };
    },
  },
  {
    kind: "CL", code: "current-loans", rule: "every loan not returned, on each scheduled run (monthly, day 1)",
    make: async (f) => {
      const p = await f.patron();
      const out = await f.loan(p, d(10));
      const lost = await f.loan(p, d(10));
      await f.status(lost, "LOST", `${d(-2)} 12:00`);
      await f.returned(await f.loan(p, d(5)), `${d(-1)} 12:00`);
      const row = to("current-loans");
      return { patrons: [p], before: [], day: [row(p, [out, lost])], missed: [], after: [], next: { date: NEXT_MONTH, rows: [row(p, [out, lost])] } };
    },
  },
  {
    kind: "CLNS", code: "current-loans-no-status", rule: "loans with no status (not lost / claimed), on each scheduled run (monthly, day 1)",
    make: async (f) => {
      const p = await f.patron();
      const out = await f.loan(p, d(10));
      const lost = await f.loan(p, d(10));
      await f.status(lost, "LOST", `${d(-2)} 12:00`);
      const recalled = await f.loan(p, d(10));
      await f.status(recalled, "RECALLED", `${d(-2)} 12:00`);
      const row = to("current-loans-no-status");
      return {
        patrons: [p], before: [], day: [row(p, [out, recalled])], missed: [], after: [],
        next: { date: NEXT_MONTH, rows: [row(p, [out, recalled])] },
      };
    },
  },
  {
    kind: "BX", code: "registration-expiry", rule: "14 days before the expiry date (period -14)",
    make: async (f) => {
      const p = await f.patron({ expiresOn: d(14) });
      const q = await f.patron({ expiresOn: d(15) });
      const row = to("registration-expiry");
      return { patrons: [p, q], before: [], day: [row(p, [p])], missed: [row(p, [p]), row(q, [q])], after: [row(q, [q])] };
    },
  },
  {
    kind: "BR", code: "registration-reminder", rule: "7 days since registration, or since the category last changed (local date)",
    make: async (f) => {
      const p = await f.patron({ registeredOn: d(-7) });
      const q = await f.patron({ registeredOn: d(-6) });
      const moved = await f.patron({ registeredOn: "2020-01-01" });
      await f.upsert("patrons", [{ cardNumber: moved.cardNumber, firstName: "Pat", lastName: "Moved", email: moved.email, homeBranch: "MAIN",
        category: "CHILD", registeredOn: "2020-01-01", expiresOn: "2030-01-01" }]);
      // The upsert dates the change of category now (the API takes no instant for it): set it to 23:55 on B - 7.
      await f.sqlSetInstant("Patron", "categorySetAt", moved.id, `${d(-7)} 23:55`);
      const row = to("registration-reminder");
      return {
        patrons: [p, q, moved], before: [], day: [row(p, [p]), row(moved, [moved])],
        missed: [row(p, [p]), row(q, [q]), row(moved, [moved])], after: [row(q, [q])],
      };
    },
  },
  {
    kind: "IB", code: "inactive-borrower", rule: "365 days since the last checkout or return (local date of the event)",
    make: async (f) => {
      const p = await f.patron();
      const q = await f.patron();
      const r = await f.patron();
      await f.checkout(p, `${d(-365)} 23:59`, d(-344));
      await f.checkout(q, `${d(-364)} 00:01`, d(-343));
      await f.returned(await f.checkout(r, `${d(-400)} 12:00`, d(-379)), `${d(-365)} 23:57`); // the return counts
      const row = to("inactive-borrower");
      return {
        patrons: [p, q, r], before: [], day: [row(p, [p]), row(r, [r])], missed: [row(p, [p]), row(q, [q]), row(r, [r])], after: [row(q, [q])],
      };
    },
  },
  {
    kind: "DB", code: "debarral", rule: "0 days since the patron was debarred (local date)",
    make: async (f) => {
      const p = await f.patron({ status: "DEBARRED" });
      const q = await f.patron({ status: "DEBARRED" });
      await f.patron(); // active: never
      // The upsert dates the status now (the API takes no instant for it): set it near midnight.
      await f.sqlSetInstant("Patron", "statusSetAt", p.id, `${B} 23:58`);
      await f.sqlSetInstant("Patron", "statusSetAt", q.id, `${d(1)} 00:02`);
      const row = to("debarral");
      return { patrons: [p, q], before: [], day: [row(p, [p])], missed: [row(p, [p]), row(q, [q])], after: [row(q, [q])] };
    },
  },
];

it("the cases cover every notice kind", () => {
  expect(CASES.map((c) => c.kind).sort()).toEqual(Object.keys(KINDS).sort());
});

/** A library with every scenario as the cases assume it: periods above, daily but for invoices (Mondays) and the
 * current-loans lists (day 1 of the month). */
async function kindsLibrary(name: string, zone: string) {
  const lib = await createEngineLibrary(name, { timeZone: zone });
  await lib.sql.query(`UPDATE "Scenario" SET frequency = 'DAILY', weekday = NULL, "monthDay" = NULL, "catchUpDays" = 30`);
  await lib.sql.query(`UPDATE "Scenario" SET frequency = 'WEEKLY', weekday = 1 WHERE code = 'invoice'`);
  await lib.sql.query(`UPDATE "Scenario" SET frequency = 'MONTHLY', "monthDay" = 1 WHERE code IN ('current-loans', 'current-loans-no-status')`);
  for (const [code, period] of Object.entries(PERIODS)) {
    await lib.sql.query(`UPDATE "ScenarioLevel" SET "periodDays" = $2 WHERE "scenarioId" = (SELECT id FROM "Scenario" WHERE code = $1)`, [code, period]);
  }
  await lib.sql.query(`UPDATE "ScenarioLevel" SET amount = 5 WHERE "scenarioId" = (SELECT id FROM "Scenario" WHERE code = 'overdue-fine')`);
  await lib.sql.query(`UPDATE "ScenarioLevel" SET "periodDays" = CASE level WHEN 1 THEN 7 WHEN 2 THEN 14 ELSE 28 END,
    "contactKinds" = CASE level WHEN 3 THEN '{SELF,PARENT,GUARDIAN}'::"ContactKind"[] ELSE '{SELF}' END
    WHERE "scenarioId" = (SELECT id FROM "Scenario" WHERE code = 'overdue-escalation')`);
  return lib;
}

describe.each(ZONES.map((zone, i) => [zone, i] as const))("every kind in %s", (zone, i) => {
  let lib: Awaited<ReturnType<typeof createEngineLibrary>>;
  const expected = new Map<NoticeKind, Expected>();
  const previews: Record<string, Row[]> = {};

  beforeAll(async () => {
    lib = await kindsLibrary(`kinds_${i}`, zone);
    const f = apiFactory(lib, zone);
    for (const c of CASES) expected.set(c.kind, await c.make(f));
    const all = { scenarioCodes: CASES.map((c) => c.code) };
    const preview = async (date: string) => rowsOf(await previewRun(lib.db, { runDate: date, ...all }));
    previews.before = await preview(d(-1));
    previews.day = await preview(B);
    previews.missed = await preview(d(1));
    // B's run, recorded (nothing sent: the deliveries stay planned); then B + 1 and the next scheduled days.
    const scenarioIds = (await lib.db.scenario.findMany({ where: { code: { in: all.scenarioCodes } } })).map((s) => s.id);
    await planRun(lib.db, { runDate: B, scenarioIds, trigger: "REPLAY" });
    previews.after = await preview(d(1));
    previews[NEXT_MONDAY] = await preview(NEXT_MONDAY);
    previews[NEXT_MONTH] = await preview(NEXT_MONTH);
  });
  afterAll(() => lib?.close());

  const rowsFor = (c: Case, key: string) => {
    const patrons = new Set(expected.get(c.kind)!.patrons.map((p) => p.id));
    return previews[key].filter((r) => r.scenario === c.code && patrons.has(r.patronId)).map((r) => r.text).sort();
  };

  it.each(CASES.map((c) => [`${c.kind} (${c.code}): ${c.rule}`, c] as const))("%s", (_name, c) => {
    const e = expected.get(c.kind)!;
    expect({
      [`before ${d(-1)}`]: rowsFor(c, "before"),
      [`day ${B}`]: rowsFor(c, "day"),
      [`missed, caught up ${d(1)}`]: rowsFor(c, "missed"),
      [`after B was run ${d(1)}`]: rowsFor(c, "after"),
      ...(e.next ? { [`next scheduled ${e.next.date}`]: rowsFor(c, e.next.date) } : {}),
    }).toEqual({
      [`before ${d(-1)}`]: [...e.before].sort(),
      [`day ${B}`]: [...e.day].sort(),
      [`missed, caught up ${d(1)}`]: [...e.missed].sort(),
      [`after B was run ${d(1)}`]: [...e.after].sort(),
      ...(e.next ? { [`next scheduled ${e.next.date}`]: [...e.next.rows].sort() } : {}),
    });
  });
});
