// A small pool of SMTP connections that can tell "not sent" from "outcome unknown".
// Why not nodemailer's pooled transport: it reads the whole message before the server asks for it, so there is no
// moment to record "handing over now". Here the message's final "." is held back until beforeHandover() has
// recorded that moment: a failure before it means the server discarded the message (safe to retry); a lost
// connection after it means the server may have accepted it (unknown outcome, not re-sent automatically).
import type { Socket } from "node:net";
import { Readable } from "node:stream";
import SMTPConnection from "nodemailer/lib/smtp-connection";
import type { SmtpSettings } from "./transport";

export type SendOutcome =
  | { outcome: "sent"; smtpCode: number | null; response: string }
  | { outcome: "temporary" | "permanent" | "unknown"; smtpCode: number | null; response: string }
  | { outcome: "aborted"; smtpCode: null; response: string };

export type SendRequest = {
  from: string;
  to: string;
  raw: Buffer;
  /**
   * Called once every byte but the final "." is with the server. Resolve false to abandon the message, or a pending
   * record of the handover: commit() is called inside the very socket write that sends the "." (just before it), so a
   * crash can fall between the two only between two system calls; rollback() when the "." is never sent.
   */
  beforeHandover: () => Promise<false | { commit: () => void; rollback: () => void }>;
};

type SmtpError = Error & { responseCode?: number; response?: string; code?: string };

const codeOf = (response: string | undefined) => (response && /^\d{3}/.test(response) ? Number(response.slice(0, 3)) : null);

export class SmtpSender {
  private idle: SMTPConnection[] = [];
  private open = 0;
  private waiting: (() => void)[] = [];
  private isClosed = false;

  constructor(private readonly settings: SmtpSettings & { name?: string; socketTimeoutMs?: number }) {}

  async send(request: SendRequest): Promise<SendOutcome> {
    let connection: SMTPConnection;
    try {
      connection = await this.acquire();
    } catch (err) {
      const e = err as SmtpError;
      return classify(e, false);
    }
    let isHandingOver = false;
    let isAborted = false;
    let pending: { rollback: () => void } | undefined;
    let stage: "body" | "gate" | "done" = "body";
    const message = new Readable({
      read() {
        if (stage === "body") {
          stage = "gate";
          this.push(request.raw);
        } else if (stage === "gate") {
          stage = "done";
          request.beforeHandover().then(
            (record) => {
              if (!record) {
                isAborted = true;
                return this.destroy(new Error("claim lost before handover"));
              }
              pending = record;
              const socket = (connection as unknown as { _socket?: Socket })._socket;
              if (!socket) return this.destroy(new Error("connection lost before handover"));
              // Commit the record inside the write of the terminating ".": the two go out back to back. Only once
              // every byte before the "." has left this process (a large message can still sit in the socket's
              // buffer): otherwise the COMMIT would reach Postgres while the "." waited behind the body, and a crash
              // then would leave "handed over" recorded for a message the server never completed.
              const write = socket.write as (...args: unknown[]) => boolean;
              socket.write = function (this: Socket, chunk: unknown, ...rest: unknown[]) {
                if (!(Buffer.isBuffer(chunk) && chunk.length <= 5 && chunk.toString("latin1").endsWith(".\r\n"))) {
                  return write.apply(this, [chunk, ...rest]);
                }
                socket.write = write as typeof socket.write;
                const handOver = () => {
                  if (socket.destroyed) return; // the send fails; its callback rolls the record back
                  isHandingOver = true;
                  pending = undefined;
                  record.commit();
                  write.apply(socket, [chunk, ...rest]);
                };
                if (socket.writableLength === 0) {
                  handOver();
                } else {
                  const waitForFlush = () => (socket.destroyed || socket.writableLength === 0 ? handOver() : setImmediate(waitForFlush));
                  setImmediate(waitForFlush);
                }
                return true;
              } as typeof socket.write;
              this.push(null); // the DataStream now writes the terminating "."
            },
            (err: Error) => {
              isAborted = true;
              this.destroy(err);
            },
          );
        }
      },
    });
    return new Promise<SendOutcome>((resolve) => {
      connection.send({ from: request.from, to: [request.to] }, message, (err, info) => {
        pending?.rollback(); // the "." never went: the record must not say it did
        if (!err && info) {
          this.release(connection);
          return resolve({ outcome: "sent", smtpCode: codeOf(info.response), response: info.response });
        }
        // Never reuse a connection after an error: mid-DATA, closing it is what makes the server discard the message.
        this.discard(connection);
        if (isAborted) return resolve({ outcome: "aborted", smtpCode: null, response: String(err?.message) });
        resolve(classify(err as SmtpError, isHandingOver));
      });
    });
  }

  async close() {
    this.isClosed = true;
    for (const c of this.idle.splice(0)) c.quit();
  }

  private async acquire(): Promise<SMTPConnection> {
    for (;;) {
      if (this.isClosed) throw Object.assign(new Error("sender closed"), { code: "ECLOSED" });
      const idle = this.idle.pop();
      if (idle) return idle;
      if (this.open < this.settings.poolSize) {
        this.open++;
        try {
          return await this.connect();
        } catch (err) {
          this.open--;
          this.wakeOne();
          throw err;
        }
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private connect(): Promise<SMTPConnection> {
    const connection = new SMTPConnection({
      host: this.settings.host,
      port: this.settings.port,
      secure: this.settings.secure,
      name: this.settings.name,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: this.settings.socketTimeoutMs ?? 60_000,
      logger: false,
    });
    connection.on("error", () => {}); // reported through the send/connect callbacks
    connection.once("end", () => {
      const i = this.idle.indexOf(connection);
      if (i >= 0) {
        this.idle.splice(i, 1);
        this.open--;
        this.wakeOne();
      }
    });
    return new Promise((resolve, reject) => {
      connection.connect((err) => {
        if (err) return reject(err);
        if (!this.settings.user) return resolve(connection);
        connection.login({ user: this.settings.user, pass: this.settings.pass ?? "" }, (loginErr) =>
          loginErr ? (connection.close(), reject(loginErr)) : resolve(connection),
        );
      });
    });
  }

  private release(connection: SMTPConnection) {
    if (this.isClosed) {
      connection.quit();
      this.open--;
      return;
    }
    this.idle.push(connection);
    this.wakeOne();
  }

  private discard(connection: SMTPConnection) {
    connection.close();
    this.open--;
    this.wakeOne();
  }

  private wakeOne() {
    this.waiting.shift()?.();
  }
}

function classify(err: SmtpError, isHandingOver: boolean): SendOutcome {
  const smtpCode = err.responseCode ?? codeOf(err.response);
  const response = err.response ?? err.message;
  // A reply is an answer: 5xx refused for good, 4xx refused for now. Either way the server did not take the message.
  if (smtpCode && smtpCode >= 500) return { outcome: "permanent", smtpCode, response };
  if (smtpCode && smtpCode >= 400) return { outcome: "temporary", smtpCode, response };
  // No reply: before the "." the message was incomplete and discarded; after it, the server may have it.
  return { outcome: isHandingOver ? "unknown" : "temporary", smtpCode, response };
}
