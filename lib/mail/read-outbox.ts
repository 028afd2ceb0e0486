import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { simpleParser } from "mailparser";

export type OutboxMessage = {
  file: string;
  subject: string;
  from: string;
  to: string;
  date: Date | null;
  text: string;
  messageId: string | null;
};

/** The newest messages the local mail catcher stored, newest first. Empty when the folder does not exist. */
export async function readOutbox(dir: string, limit = 50): Promise<OutboxMessage[]> {
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith(".eml"));
  const newest = files.sort().reverse().slice(0, limit);
  return Promise.all(
    newest.map(async (file) => {
      const mail = await simpleParser(await readFile(path.join(dir, file)));
      const addressText = (a: typeof mail.to) => (Array.isArray(a) ? a.map((x) => x.text).join(", ") : (a?.text ?? ""));
      return {
        file,
        subject: mail.subject ?? "(no subject)",
        from: addressText(mail.from),
        to: addressText(mail.to),
        date: mail.date ?? null,
        text: (mail.text ?? "").slice(0, 2000),
        messageId: mail.messageId ?? null,
      };
    }),
  );
}
