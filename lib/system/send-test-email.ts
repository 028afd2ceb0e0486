import { createElement } from "react";
import { TestEmail } from "@/emails/test-email";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { brandOf } from "@/lib/templates/brand";
import { mailFrom } from "@/lib/mail/mail-from";
import { renderEmail } from "@/lib/mail/render-email";
import type { MailTransport } from "@/lib/mail/transport";

/** Emails a test message to a staff member; returns the SMTP server's Message-ID and response. */
export async function sendTestEmail(
  db: PrismaClient,
  options: { transport: MailTransport; from: string; smtpHost: string; staff: { id: number; email: string; name: string } },
) {
  const settings = await db.librarySettings.findUnique({ where: { id: 1 } });
  const libraryName = settings?.name ?? "Noticeboard";
  const { html, text } = await renderEmail(
    createElement(TestEmail, {
      brand: brandOf(settings),
      staffName: options.staff.name,
      sentAt: new Date().toISOString().replace("T", " ").slice(0, 16) + " UTC",
      smtpHost: options.smtpHost,
    }),
  );
  const info = await options.transport.sendMail({
    from: mailFrom(settings, options.from),
    to: options.staff.email,
    subject: `Test email from ${libraryName}`,
    html,
    text,
  });
  await db.auditLog.create({
    data: {
      actorId: options.staff.id,
      actorKind: "staff",
      action: "mail.send-test",
      entity: "staff",
      entityId: String(options.staff.id),
      details: { messageId: info.messageId, response: info.response },
    },
  });
  return { messageId: info.messageId, response: info.response };
}
