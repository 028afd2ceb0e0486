import { afterAll, describe, expect, it, onTestFinished } from "vitest";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { AppError } from "@/lib/errors";
import { createStaff, resetStaffPassword, StaffCreate, updateStaff } from "@/lib/staff/manage-staff";
import { uid } from "../factories";
import { db } from "./db";

afterAll(() => db.$disconnect());

const email = (who: string) => `${who}.${uid()}@library.example`.toLowerCase();
const refused = (p: Promise<unknown>) => p.then(() => { throw new Error("should have been refused"); }, (e: unknown) => e as AppError);

describe("staff accounts", () => {
  it("adds an account that can sign in, refuses a second with the same email naming the field, audits without the password", async () => {
    const admin = await db.staffUser.create({ data: { email: email("admin"), name: "Admin", passwordHash: "x", role: "ADMIN" } });
    const input = StaffCreate.parse({ name: "Cal", email: `Cal.${uid()}@Library.example`, role: "CIRCULATION", password: "correct horse battery" });
    const cal = await createStaff(db, input, admin);
    expect(cal.email).toBe(input.email.toLowerCase());
    expect(await verifyCredentials(db, { email: cal.email, password: "correct horse battery" })).toMatchObject({ id: String(cal.id), role: "CIRCULATION" });
    const err = await refused(createStaff(db, { ...input, name: "Cal again" }, admin));
    expect(err.fieldErrors).toEqual({ email: ["another account has this email"] });
    expect(await db.staffUser.count({ where: { email: cal.email } })).toBe(1);
    const audit = await db.auditLog.findMany({ where: { entity: "staff", entityId: String(cal.id) } });
    expect(audit.map((a) => a.action)).toEqual(["staff.create"]);
    expect(JSON.stringify(audit.map((a) => a.details))).not.toContain("correct horse");
    expect(StaffCreate.safeParse({ ...input, password: "short" }).error?.issues.map((i) => [i.path[0], i.message])).toEqual([["password", "at least 12 characters"]]);
  });

  it("deactivates an account (it can no longer sign in) and resets a password; never removes the last active administrator", async () => {
    // This file's database has other tests' administrators: make these two the only active ones for the check.
    const others = (await db.staffUser.findMany({ where: { role: "ADMIN", isActive: true }, select: { id: true } })).map((o) => o.id);
    await db.staffUser.updateMany({ where: { id: { in: others } }, data: { isActive: false } });
    onTestFinished(() => db.staffUser.updateMany({ where: { id: { in: others } }, data: { isActive: true } }).then(() => undefined));
    const [a, b] = await Promise.all(["A", "B"].map((n) => db.staffUser.create({ data: { email: email(n), name: n, passwordHash: "x", role: "ADMIN" } })));
    await resetStaffPassword(db, { id: b.id, password: "a new long password" }, a);
    expect(await verifyCredentials(db, { email: b.email, password: "a new long password" })).not.toBeNull();
    const reset = await db.auditLog.findFirstOrThrow({ where: { entity: "staff", entityId: String(b.id), action: "staff.reset-password" } });
    expect(reset.actorId).toBe(a.id);

    await updateStaff(db, { id: b.id, name: "B", role: "ADMIN", isActive: false }, a);
    expect(await verifyCredentials(db, { email: b.email, password: "a new long password" })).toBeNull();
    const deactivated = await db.auditLog.findFirstOrThrow({ where: { entity: "staff", entityId: String(b.id), action: "staff.deactivate" } });
    expect(deactivated.details).toMatchObject({ before: { isActive: true }, after: { isActive: false } });

    // A is now the last active administrator: neither demoted nor deactivated, by anyone.
    for (const change of [{ role: "READ_ONLY" as const, isActive: true }, { role: "ADMIN" as const, isActive: false }]) {
      const err = await refused(updateStaff(db, { id: a.id, name: "A", ...change }, a));
      expect(err.fieldErrors.role[0]).toMatch(/at least one active administrator/);
    }
    expect(await db.staffUser.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ role: "ADMIN", isActive: true });
    // With B back, A may step down.
    await updateStaff(db, { id: b.id, name: "B", role: "ADMIN", isActive: true }, a);
    expect((await updateStaff(db, { id: a.id, name: "A", role: "CIRCULATION", isActive: true }, a)).user.role).toBe("CIRCULATION");
  });
});
