// Patron contacts from the dashboard: the API's rules with the field named, one transaction with an audit row per
// change (before → after in the audit log's words), another patron's contact refused, the API's limit of ten, and
// the permission that read-only staff lack.
import { afterAll, describe, expect, it } from "vitest";
import { describeChange } from "@/lib/audit/describe-change";
import { assertPermission, loadStaff } from "@/lib/auth/load-staff";
import { AppError } from "@/lib/errors";
import { parseOrThrow } from "@/lib/parse-input";
import { ContactInput, OwnContactInput } from "@/lib/patrons/contact-schemas";
import { removeContact } from "@/lib/patrons/remove-contact";
import { saveContact } from "@/lib/patrons/save-contact";
import { saveOwnContact } from "@/lib/patrons/save-own-contact";
import { createPatron, createStaff, ensureSettings } from "../factories";
import { db } from "./db";

afterAll(() => db.$disconnect());

const refused = (run: () => unknown) => {
  try {
    run();
  } catch (e) {
    return e as AppError;
  }
  throw new Error("should have been refused");
};
const refusedAsync = (p: Promise<unknown>) => p.then(() => { throw new Error("should have been refused"); }, (e: unknown) => e as AppError);
const auditOf = (patronId: number) => db.auditLog.findMany({ where: { entity: "patron-contact", entityId: String(patronId) }, orderBy: { id: "asc" } });

