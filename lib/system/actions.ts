"use server";

import { revalidatePath } from "next/cache";
import { requireStaff } from "@/lib/auth/require-staff";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError, type ActionResult } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { createMailTransport } from "@/lib/mail/transport";
import { sendTestEmail } from "./send-test-email";

/** "Send me a test email": admin only; proves the SMTP settings work. */
export async function sendTestEmailAction(): Promise<ActionResult<{ messageId: string }>> {
  try {
    const staff = await requireStaff("mail.send-test");
    const transport = createMailTransport();
    try {
      const sent = await sendTestEmail(prisma, {
        transport,
        from: env.MAIL_FROM,
        smtpHost: `${env.SMTP_HOST}:${env.SMTP_PORT}`,
        staff,
      });
      revalidatePath("/outbox");
      return { ok: true, data: { messageId: sent.messageId }, message: `Sent to ${staff.email}.` };
    } finally {
      transport.close();
    }
  } catch (err) {
    if (err instanceof AppError) return { ok: false, error: err.message };
    logger.error({ err }, "test email failed");
    const reason = err instanceof Error && "code" in err ? ` (${String((err as { code: unknown }).code)})` : "";
    return { ok: false, error: `The mail server did not accept the message${reason}.` };
  }
}
