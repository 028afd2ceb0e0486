import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import type { TemplateTextInput } from "./schemas";
import { describeProblem, problemFields } from "./problems";
import { validateTemplateText } from "./validate";

/**
 * Saves a template's text in one language as its next version (a new language starts a translation). Refused, with
 * each field's problem, when it would not render; nothing is written then. Versions are numbered under a row lock on
 * the template, so two editors saving at once get versions n+1 and n+2, never a clash.
 */
export async function saveTemplateVersion(db: PrismaClient, input: TemplateTextInput, staff: { id: number; email: string }) {
  const template = await db.template.findUnique({ where: { id: input.templateId } });
  if (!template) throw new AppError("NOT_FOUND", `No template ${input.templateId}.`);
  const text = { subject: input.subject, body: input.body, closing: input.closing };
  const problems = validateTemplateText(text, template.family);
  if (problems.length) {
    throw new AppError("INVALID", `Not saved: ${problems.map((p) => `${p.field} ${describeProblem(p)}`).join("; ")}.`, problemFields(problems));
  }
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Template" WHERE id = ${template.id} FOR UPDATE`;
    const latest = await tx.templateVersion.findFirst({
      where: { templateId: template.id, language: input.language },
      orderBy: { version: "desc" },
    });
    if (latest && latest.subject === text.subject && latest.body === text.body && latest.closing === text.closing) {
      return { version: latest.version, isNew: false };
    }
    const version = (latest?.version ?? 0) + 1;
    await tx.templateVersion.create({ data: { templateId: template.id, language: input.language, version, ...text, createdBy: staff.email } });
    await tx.template.update({ where: { id: template.id }, data: { updatedAt: new Date() } });
    await tx.auditLog.create({
      data: {
        actorId: staff.id, actorKind: "staff", action: "template.save", entity: "template", entityId: String(template.id),
        details: { language: input.language, version },
      },
    });
    return { version, isNew: true };
  });
}
