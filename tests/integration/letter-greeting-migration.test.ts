import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR } from "../../scripts/lib/schema-engine";
import { uid } from "../factories";
import { db } from "./db";

// The *_letter_greeting_in_layout migration on a library seeded before the greeting moved to the layout: its SQL run
// again over old-style texts (it only adds versions to texts that still start with a seeded greeting).
afterAll(() => db.$disconnect());

const OLD_EN = "Dear {{ contact.name }},\n\n{% unless contact.is_patron %}We are writing to you as a contact for {{ patron.name }}.\n\n{% endunless %}These items are now overdue.";
const OLD_CY = "Annwyl {{ contact.name }},\n\n{% unless contact.is_patron %}Rydym yn ysgrifennu atoch fel cyswllt ar gyfer {{ patron.name }}.\n\n{% endunless %}Mae'r eitemau hyn yn hwyr.";

async function template(family: "LOAN" | "SUPPLIER_ORDER", versions: { language: string; body: string }[]) {
  return db.template.create({
    data: {
      name: `Old ${uid()}`, family,
      versions: { create: versions.map((v, i) => ({ ...v, version: i + 1, subject: "s", closing: "Yours sincerely,\n{{ library.name }}" })) },
    },
  });
}

const current = async (templateId: number) =>
  (await db.templateVersion.findMany({ where: { templateId }, orderBy: [{ language: "asc" }, { version: "asc" }] }))
    .map((v) => [v.language, v.version, v.body, v.createdBy]);

describe("the letter greeting migration", () => {
  it("drops the seeded greeting in a new version, and leaves staff's own texts and supplier orders alone", async () => {
    const seeded = await template("LOAN", [{ language: "en", body: OLD_EN }]);
    const welsh = await template("LOAN", [{ language: "cy", body: OLD_CY }]);
    const fromMigration = await template("LOAN", [{ language: "en", body: "Dear {{ contact.name }},\n\nThese items are overdue." }]);
    const edited = await template("LOAN", [{ language: "en", body: OLD_EN }, { language: "en", body: "Hello {{ contact.name }},\n\nMine." }]);
    const order = await template("SUPPLIER_ORDER", [{ language: "en", body: "Dear {{ supplier.contact_name }},\n\nPlease supply." }]);
    const name = (await readdir(MIGRATIONS_DIR)).find((n) => n.endsWith("_letter_greeting_in_layout"))!;
    await db.$executeRawUnsafe(await readFile(path.join(MIGRATIONS_DIR, name, "migration.sql"), "utf8"));

    expect(await current(seeded.id)).toEqual([["en", 1, OLD_EN, null], ["en", 2, "These items are now overdue.", "migration"]]);
    expect(await current(welsh.id)).toEqual([["cy", 1, OLD_CY, null], ["cy", 2, "Mae'r eitemau hyn yn hwyr.", "migration"]]);
    expect((await current(fromMigration.id))[1]).toEqual(["en", 2, "These items are overdue.", "migration"]);
    expect(await current(edited.id)).toHaveLength(2);
    expect(await current(order.id)).toHaveLength(1);
  });
});
