import { describe, expect, it } from "vitest";
import { SAMPLE_BRAND, type Brand } from "@/emails/components/frame";
import { DEFAULT_SCENARIOS, DEFAULT_TRANSLATIONS } from "@/lib/notices/default-scenarios";
import { letterText } from "@/lib/notices/seed-scenarios";
import { renderNotice, type SectionSource } from "./compose";
import { sampleNoticeContext, type NoticeContext } from "./placeholders";

// A delivery that carries several scenarios is one letter (ARCHITECTURE.md, Templates: "One letter"): one greeting,
// a heading per section, one closing; and the frame's texts are in the letter's language. Real rendering of the
// seeded wording, HTML and text part alike.

/** The seeded wording of a scenario level (what a fresh library's templates hold). */
function seeded(code: string, level = 1, language = "en") {
  const l = DEFAULT_SCENARIOS.find((s) => s.code === code)!.levels[level - 1];
  const t = language === "en" ? undefined : DEFAULT_TRANSLATIONS[l.subject][language];
  return t ? { subject: t.subject, ...letterText(t.intro, t.closing) } : { subject: l.subject, ...letterText(l.intro) };
}

const loans = sampleNoticeContext("LOAN");
const reservations = sampleNoticeContext("RESERVATION");
const section = (code: string, context: NoticeContext, level = 1, language = "en"): SectionSource => ({
  family: context.reservations.length ? "RESERVATION" : "LOAN", showItemCost: false, context, text: seeded(code, level, language),
});
const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;
const oneLine = (text: string) => text.replace(/\s+/g, " ");

describe("a document of several sections reads as one letter", () => {
  it("Overdue + escalation: one greeting, a heading per section in order, one closing (HTML and text)", async () => {
    const { subject, html, text } = await renderNotice({
      brand: SAMPLE_BRAND, language: "en",
      sections: [section("overdue-escalation", loans), section("overdue", loans)],
    });
    expect(subject).toBe("Overdue reminder: 1 week");
    for (const part of [html, text]) {
      expect(count(part, "Dear ")).toBe(1);
      expect(count(part, "Yours sincerely")).toBe(1);
    }
    expect(oneLine(text)).toMatch(new RegExp([
      "^Riverside Public Library Dear Olivia Taylor,",
      "Overdue reminder: 1 week These items are a week or more overdue\\. TITLE",
      "Your loans are overdue These items are now overdue\\. Please return or renew them\\. TITLE",
      "Yours sincerely, Riverside Public Library -+ Riverside Public Library · 1 Library Square",
    ].join(".*")));
    // Headings are headings in the HTML, one per section.
    expect(html.match(/<h2[^>]*>[^<]*<\/h2>/g)).toEqual([
      expect.stringContaining(">Overdue reminder: 1 week</h2>"), expect.stringContaining(">Your loans are overdue</h2>"),
    ]);
  });

  it("reservation + overdue: one greeting and the first section's closing, once", async () => {
    const { html, text } = await renderNotice({
      brand: SAMPLE_BRAND, language: "en",
      sections: [section("reservation-ready", reservations), section("overdue", loans)],
    });
    for (const part of [html, text]) expect(count(part, "Dear Olivia Taylor,")).toBe(1);
    expect(count(text, "Yours sincerely,")).toBe(1);
    expect(oneLine(text)).toMatch(/Dear Olivia Taylor, Your reservation is ready These items are waiting for you .* Your loans are overdue These items are now overdue\..* Yours sincerely, Riverside Public Library -+/);
  });

  it("a letter to a parent greets the parent and says once whom it is about", async () => {
    const parent = { ...loans, contact: { name: "Sam Taylor", is_patron: false } };
    const { text } = await renderNotice({
      brand: SAMPLE_BRAND, language: "en", sections: [section("overdue-escalation", parent, 3), section("overdue", parent)],
    });
    expect(count(text, "Dear ")).toBe(1);
    expect(oneLine(text)).toContain("Dear Sam Taylor, We are writing to you as a contact for Olivia Taylor. Final overdue notice");
    expect(count(text, "We are writing to you as a contact for")).toBe(1);
  });

  it("a one-section letter has its greeting and closing and no section heading", async () => {
    const { html, text } = await renderNotice({ brand: SAMPLE_BRAND, language: "en", sections: [section("overdue", loans)] });
    expect(html).not.toContain("<h2");
    expect(oneLine(text)).toMatch(/^Riverside Public Library Dear Olivia Taylor, These items are now overdue\. .* Yours sincerely, Riverside Public Library -+/);
  });
});

describe("the frame in the letter's language", () => {
  const brand: Brand = {
    ...SAMPLE_BRAND,
    translations: {
      cy: { openingHours: "Llun-Gwener 9:00-19:00, Sad 10:00-16:00", footer: "Adnewyddwch, archebwch a thalwch ar-lein yn riverside-library.example." },
    },
  };

  it("a Welsh letter has the Welsh greeting, opening hours and footer", async () => {
    const { html, text } = await renderNotice({ brand, language: "cy", sections: [section("overdue", loans, 1, "cy")] });
    expect(html).toContain('lang="cy"');
    expect(oneLine(text)).toMatch(/^Riverside Public Library Annwyl Olivia Taylor, Mae'r eitemau hyn yn hwyr\. .* Yn gywir, Riverside Public Library -+/);
    expect(oneLine(text)).toContain("Oriau agor: Llun-Gwener 9:00-19:00, Sad 10:00-16:00 Adnewyddwch, archebwch a thalwch ar-lein yn riverside-library.example.");
    for (const part of [html, text]) {
      expect(part).not.toContain(SAMPLE_BRAND.footer);
      expect(part).not.toContain(SAMPLE_BRAND.openingHours);
      expect(part).not.toContain("Dear");
    }
  });

  it("an English letter, or one in a language the library has no texts for, has the default texts", async () => {
    for (const language of ["en", "fr"]) {
      const { text } = await renderNotice({ brand, language, sections: [section("overdue", loans)] });
      expect(text).toContain(SAMPLE_BRAND.footer);
      expect(text).toContain(SAMPLE_BRAND.openingHours);
      expect(text).not.toContain("Adnewyddwch");
    }
    // "cy-GB" reads the Welsh texts (same primary language).
    const { text } = await renderNotice({ brand, language: "cy-GB", sections: [section("overdue", loans, 1, "cy")] });
    expect(text).toContain("Adnewyddwch, archebwch a thalwch ar-lein");
  });
});
