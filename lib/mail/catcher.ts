// A local SMTP server that accepts everything and keeps it: the demo's mail catcher (writes .eml files the
// dashboard's Outbox reads) and the real SMTP peer of the tests. `respond` lets a test make it refuse mail.
import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import type { Socket } from "node:net";
import path from "node:path";
import { SMTPServer, type SMTPServerAddress } from "smtp-server";

export type CaughtMessage = { id: string; from: string; to: string[]; raw: Buffer; receivedAt: Date };

export type CatcherOptions = {
  port: number;
  host?: string;
  dir?: string;
  // false: count messages without keeping them (benchmarks); `count` still goes up.
  keepMessages?: boolean;
  /**
   * Return an error to refuse a recipient or message: `{ code: 550, message: "no such user" }`. Or `{ drop: true }` to
   * close the connection without answering: at "data", after the message's final "." was received (the message is
   * kept, as a server that took it and then lost the connection may still deliver it), so the client cannot know the
   * outcome; at "rcpt", before any message. Or `{ hang: true }` to stop answering and keep the connection open (a peer
   * that vanished without closing, e.g. behind a NAT that dropped the flow): at "data" after the "." was received (the
   * message is kept), at "rcpt" before any message. Only the client's own timeouts end such a session. Or, at "data",
   * `{ delayMs }` to keep the message and answer 250 that much later (a slow relay; a test's window to break something
   * while the send is in hand).
   */
  respond?: (stage: "rcpt" | "data", info: { to: string[]; from: string }) => Reply | void;
};

export type Reply = { code: number; message: string } | { drop: true } | { hang: true } | { delayMs: number };

export async function startMailCatcher(options: CatcherOptions) {
  const messages: CaughtMessage[] = [];
  const stats = { count: 0 };
  if (options.dir) await mkdir(options.dir, { recursive: true });
  const refuse = (r: { code: number; message: string }) => Object.assign(new Error(r.message), { responseCode: r.code });
  const addr = (a: SMTPServerAddress | false) => (a ? a.address : "");
  // Ends a session's connection at once, with no reply (smtp-server keeps its connections, each with its session id).
  const drop = (sessionId: string) => {
    const connections = (server as unknown as { connections: Set<{ id: string; _socket: Socket }> }).connections;
    for (const c of connections) if (c.id === sessionId) c._socket.destroy();
  };

  const server = new SMTPServer({
    authOptional: true,
    closeTimeout: 1000, // close(): sessions still open (hung on purpose) are ended after this
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, session, callback) {
      const r = options.respond?.("rcpt", { to: [address.address], from: addr(session.envelope.mailFrom) });
      if (r && "drop" in r) return drop(session.id);
      if (r && "hang" in r) return; // never answered
      callback(r && "code" in r ? refuse(r) : undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("error", () => {}); // the client dropped mid-message: nothing is kept
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        const from = addr(session.envelope.mailFrom);
        const r = options.respond?.("data", { to, from });
        if (r && "code" in r) return callback(refuse(r));
        const message = { id: randomUUID(), from, to, raw: Buffer.concat(chunks), receivedAt: new Date() };
        try {
          if (options.dir) {
            const name = `${message.receivedAt.toISOString().replace(/[:.]/g, "-")}-${message.id}.eml`;
            await writeFile(path.join(options.dir, name), message.raw);
          }
          stats.count++;
          if (options.keepMessages !== false) messages.push(message);
          if (r && "drop" in r) return drop(session.id); // received, never answered
          if (r && "delayMs" in r) await new Promise((res) => setTimeout(res, r.delayMs)); // a slow relay: 250 later
          else if (r) return; // received, never answered, connection left open
          callback();
        } catch (err) {
          callback(err as Error);
        }
      });
    },
  });
  // A client that vanishes mid-session (a killed worker) is that client's problem, not the server's.
  server.on("error", () => {});
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", () => resolve());
  });
  const port = (server.server.address() as { port: number }).port;
  return {
    port,
    messages,
    stats,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
