"use server";

import { revalidatePath } from "next/cache";
import { requireStaff } from "@/lib/auth/require-staff";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { actionFailure, type ActionResult } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { createMailTransport } from "@/lib/mail/transport";
import { parseOrThrow } from "@/lib/parse-input";
import { previewTemplate, type PreviewResult } from "./preview";
import { saveTemplateVersion } from "./save-version";
import { previewInput, templateTextInput } from "./schemas";
import { sendTemplateTest } from "./send-test";

const failure = (err: unknown, what: string) => actionFailure(err, what, (e) => logger.error({ err: e }, `${what} failed`));

/** Saves the editor's text as the next version of that language. */
export async function saveTemplateAction(input: unknown): Promise<ActionResult<{ version: number; isNew: boolean }>> {
  try {
    const staff = await requireStaff("templates.manage");
    const data = parseOrThrow(templateTextInput, input);
    const saved = await saveTemplateVersion(prisma, data, staff);
    revalidatePath("/templates");
    revalidatePath(`/templates/${data.templateId}`);
    return { ok: true, data: saved, message: saved.isNew ? `Saved as version ${saved.version} (${data.language}).` : "No changes to save." };
  } catch (err) {
    return failure(err, "Saving the template");
  }
}

/** Renders the editor's text (saved or not) with sample data or a patron's. Read-only: any staff member may preview. */
export async function previewTemplateAction(input: unknown): Promise<ActionResult<PreviewResult>> {
  try {
    await requireStaff("dashboard.view");
    return { ok: true, data: await previewTemplate(prisma, parseOrThrow(previewInput, input)) };
  } catch (err) {
    return failure(err, "The preview");
  }
}

/** Emails the preview to the signed-in staff member. */
export async function sendTemplateTestAction(input: unknown): Promise<ActionResult<{ to: string }>> {
  try {
    const staff = await requireStaff("templates.manage");
    const transport = createMailTransport();
    try {
      const sent = await sendTemplateTest(prisma, parseOrThrow(previewInput, input), { transport, fallbackFrom: env.MAIL_FROM, staff });
      return { ok: true, data: { to: sent.to }, message: `Test sent to ${sent.to}.` };
    } finally {
      transport.close();
    }
  } catch (err) {
    return failure(err, "Sending the test");
  }
}
