// The editor's preview: the text as typed (saved or not), validated, then rendered exactly as a send would, with the
// family's sample or a real patron's facts.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { libraryFactsIn, loadNoticeSetup, type NoticeSetup } from "@/lib/notices/load-notice-setup";
import { renderNotice, renderSupplierOrder } from "./compose";
import { patronContext } from "./patron-context";
import { sampleContext, sampleNoticeContext, type NoticeContext, type OrderContext } from "./placeholders";
import type { PreviewInput } from "./schemas";
import { validateTemplateText, type TemplateProblem } from "./validate";

export type PreviewResult =
  | { ok: true; subject: string; html: string; text: string; language: string; data: "sample" | "patron" }
  | { ok: false; problems: TemplateProblem[] };

export async function previewTemplate(db: PrismaClient, input: PreviewInput, loadedSetup?: NoticeSetup): Promise<PreviewResult> {
  const template = await db.template.findUnique({
    where: { id: input.templateId },
    include: { levels: { select: { showItemCost: true } } },
  });
  if (!template) throw new AppError("NOT_FOUND", `No template ${input.templateId}.`);
  const text = { subject: input.subject, body: input.body, closing: input.closing };
  const problems = validateTemplateText(text, template.family);
  if (problems.length) return { ok: false, problems };

  const setup = loadedSetup ?? (await loadNoticeSetup(db));
  const { language } = input;
  if (template.family === "SUPPLIER_ORDER") {
    const context = { ...(sampleContext("SUPPLIER_ORDER") as OrderContext), library: setup.library.facts };
    // A claim's wording (it names claim placeholders) previews with the claim's table; an order's with the order's.
    const isClaim = /\bclaim\./.test(`${text.subject} ${text.body} ${text.closing}`);
    if (!isClaim) context.claim = { level: 0, sent_on: "", days_late: 0 };
    return { ok: true, data: "sample", language, ...(await renderSupplierOrder({ brand: setup.brand, language, text, context })) };
  }
  const family = template.family;
  const context: NoticeContext = input.cardNumber
    ? await patronContext(db, input.cardNumber, family, setup, language)
    : { ...sampleNoticeContext(family), library: libraryFactsIn(setup, language) };
  const rendered = await renderNotice({
    brand: setup.brand,
    language,
    sections: [{ family, text, context, showItemCost: template.levels.some((l) => l.showItemCost) }],
  });
  return { ok: true, data: input.cardNumber ? "patron" : "sample", language, ...rendered };
}
