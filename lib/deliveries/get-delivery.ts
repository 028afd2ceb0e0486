// One delivery as the delivery page shows it: recipient and contact, the notices it carries with their loans,
// reservations or charges, every attempt with the SMTP server's reply, and the message exactly as it was handed over.
import { simpleParser } from "mailparser";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { AttemptOutcome } from "@/lib/generated/prisma/enums";
import { sqlPool } from "@/lib/db/client";
import { noticeRows } from "@/lib/notices/notice-rows";
import type { DeliveryCore } from "./list-deliveries";

export type DeliveryDetail = DeliveryCore & {
  runDate: string;
  runKey: string;
  printMedia: string | null;
  messageId: string | null;
  lastError: string | null;
  handingOverAt: Date | null;
  updatedAt: Date;
  sentMessage: string | null;
  resendOfId: number | null;
  contactKey: string;
};

export type DeliveryNoticeRow = {
  noticeId: number;
  runId: number;
  scenarioName: string | null;
  level: number;
  kind: string;
  status: string;
  skipReason: string | null;
  metric: string | null;
  occurrence: string;
  // What the notice is about: a loan's item, a reservation's item or title, a charge.
  title: string | null;
  barcode: string | null;
  dueDate: string | null;
  chargeDescription: string | null;
  chargeAmount: string | null;
};

export type AttemptRow = { attempt: number; outcome: AttemptOutcome; smtpCode: number | null; response: string | null; startedAt: Date; finishedAt: Date };

export type SentMessage = { html: string | null; text: string | null; from: string; to: string; subject: string; date: Date | null; bytes: number };

export async function getDelivery(db: PrismaClient, id: number) {
  const sql = sqlPool(db);
  // The primary key is (id, createdAt): an id alone probes each month's partition once, a few dozen index lookups.
  const { rows: [delivery] } = await sql.query<DeliveryDetail>(
    `SELECT d.id, d."createdAt", d."runId", to_char(r."runDate", 'YYYY-MM-DD') AS "runDate", r.key AS "runKey", d."patronId",
        p."cardNumber", trim(concat_ws(' ', p."firstName", p."lastName")) AS "patronName", d."contactKind", d."contactName",
        d.channel, d.address, d."printMedia", d.status, d.attempts, d."messageId", d.subject, d."smtpCode", d."lastError",
        d."sentAt", d."handingOverAt", d."updatedAt", d."sentMessage", d."resendOfId", d."contactKey"
     FROM "Delivery" d JOIN "NoticeRun" r ON r.id = d."runId" JOIN "Patron" p ON p.id = d."patronId"
     WHERE d.id = $1`,
    [id],
  );
  if (!delivery) return null;
  const [notices, attempts] = await Promise.all([
    sql.query<DeliveryNoticeRow>(
      `SELECT n.id AS "noticeId", n."runId", s.name AS "scenarioName", n.level, n.kind, n.status, n."skipReason",
          n.metric::text AS metric, to_char(n.occurrence, 'YYYY-MM-DD') AS occurrence,
          coalesce(li.title, ri.title, rv.title) AS title, coalesce(li.barcode, ri.barcode) AS barcode,
          to_char(l."dueDate", 'YYYY-MM-DD') AS "dueDate", c.description AS "chargeDescription", c.amount::text AS "chargeAmount"
       FROM "Delivery" d
       CROSS JOIN LATERAL (${noticeRows(`d."noticeIds"`, "$3::date")}) n
       LEFT JOIN "Scenario" s ON s.id = n."scenarioId"
       LEFT JOIN "Loan" l ON l.id = n."loanId" LEFT JOIN "Item" li ON li.id = l."itemId"
       LEFT JOIN "Reservation" rv ON rv.id = n."reservationId" LEFT JOIN "Item" ri ON ri.id = rv."itemId"
       LEFT JOIN "Charge" c ON c.id = n."chargeId"
       WHERE d.id = $1 AND d."createdAt" = $2
       ORDER BY n."runId" DESC, s.name, n.level DESC, n.id, n.ord`,
      [id, delivery.createdAt, delivery.runDate],
    ),
    sql.query<AttemptRow>(
      `SELECT attempt, outcome, "smtpCode", response, "startedAt", "finishedAt" FROM "DeliveryAttempt"
       WHERE "deliveryId" = $1 AND "deliveryCreatedAt" = $2 ORDER BY attempt, id`,
      [id, delivery.createdAt],
    ),
  ]);
  return { delivery, notices: notices.rows, attempts: attempts.rows, message: await readSentMessage(delivery.sentMessage) };
}

/** The stored MIME message, parsed for display: its HTML (as the patron's mail program renders it) and text parts. */
export async function readSentMessage(raw: string | null): Promise<SentMessage | null> {
  if (!raw) return null;
  const mail = await simpleParser(raw);
  const address = (a: typeof mail.from | typeof mail.to) => (Array.isArray(a) ? a.map((x) => x.text).join(", ") : (a?.text ?? ""));
  return {
    html: typeof mail.html === "string" ? mail.html : null,
    text: mail.text ?? null,
    from: address(mail.from),
    to: address(mail.to),
    subject: mail.subject ?? "",
    date: mail.date ?? null,
    bytes: Buffer.byteLength(raw),
  };
}