describe("patron contacts", () => {
  it("adds, edits and removes a contact, each with an audit row in plain words", async () => {
    await ensureSettings(db);
    const { user } = await createStaff(db, { role: "CIRCULATION" });
    const patron = await createPatron(db);

    const added = await saveContact(db, parseOrThrow(ContactInput, { patronId: patron.id, kind: "PARENT", name: " Ada Parent ", email: "ada@example.net", mobile: "" }), user);
    expect(added.changed).toBe(true);
    expect(await db.patronContact.findMany({ where: { patronId: patron.id }, select: { kind: true, name: true, email: true, mobile: true } }))
      .toEqual([{ kind: "PARENT", name: "Ada Parent", email: "ada@example.net", mobile: null }]);

    const edited = await saveContact(db, parseOrThrow(ContactInput, { patronId: patron.id, id: added.contact.id, kind: "GUARDIAN", name: "Ada Parent", email: "", mobile: "07700 900123" }), user);
    expect(edited.changed).toBe(true);
    const same = await saveContact(db, parseOrThrow(ContactInput, { patronId: patron.id, id: added.contact.id, kind: "GUARDIAN", name: "Ada Parent", email: null, mobile: "07700 900123" }), user);
    expect(same.changed).toBe(false); // no change: no audit row

    await removeContact(db, { patronId: patron.id, id: added.contact.id }, user);
    expect(await db.patronContact.count({ where: { patronId: patron.id } })).toBe(0);

    const audit = await auditOf(patron.id);
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ["patron-contact.added", user.id], ["patron-contact.changed", user.id], ["patron-contact.removed", user.id],
    ]);
    const lines = audit.map((a) => { const d = a.details as { before: unknown; after: unknown }; return describeChange(d.before, d.after); });
    expect(lines).toEqual([
      ["Kind: (none) → parent", "Name: (none) → Ada Parent", "Email: (none) → ada@example.net"],
      ["Kind: parent → guardian", "Email: ada@example.net → (none)", "Mobile: (none) → 07700 900123"],
      ["Kind: guardian → (none)", "Name: Ada Parent → (none)", "Mobile: 07700 900123 → (none)"],
    ]);
    expect(audit.map((a) => a.details as { patron: string; contact: string }).map((d) => [d.patron, d.contact]))
      .toEqual(Array(3).fill([`Test ${patron.lastName} (card ${patron.cardNumber})`, "Ada Parent"]));
  });

  it("refuses what the API refuses, naming the field, and writes nothing", async () => {
    const patron = await createPatron(db);
    const bad = refused(() => parseOrThrow(ContactInput, { patronId: patron.id, kind: "PARENT", name: "  ", email: "not-an-email", mobile: "x".repeat(41) }));
    expect(bad.code).toBe("INVALID");
    expect(bad.fieldErrors).toEqual({ name: ["required"], email: ["an email address"], mobile: ["at most 40 characters"] });
    expect(refused(() => parseOrThrow(ContactInput, { patronId: patron.id, kind: "SELF", name: "Me" })).fieldErrors).toHaveProperty("kind");
    expect(refused(() => parseOrThrow(OwnContactInput, { patronId: patron.id, email: "a@b" })).fieldErrors).toEqual({ email: ["an email address"] });
    expect(await db.patronContact.count({ where: { patronId: patron.id } })).toBe(0);
    expect(await auditOf(patron.id)).toEqual([]);
  });

  it("changes the patron's own email and mobile, audited; 'none' clears them", async () => {
    const { user } = await createStaff(db);
    const patron = await createPatron(db);
    await saveOwnContact(db, parseOrThrow(OwnContactInput, { patronId: patron.id, email: "new.self@example.net", mobile: "07700 900999" }), user);
    await saveOwnContact(db, parseOrThrow(OwnContactInput, { patronId: patron.id, email: "", mobile: "07700 900999" }), user);
    expect(await db.patron.findUnique({ where: { id: patron.id }, select: { email: true, mobile: true } })).toEqual({ email: null, mobile: "07700 900999" });
    const audit = await auditOf(patron.id);
    expect(audit.map((a) => [a.action, (a.details as { contact: string }).contact])).toEqual(Array(2).fill(["patron-contact.changed", "the patron themselves"]));
    expect(audit.map((a) => { const d = a.details as { before: unknown; after: unknown }; return describeChange(d.before, d.after); })).toEqual([
      [`Email: ${patron.email} → new.self@example.net`, "Mobile: (none) → 07700 900999"],
      ["Email: new.self@example.net → (none)"],
    ]);
  });

  it("refuses another patron's contact, a removed one, and an eleventh", async () => {
    const { user } = await createStaff(db);
    const [a, b] = [await createPatron(db), await createPatron(db)];
    const theirs = await saveContact(db, parseOrThrow(ContactInput, { patronId: b.id, kind: "OTHER", name: "B's aunt" }), user);
    const wrong = await refusedAsync(saveContact(db, parseOrThrow(ContactInput, { patronId: a.id, id: theirs.contact.id, kind: "OTHER", name: "Stolen" }), user));
    expect(wrong.code).toBe("NOT_FOUND");
    expect((await refusedAsync(removeContact(db, { patronId: a.id, id: theirs.contact.id }, user))).code).toBe("NOT_FOUND");
    expect((await db.patronContact.findUniqueOrThrow({ where: { id: theirs.contact.id } })).name).toBe("B's aunt");
    for (let i = 0; i < 10; i++) await saveContact(db, parseOrThrow(ContactInput, { patronId: a.id, kind: "OTHER", name: `Contact ${i}` }), user);
    const eleventh = await refusedAsync(saveContact(db, parseOrThrow(ContactInput, { patronId: a.id, kind: "OTHER", name: "One too many" }), user));
    expect(eleventh.message).toMatch(/at most 10 contacts/);
    expect(await db.patronContact.count({ where: { patronId: a.id } })).toBe(10);
    expect((await refusedAsync(saveContact(db, parseOrThrow(ContactInput, { patronId: 2_000_000_000, kind: "OTHER", name: "Nobody" }), user))).code).toBe("NOT_FOUND");
  });

  it("two staff adding the tenth contact at once: one is refused (the patron's row is locked)", async () => {
    const { user } = await createStaff(db);
    const patron = await createPatron(db);
    for (let i = 0; i < 9; i++) await saveContact(db, parseOrThrow(ContactInput, { patronId: patron.id, kind: "OTHER", name: `C${i}` }), user);
    const both = await Promise.allSettled([0, 1].map((i) => saveContact(db, parseOrThrow(ContactInput, { patronId: patron.id, kind: "OTHER", name: `Last ${i}` }), user)));
    expect(both.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await db.patronContact.count({ where: { patronId: patron.id } })).toBe(10);
  });

  it("lets circulation staff and administrators manage contacts, not read-only staff", async () => {
    for (const [role, allowed] of [["ADMIN", true], ["CIRCULATION", true], ["READ_ONLY", false], ["ACQUISITIONS", false]] as const) {
      const { user } = await createStaff(db, { role });
      const staff = await loadStaff(db, String(user.id));
      if (allowed) expect(assertPermission(staff, "patrons.manage").id).toBe(user.id);
      else expect(() => assertPermission(staff, "patrons.manage")).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    }
  });
});
