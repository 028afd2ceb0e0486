"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireStaff } from "@/lib/auth/require-staff";
import { prisma } from "@/lib/db/client";
import { actionFailure, type ActionResult } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { parseOrThrow } from "@/lib/parse-input";
import { createApiToken, revokeApiToken } from "./tokens";

const CreateToken = z.object({
  name: z.string().trim().min(1, "required").max(100, "at most 100 characters"),
  scope: z.enum(["READ", "READ_WRITE"], "read or read-write"),
});

const failure = (err: unknown, what: string) => actionFailure(err, what, (e) => logger.error({ err: e }, `${what} failed`));

/** Creates an API token; its secret is in the answer once and never again. */
export async function createApiTokenAction(input: unknown): Promise<ActionResult<{ secret: string }>> {
  try {
    const staff = await requireStaff("settings.manage");
    const token = await createApiToken(prisma, parseOrThrow(CreateToken, input), staff);
    revalidatePath("/settings");
    return { ok: true, data: { secret: token.secret }, message: "Copy the token now: it is not shown again." };
  } catch (err) {
    return failure(err, "Creating the token");
  }
}

export async function revokeApiTokenAction(id: number): Promise<ActionResult> {
  try {
    const staff = await requireStaff("settings.manage");
    await revokeApiToken(prisma, parseOrThrow(z.number().int().positive(), id), staff);
    revalidatePath("/settings");
    return { ok: true, data: undefined, message: "Revoked." };
  } catch (err) {
    return failure(err, "Revoking the token");
  }
}
