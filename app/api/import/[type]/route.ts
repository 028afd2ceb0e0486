import { z } from "zod";
import { errorResponse } from "@/app/api/_lib/error-response";
import { requireStaff } from "@/lib/auth/require-staff";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isImportType } from "@/lib/import/csv-types";
import { importCsv } from "@/lib/import/run-import";
import { logger } from "@/lib/logger";
import { parseOrThrow } from "@/lib/parse-input";

const MAX_FILE_BYTES = 100_000_000;
const Form = z.object({ mapping: z.record(z.string(), z.string()), dryRun: z.boolean() });

/** The upload: who, which import, the file's text, the column mapping and whether to only check. 4xx AppErrors. */
async function readUpload(request: Request, type: string) {
  const staff = await requireStaff("settings.manage");
  if (!isImportType(type)) throw new AppError("NOT_FOUND", `No import "${type}".`);
  if (Number(request.headers.get("content-length") ?? 0) > MAX_FILE_BYTES) {
    throw new AppError("TOO_LARGE", `The file is larger than ${MAX_FILE_BYTES / 1_000_000} MB.`, { file: ["too large"] });
  }
  const form = await request.formData().catch(() => {
    throw new AppError("BAD_REQUEST", "Send the file as multipart form data.", { file: ["required"] });
  });
  const file = form.get("file");
  if (!(file instanceof Blob)) throw new AppError("INVALID", "file: required", { file: ["required"] });
  let mapping: unknown;
  try {
    mapping = JSON.parse(String(form.get("mapping") ?? "{}"));
  } catch {
    throw new AppError("BAD_REQUEST", "mapping: not valid JSON", { mapping: ["not valid JSON"] });
  }
  const fields = parseOrThrow(Form, { mapping, dryRun: form.get("dryRun") !== "false" });
  return { staff, input: { type, csv: await file.text(), ...fields } };
}

// POST /api/import/<type> (multipart: file, mapping as JSON, dryRun "true"/"false"), for the dashboard's Import page.
// Answers a stream of JSON lines: {"progress": {...}} as it goes, then {"result": {...}} (or {"error": ...}).
export async function POST(request: Request, { params }: { params: Promise<{ type: string }> }) {
  let upload: Awaited<ReturnType<typeof readUpload>>;
  try {
    upload = await readUpload(request, (await params).type);
  } catch (err) {
    return errorResponse(err, "CSV upload");
  }
  const encoder = new TextEncoder();
  const stream = new ReadableStream({
    async start(controller) {
      const send = (value: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(value)}\n`));
      try {
        const result = await importCsv(prisma, { ...upload.input, actor: upload.staff }, (progress) => send({ progress }));
        send({ result });
      } catch (err) {
        logger.error({ err }, "CSV import failed");
        send({ error: "The import failed on our side; nothing was written. It has been logged." });
      }
      controller.close();
    },
  });
  return new Response(stream, { headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store" } });
}
