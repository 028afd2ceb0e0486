import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMailCatcher } from "@/lib/mail/catcher";
import { readOutbox } from "@/lib/mail/read-outbox";
import { createMailTransport } from "@/lib/mail/transport";
import { sendTestEmail } from "@/lib/system/send-test-email";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createStaff, ensureSettings } from "../factories";
import { db } from "./db";

let catcher: Awaited<ReturnType<typeof startMailCatcher>>;
let dir: string;
beforeAll(async () => {
  await ensureSettings(db);
  dir = await mkdtemp(path.join(os.tmpdir(), "nb-mail-"));
  catcher = await startMailCatcher({
    port: 0,
    dir,
    respond: (stage, { to }) => (stage === "rcpt" && to[0].startsWith("bounce") ? { code: 550, message: "No such user" } : undefined),
  });
});
afterAll(async () => {
  await catcher.close();
  await db.$disconnect();
});

const transportFor = () => createMailTransport({ host: "127.0.0.1", port: catcher.port, secure: false, poolSize: 2 });

describe("mail", () => {
  it("delivers the test email over SMTP with an HTML and a plain-text part, and audits it", async () => {
    const { user } = await createStaff(db, { role: "ADMIN" });
    const transport = transportFor();
    const sent = await sendTestEmail(db, { transport, from: "x@y.example", smtpHost: "local", staff: user });
    transport.close();

    const caught = catcher.messages.find((m) => m.to.includes(user.email));
    expect(caught).toBeDefined();
    const mail = await simpleParser(caught!.raw);
    expect(mail.messageId).toBe(sent.messageId);
    expect(mail.subject).toBe("Test email from Test Library");
    expect(mail.from?.text).toContain("notices@test-library.example");
    expect(mail.html).toMatch(/^<!DOCTYPE html[\s\S]*<html[\s\S]*Test Staff[\s\S]*<\/html>$/);
    expect(mail.text).toContain("Hello Test Staff");

    const audit = await db.auditLog.findFirst({ where: { action: "mail.send-test", actorId: user.id } });
    expect(audit?.details).toMatchObject({ messageId: sent.messageId });

    const outbox = await readOutbox(dir);
    expect(outbox.map((m) => m.messageId)).toContain(sent.messageId);
  });

  it("reports the server's permanent refusal with its code", async () => {
    const transport = transportFor();
    await expect(
      transport.sendMail({ from: "a@b.example", to: "bounce@example.net", subject: "s", text: "t" }),
    ).rejects.toMatchObject({ responseCode: 550, code: "EENVELOPE" });
    transport.close();
  });
});
