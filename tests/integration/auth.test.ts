import { afterAll, describe, expect, it } from "vitest";
import { assertPermission, loadStaff } from "@/lib/auth/load-staff";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { createStaff } from "../factories";
import { db } from "./db";

afterAll(() => db.$disconnect());

describe("sign-in", () => {
  it("accepts the right password, case-insensitively on the email, and records the time", async () => {
    const { user, password } = await createStaff(db, { role: "ADMIN" });
    const identity = await verifyCredentials(db, { email: user.email.toUpperCase(), password });
    expect(identity).toEqual({ id: String(user.id), email: user.email, name: user.name, role: "ADMIN" });
    const after = await db.staffUser.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.lastSignInAt).not.toBeNull();
  });

  it.each([
    ["a wrong password", (e: string) => ({ email: e, password: "wrong" })],
    ["an unknown email", () => ({ email: "nobody@library.example", password: "x" })],
    ["a malformed email", () => ({ email: "not-an-email", password: "x" })],
    ["no password", (e: string) => ({ email: e })],
  ])("refuses %s", async (_label, input) => {
    const { user } = await createStaff(db);
    expect(await verifyCredentials(db, input(user.email))).toBeNull();
  });

  it("refuses a deactivated account even with the right password", async () => {
    const { user, password } = await createStaff(db, { isActive: false });
    expect(await verifyCredentials(db, { email: user.email, password })).toBeNull();
  });
});

describe("authorisation", () => {
  it("re-reads the account: a deactivated or unknown session user has no staff", async () => {
    const { user } = await createStaff(db, { role: "ADMIN" });
    expect((await loadStaff(db, String(user.id)))?.role).toBe("ADMIN");
    await db.staffUser.update({ where: { id: user.id }, data: { isActive: false } });
    expect(await loadStaff(db, String(user.id))).toBeNull();
    expect(await loadStaff(db, "999999999")).toBeNull();
    expect(await loadStaff(db, "abc")).toBeNull();
    expect(await loadStaff(db, undefined)).toBeNull();
  });

  it("refuses a role without the permission and an anonymous caller", async () => {
    const { user } = await createStaff(db, { role: "READ_ONLY" });
    const staff = await loadStaff(db, String(user.id));
    expect(assertPermission(staff, "dashboard.view").id).toBe(user.id);
    expect(() => assertPermission(staff, "mail.send-test")).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    expect(() => assertPermission(null, "dashboard.view")).toThrow(expect.objectContaining({ code: "UNAUTHENTICATED" }));
  });
});
