import { AppError } from "@/lib/errors";

/**
 * Reads a JSON body of at most `maxBytes` (413 beyond, counted as it streams, whatever Content-Length claims) and
 * parses it (400 naming "body" when it is not JSON). Nothing is written before the body has been read whole.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new AppError("TOO_LARGE", `The body is larger than ${maxBytes} bytes.`, { body: [`at most ${maxBytes} bytes`] });
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        throw new AppError("TOO_LARGE", `The body is larger than ${maxBytes} bytes.`, { body: [`at most ${maxBytes} bytes`] });
      }
      chunks.push(value);
    }
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") throw new AppError("BAD_REQUEST", "The body is empty: send JSON.", { body: ["required"] });
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new AppError("BAD_REQUEST", `The body is not valid JSON: ${(err as Error).message}`, { body: ["not valid JSON"] });
  }
}
