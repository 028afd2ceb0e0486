import { NextResponse } from "next/server";
import { requireStaff } from "@/lib/auth/require-staff";
import { prisma } from "@/lib/db/client";
import { errorResponse } from "@/app/api/_lib/error-response";
import { AppError } from "@/lib/errors";
import { renderPrintRun } from "@/lib/notices/print-run";

// GET /notices/runs/:id/print: the run's printed notices as one HTML page to print (one notice per A4 page).
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    await requireStaff("notices.manage");
    const id = Number((await params).id);
    if (!Number.isSafeInteger(id) || id < 1) throw new AppError("INVALID", "id: a run number", { id: ["a run number"] });
    const { html, notices } = await renderPrintRun(prisma, id);
    const body = notices > 0 ? html : "<!DOCTYPE html><title>Nothing to print</title><p>No printed notices in this run.</p>";
    return new NextResponse(body, {
      headers: {
        "content-type": "text/html; charset=utf-8",
        // Nothing in the page runs: patron data is text, and a stray script could not execute anyway.
        "content-security-policy": "default-src 'none'; img-src https: data:; style-src 'unsafe-inline'",
      },
    });
  } catch (err) {
    return errorResponse(err, "print form");
  }
}
