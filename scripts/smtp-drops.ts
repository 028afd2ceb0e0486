// Throughput of SmtpSender when the server drops a share of connections after the final "." (issue 16, item 5).
// `node --import tsx scripts/smtp-drops.ts [messages] [dropEvery] [drop|hang]`: drop closes the connection after the ".",
// hang stops answering with the connection left open. Prints the outcomes and messages per second.
import { startMailCatcher } from "@/lib/mail/catcher";
import { SmtpSender } from "@/lib/mail/smtp-sender";

const total = Number(process.argv[2] ?? 200);
const dropEvery = Number(process.argv[3] ?? 20);
let n = 0;
const catcher = await startMailCatcher({ port: 0, keepMessages: false, respond: (stage) => (stage === "data" && ++n % dropEvery === 0 ? (process.argv[4] === "hang" ? { hang: true } : { drop: true }) : undefined) });
// Optional 5th argument: the data timeout (ms), i.e. how long a hung "." reply is waited for; the defaults otherwise.
const dataMs = process.argv[5] ? Number(process.argv[5]) : undefined;
const sender = new SmtpSender({ host: "127.0.0.1", port: catcher.port, secure: false, poolSize: 5, timeouts: dataMs ? { dataMs } : {} });
const raw = Buffer.from(`From: a@example.net\r\nTo: b@example.net\r\nSubject: drops\r\n\r\n${"x".repeat(2000)}\r\n`);
const counts: Record<string, number> = {};
const started = performance.now();
let next = 0;
let lastSent = started;
await Promise.all(Array.from({ length: 20 }, async () => {
  while (next < total) {
    next++;
    const r = await sender.send({ from: "a@example.net", to: "b@example.net", raw, beforeHandover: async () => ({ commit: () => {}, rollback: () => {} }) });
    counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
    if (r.outcome === "sent") lastSent = performance.now();
  }
}));
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ total, dropEvery, counts, seconds: Number(seconds.toFixed(2)), perSecond: Number((total / seconds).toFixed(1)),
  lastSentAfterSeconds: Number(((lastSent - started) / 1000).toFixed(2)), pool: sender.stats() }));
await sender.close();
await catcher.close();
