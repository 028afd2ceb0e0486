import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { parseOrThrow } from "@/lib/parse-input";
import { LibrarySettingsInput, saveLibrarySettings, SETTINGS_FIELDS } from "@/lib/settings/library-settings";
import { chooseLanguage } from "@/lib/templates/labels";
import { previewTemplate } from "@/lib/templates/preview";
import { createPatron, ensureSettings, uid } from "../factories";
import { db } from "./db";

afterAll(() => db.$disconnect());

describe("library settings", () => {
  it("saves only what changed with an audit row, and a new time zone restarts every scenario's schedule", async () => {
    await ensureSettings(db);
    const staff = await db.staffUser.create({ data: { email: `s.${uid()}@example.net`, name: "S", passwordHash: "x", role: "ADMIN" } });
    const current = await db.librarySettings.findUniqueOrThrow({ where: { id: 1 } });
    const values = LibrarySettingsInput.parse({ ...Object.fromEntries(SETTINGS_FIELDS.map((k) => [k, current[k] ?? ""])), countOpenDaysOnly: current.countOpenDaysOnly });
    expect(await saveLibrarySettings(db, values, staff)).toEqual({ changed: [], timeZoneChanged: false });

    const zone = current.timeZone === "Pacific/Auckland" ? "Europe/London" : "Pacific/Auckland";
    const startedAt = new Date();
    const saved = await saveLibrarySettings(db, { ...values, timeZone: zone, closingTime: "18:00" }, staff);
    expect(saved).toEqual({ changed: expect.arrayContaining(["timeZone"]), timeZoneChanged: true });
    const scenarios = await db.scenario.findMany({ select: { scheduleSetAt: true } });
    expect(scenarios.every((s) => s.scheduleSetAt >= new Date(startedAt.getTime() - 5))).toBe(true);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entity: "settings", entityId: "library" }, orderBy: { id: "desc" } });
    expect(audit.details).toMatchObject({ before: { timeZone: current.timeZone }, after: { timeZone: zone, closingTime: "18:00" } });
    await saveLibrarySettings(db, values, staff); // put it back
  });

  it("refuses a translation of the frame under a bad tag, the default language or a tag twice, naming each, and writes nothing", async () => {
    await ensureSettings(db);
    const staff = await db.staffUser.create({ data: { email: `s.${uid()}@example.net`, name: "S", passwordHash: "x", role: "ADMIN" } });
    const current = await db.librarySettings.findUniqueOrThrow({ where: { id: 1 } });
    const audits = await db.auditLog.count();
    const input = {
      ...Object.fromEntries(SETTINGS_FIELDS.map((k) => [k, current[k]])), defaultLanguage: "en-GB",
      frameTranslations: { "Māori": { footerText: "x" }, "EN-gb": { footerText: "y" }, "fr-ca": {}, "FR-CA": { openingHours: "z".repeat(1001) } },
    };
    const save = async () => saveLibrarySettings(db, parseOrThrow(LibrarySettingsInput, input), staff);
    const err = await save().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).fieldErrors).toEqual({
      "frameTranslations.Māori": ["a language tag such as cy, mi or fr-CA"],
      "frameTranslations.EN-gb": ["the default language: its texts are the ones above"],
      "frameTranslations.FR-CA": ["fr-CA is listed twice"],
      "frameTranslations.FR-CA.openingHours": ["at most 1000 characters"],
    });
    expect(await db.librarySettings.findUniqueOrThrow({ where: { id: 1 } })).toEqual(current);
    expect(await db.auditLog.count()).toBe(audits);
  });

  it("saves a translation under its canonical tag, audits only it, and a letter for a patron of that language shows it", async () => {
    await ensureSettings(db);
    const staff = await db.staffUser.create({ data: { email: `s.${uid()}@example.net`, name: "S", passwordHash: "x", role: "ADMIN" } });
    const current = await db.librarySettings.findUniqueOrThrow({ where: { id: 1 } });
    const values = LibrarySettingsInput.parse({ ...Object.fromEntries(SETTINGS_FIELDS.map((k) => [k, current[k]])),
      defaultLanguage: "en", footerText: "Renew online.", openingHours: "Mon-Fri 9-5", address: "1 Library Square" });
    await saveLibrarySettings(db, values, staff);
    try {
      const mi = { footerText: "  Whakahouhia ā-ipurangi.  ", openingHours: "", address: "1 Te Tapawhā Pukapuka" };
      const saved = await saveLibrarySettings(db, { ...values, frameTranslations: parseOrThrow(LibrarySettingsInput, { ...values, frameTranslations: { MI: mi } }).frameTranslations }, staff);
      expect(saved).toEqual({ changed: ["frameTranslations"], timeZoneChanged: false });
      const stored = { mi: { address: "1 Te Tapawhā Pukapuka", footerText: "Whakahouhia ā-ipurangi." } };
      expect((await db.librarySettings.findUniqueOrThrow({ where: { id: 1 } })).frameTranslations).toEqual(stored);
      const audit = await db.auditLog.findFirstOrThrow({ where: { entity: "settings", entityId: "library" }, orderBy: { id: "desc" } });
      expect(audit).toMatchObject({ actorId: staff.id, details: { before: { frameTranslations: {} }, after: { frameTranslations: stored } } });
      // The same again (keys in another order, tag as typed before): no change, no audit row.
      const again = parseOrThrow(LibrarySettingsInput, { ...values, frameTranslations: { mi: { footerText: "Whakahouhia ā-ipurangi.", address: "1 Te Tapawhā Pukapuka" } } });
      expect(await saveLibrarySettings(db, again, staff)).toEqual({ changed: [], timeZoneChanged: false });

      // A Māori patron's letter (the template has Māori text, so the letter is in Māori) and a French patron's (not listed).
      const template = await db.template.create({ data: { name: `Frame ${uid()}`, family: "LOAN", versions: { create: [
        { language: "en", version: 1, subject: "Overdue", body: "These are overdue." }, { language: "mi", version: 1, subject: "Kua tōmuri", body: "Kua tōmuri ēnei." },
      ] } } });
      const letterFor = async (preferredLanguage: string) => {
        const patron = await createPatron(db);
        await db.patron.update({ where: { id: patron.id }, data: { preferredLanguage } });
        const language = chooseLanguage(["en", "mi"], preferredLanguage, "en");
        const letter = await previewTemplate(db, { templateId: template.id, language, subject: "S", body: "B", closing: "", cardNumber: patron.cardNumber });
        if (!letter.ok) throw new Error(JSON.stringify(letter.problems));
        return letter.text.replace(/\s+/g, " ");
      };
      const maori = await letterFor("mi");
      expect(maori).toContain("1 Te Tapawhā Pukapuka");
      expect(maori).toContain("Whakahouhia ā-ipurangi.");
      expect(maori).toContain("Mon-Fri 9-5"); // left empty: the default text
      expect(maori).not.toContain("Renew online.");
      const french = await letterFor("fr");
      expect(french).toContain("Renew online.");
      expect(french).not.toContain("Whakahouhia");
    } finally {
      await saveLibrarySettings(db, LibrarySettingsInput.parse({ ...Object.fromEntries(SETTINGS_FIELDS.map((k) => [k, current[k]])) }), staff);
    }
  });

  it("names each bad field", () => {
    const r = LibrarySettingsInput.safeParse({ name: "", senderAddress: "nope", timeZone: "Mars/Olympus", closingTime: "25:00", defaultLanguage: "English",
      currency: "pounds", brandColor: "blue", logoUrl: "http://x", countOpenDaysOnly: false });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join(".")).sort()).toEqual(["brandColor", "closingTime", "currency", "defaultLanguage", "logoUrl", "name", "senderAddress", "timeZone"]);
  });
});
