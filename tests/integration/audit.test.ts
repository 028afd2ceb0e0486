import { afterAll, describe, expect, it } from "vitest";
import { listAudit } from "@/lib/audit/list-audit";
import { uid } from "../factories";
import { db } from "./db";

afterAll(() => db.$disconnect());

describe("audit log page", () => {
  it("pages newest first by id with Older and Newer, filtered by area and person", async () => {
    const [ada, bob] = await Promise.all(["Ada", "Bob"].map((name) =>
      db.staffUser.create({ data: { email: `${name}.${uid()}@example.net`, name, passwordHash: "x", role: "ADMIN" } })));
    const area = `test-area-${uid()}`;
    // 120 rows in this area: even ones by Ada, odd ones by Bob.
    for (let i = 0; i < 120; i++) {
      await db.auditLog.create({ data: { actorId: i % 2 ? bob.id : ada.id, actorKind: "staff", action: `${area}.update`, entity: area, entityId: String(i) } });
    }
    const first = await listAudit(db, { area });
    expect(first.rows.map((r) => r.entityId).slice(0, 3)).toEqual(["119", "118", "117"]);
    expect(first.rows).toHaveLength(50);
    expect(first.newer).toBeUndefined();
    const second = await listAudit(db, { area, before: first.older });
    expect(second.rows.map((r) => r.entityId)[0]).toBe("69");
    const third = await listAudit(db, { area, before: second.older });
    expect(third.rows).toHaveLength(20);
    expect(third.older).toBeUndefined();
    // Back: Newer from the second page is the first page again.
    const back = await listAudit(db, { area, after: second.newer });
    expect(back.rows.map((r) => r.entityId)).toEqual(first.rows.map((r) => r.entityId));
    expect(back.newer).toBeUndefined();

    const bobs = await listAudit(db, { area, person: bob.id });
    expect(bobs.rows.every((r) => r.actorId === bob.id && Number(r.entityId) % 2 === 1)).toBe(true);
    expect(bobs.rows[0].actor?.name).toBe("Bob");
  });
});
