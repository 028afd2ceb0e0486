import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { mailFrom } from "@/lib/mail/mail-from";
import type { MailTransport } from "@/lib/mail/transport";
import { loadNoticeSetup } from "@/lib/notices/load-notice-setup";
import { previewTemplate } from "./preview";
import type { PreviewInput } from "./schemas";
import { problemFields } from "./problems";

/** "Send me a test": the preview, emailed to the signed-in staff member, marked as a test in the subject. */
export async function sendTemplateTest(
  db: PrismaClient,
  input: PreviewInput,
  options: { transport: MailTransport; fallbackFrom: string; staff: { id: number; email: string } },
) {
  const setup = await loadNoticeSetup(db);
  const preview = await previewTemplate(db, input, setup);
  if (!preview.ok) {
    throw new AppError("INVALID", "Fix the template first.", problemFields(preview.problems));
  }
  const info = await options.transport.sendMail({
    from: mailFrom(setup.library, options.fallbackFrom),
    to: options.staff.email,
    subject: `[Test] ${preview.subject}`,
    html: preview.html,
    text: preview.text,
    headers: { "Content-Language": preview.language, "X-Noticeboard-Template": String(input.templateId) },
  });
  await db.auditLog.create({
    data: {
      actorId: options.staff.id, actorKind: "staff", action: "template.send-test", entity: "template", entityId: String(input.templateId),
      details: { to: options.staff.email, messageId: info.messageId, language: preview.language },
    },
  });
  return { messageId: info.messageId, to: options.staff.email };
}
