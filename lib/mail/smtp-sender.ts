// A small pool of SMTP connections that can tell "not sent" from "outcome unknown".
// Why not nodemailer's pooled transport: it reads the whole message before the server asks for it, so there is no
// moment to record "handing over now". Here the message's final "." is held back until beforeHandover() has
// recorded that moment: a failure before it means the server discarded the message (safe to retry); a lost
// connection after it means the server may have accepted it (unknown outcome, not re-sent automatically).
//
// Every stage has a deadline (issue 16): connecting (connectMs), the greeting and each command of the session set-up and
// the envelope (commandMs: nodemailer's own per-stage timers, its socket timeout between replies), the body and the reply
// to the final "." (dataMs). On top of nodemailer's timers the pool keeps its own, and never waits on a nodemailer
// callback alone: a connection that ends or errs settles whatever was waiting on it (nodemailer reports a refused
// connection as an 'error' event and never calls connect()'s callback; close() forgets a send in flight without calling
// its callback). A connection that failed is destroyed and its slot freed, so the next send opens a new one.
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
  // Several for an order to a supplier's order contacts: one message, every recipient in the one envelope.
  to: string | string[];
  raw: Buffer;
  /**
   * Called once every byte but the final "." is with the server. Resolve false to abandon the message, or a pending
   * record of the handover: commit() is called inside the very socket write that sends the "." (just before it), so a
   * crash can fall between the two only between two system calls; rollback() when the "." is never sent.
   */
  beforeHandover: () => Promise<false | { commit: () => void; rollback: () => void }>;
};

type SmtpError = Error & { responseCode?: number; response?: string; code?: string };

/** Deadlines of the SMTP stages, in milliseconds (lib/env.ts: SMTP_CONNECT_TIMEOUT_MS, ..._COMMAND_..., ..._DATA_...). */
export type SmtpTimeouts = { connectMs: number; commandMs: number; dataMs: number };
export const DEFAULT_SMTP_TIMEOUTS: SmtpTimeouts = { connectMs: 10_000, commandMs: 15_000, dataMs: 30_000 };

// A step with no word from the server for this long stops counting against the pool (see `parked`).
const SLOW_MS = 1_000;

const codeOf = (response: string | undefined) => (response && /^\d{3}/.test(response) ? Number(response.slice(0, 3)) : null);
const timeoutError = (message: string): SmtpError => Object.assign(new Error(message), { code: "ETIMEDOUT" });
const socketOf = (connection: SMTPConnection) => (connection as unknown as { _socket?: Socket })._socket;

export class SmtpSender {
  private idle: SMTPConnection[] = [];
  // Every connection that holds a slot: connecting, idle or sending. A slot is freed once, when its connection ends.
  private connections = new Set<SMTPConnection>();
  // Connections whose server has been silent for SLOW_MS in a step (a dead peer, or a slow one): they keep their whole
  // deadline but no longer hold a slot, so one dead connection cannot stall the others (at most poolSize of them).
  private parked = new Set<SMTPConnection>();
  private waiting: (() => void)[] = [];
  private isClosed = false;
  private readonly timeouts: SmtpTimeouts;

  constructor(private readonly settings: SmtpSettings & { name?: string; timeouts?: Partial<SmtpTimeouts> }) {
    this.timeouts = { ...DEFAULT_SMTP_TIMEOUTS, ...settings.timeouts };
  }

  /** The pool's counts (slots held, idle connections, sends waiting for a slot): what tests check for leaks. */
  stats() {
    return { open: this.connections.size, parked: this.parked.size, idle: this.idle.length, waiting: this.waiting.length };
  }

  async send(request: SendRequest): Promise<SendOutcome> {
    let connection: SMTPConnection;
    try {
      connection = await this.acquire();
    } catch (err) {
      return classify(err as SmtpError, false, "connecting");
    }
    const { commandMs, dataMs } = this.timeouts;
    let isHandingOver = false;
    let isAborted = false;
    let isSettled = false;
    let pending: { rollback: () => void } | undefined;
    let stage: "body" | "gate" | "done" = "body";
    let step = "MAIL FROM / RCPT TO / DATA";
    let stepTimer: NodeJS.Timeout | undefined;
    let slowTimer: NodeJS.Timeout | undefined;

    return new Promise<SendOutcome>((resolve) => {
      const settle = (outcome: SendOutcome, isReusable: boolean) => {
        if (isSettled) return;
        isSettled = true;
        clearTimeout(stepTimer);
        clearTimeout(slowTimer);
        socketOf(connection)?.removeListener("data", onReply);
        connection.removeListener("end", onEnd);
        pending?.rollback(); // the "." never went: the record must not say it did
        pending = undefined;
        // Never reuse a connection after an error: mid-DATA, closing it is what makes the server discard the message.
        if (isReusable) this.release(connection);
        else this.discard(connection);
        resolve(outcome);
      };
      const fail = (err: SmtpError | null | undefined) => {
        const e = err ?? Object.assign(new Error("no reply"), { code: "ECONNECTION" });
        if (isAborted) return settle({ outcome: "aborted", smtpCode: null, response: String(e.message) }, false);
        settle(classify(e, isHandingOver, step), false);
      };
      // This pool's own deadline for the current step, besides nodemailer's socket timeout (which fires on silence only).
      // `isServersTurn` false: the step where we write the body and record the handover; the server says nothing until
      // the final ".", so its silence then is no sign of a dead peer (counting it parked healthy connections whenever
      // the worker or Postgres was busy: sending end to end ran 15-20 % slower on the benchmark).
      const startStep = (name: string, ms: number, silenceMs = ms, isServersTurn = true) => {
        step = name;
        clearTimeout(stepTimer);
        stepTimer = setTimeout(() => fail(timeoutError(`not done within ${ms} ms`)), ms);
        socketOf(connection)?.setTimeout(silenceMs);
        if (isServersTurn) onReply();
        else clearTimeout(slowTimer);
      };
      // Silent for SLOW_MS: stop holding a slot (the pool opens another connection for the sends waiting).
      const onReply = () => {
        clearTimeout(slowTimer);
        if (isSettled) return; // the reply that settled the send is still being delivered to the listeners
        slowTimer = setTimeout(() => this.park(connection), SLOW_MS);
      };
      socketOf(connection)?.on("data", onReply);
      // The connection ended (dropped, timed out, aborted) and nodemailer may never call back: settle here. Deferred, as
      // nodemailer ends the connection before it calls the send's callback with the server's reply (421 after the ".").
      const onEnd = () => setImmediate(() => fail(Object.assign(new Error("connection closed"), { code: "ECONNECTION" })));
      connection.once("end", onEnd);
      // MAIL FROM, RCPT TO and DATA: each reply within commandMs (the socket timeout), all three within 3 × commandMs.
      startStep("MAIL FROM / RCPT TO / DATA", 3 * commandMs, commandMs);

      const message = new Readable({
        read() {
          if (stage === "body") {
            stage = "gate";
            startStep("the message body", dataMs, dataMs, false); // DATA was accepted (354)
            this.push(request.raw);
          } else if (stage === "gate") {
            stage = "done";
            request.beforeHandover().then(
              (record) => {
                if (isSettled) return record ? record.rollback() : undefined; // timed out or aborted meanwhile
                if (!record) {
                  isAborted = true;
                  return this.destroy(new Error("claim lost before handover"));
                }
                pending = record;
                const socket = socketOf(connection);
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
                    // Settled (a deadline passed: the record was rolled back) or the socket is gone (the send fails and
                    // rolls the record back): the "." must not go.
                    if (isSettled || socket.destroyed) return;
                    isHandingOver = true;
                    pending = undefined;
                    record.commit();
                    startStep("the reply to the final \".\"", dataMs);
                    write.apply(socket, [chunk, ...rest]);
                  };
                  if (socket.writableLength === 0) {
                    handOver();
                  } else {
                    const waitForFlush = () => (isSettled || socket.destroyed || socket.writableLength === 0 ? handOver() : setImmediate(waitForFlush));
                    setImmediate(waitForFlush);
                  }
                  return true;
                } as typeof socket.write;
                this.push(null); // the DataStream now writes the terminating "."
              },
              (err: Error) => {
                if (isSettled) return;
                isAborted = true;
                this.destroy(err);
              },
            );
          }
        },
      });
      connection.send({ from: request.from, to: ([] as string[]).concat(request.to) }, message, (err, info) => {
        // Some recipients refused and others taken: sent, and the reply says who was refused (all refused is an error).
        const refused = info?.rejected?.length ? ` (refused: ${info.rejected.join(", ")})` : "";
        if (!err && info) return settle({ outcome: "sent", smtpCode: codeOf(info.response), response: info.response + refused }, true);
        fail(err as SmtpError);
      });
    });
  }

  /**
   * Stops the pool: no new sends, idle connections quit. With `abort`, connections in use are destroyed too, so every
   * send in hand settles at once (before the ".": temporary, retried later; after it: unknown). A worker that must stop
   * within its grace period aborts what is left.
   */
  async close(options: { abort?: boolean } = {}) {
    this.isClosed = true;
    for (const wake of this.waiting.splice(0)) wake();
    for (const c of this.idle.splice(0)) c.quit();
    if (options.abort) for (const c of [...this.connections, ...this.parked]) c.close();
  }

  private async acquire(): Promise<SMTPConnection> {
    for (;;) {
      if (this.isClosed) throw Object.assign(new Error("sender closed"), { code: "ECLOSED" });
      const idle = this.idle.pop();
      if (idle) return idle;
      if (this.connections.size < this.settings.poolSize) return this.connect();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  /** Opens a connection (it holds a slot from now until it ends), resolved once the session is ready for MAIL FROM. */
  private connect(): Promise<SMTPConnection> {
    const { connectMs, commandMs } = this.timeouts;
    const target = `${this.settings.host}:${this.settings.port}`;
    const connection = new SMTPConnection({
      host: this.settings.host,
      port: this.settings.port,
      secure: this.settings.secure,
      name: this.settings.name,
      // nodemailer's deadline for connecting plus the greeting (and STARTTLS); the TCP connect alone is checked below.
      connectionTimeout: connectMs + commandMs,
      greetingTimeout: commandMs,
      // Silence between replies: EHLO, STARTTLS, AUTH, MAIL FROM, RCPT TO, DATA (a send lengthens it for the body and
      // the reply to the "."). An idle pooled connection is closed after this long unused.
      socketTimeout: commandMs,
      socketCloseTimeout: 0, // close() destroys the socket at once: nothing more is written once we give up on it
      logger: false,
    });
    this.connections.add(connection);
    connection.on("error", () => {}); // reported through the settle paths below and in send()
    connection.once("end", () => this.retire(connection));
    return new Promise((resolve, reject) => {
      let isDone = false;
      const finish = (err?: SmtpError | null) => {
        if (isDone) return;
        isDone = true;
        clearTimeout(tcpTimer);
        clearTimeout(setupTimer);
        connection.removeListener("error", onError);
        connection.removeListener("end", onEnd);
        if (!err) return resolve(connection);
        connection.close();
        this.retire(connection);
        reject(err);
      };
      // A refused, reset or timed-out connection is an 'error' event: connect()'s callback never comes for it.
      const onError = (err: SmtpError) => finish(err);
      const onEnd = () => setImmediate(() => finish(Object.assign(new Error(`connection to ${target} closed during set-up`), { code: "ECONNECTION" })));
      connection.on("error", onError);
      connection.once("end", onEnd);
      const tcpTimer = setTimeout(() => {
        if (connection.stage === "init") finish(timeoutError(`connecting to ${target} timed out after ${connectMs} ms`));
      }, connectMs);
      // Greeting, EHLO, STARTTLS and EHLO again, AUTH: each bounded by nodemailer; all of them by this.
      const setupTimer = setTimeout(
        () => finish(timeoutError(`SMTP session with ${target} not ready (greeting, EHLO, STARTTLS, AUTH) within ${connectMs + 4 * commandMs} ms`)),
        connectMs + 4 * commandMs,
      );
      connection.connect((err) => {
        if (err) return finish(err as SmtpError);
        if (!this.settings.user) return finish();
        connection.login({ user: this.settings.user, pass: this.settings.pass ?? "" }, (loginErr) => finish(loginErr as SmtpError | null));
      });
    });
  }

  private release(connection: SMTPConnection) {
    if (this.parked.delete(connection)) {
      // It answered after all; it gets its slot back if one is free, otherwise it goes.
      if (this.isClosed || connection.destroyed || this.connections.size >= this.settings.poolSize) {
        if (!connection.destroyed) connection.quit();
        return;
      }
      this.connections.add(connection);
    }
    if (this.isClosed || connection.destroyed) {
      if (!connection.destroyed) connection.quit();
      return this.retire(connection);
    }
    socketOf(connection)?.setTimeout(this.timeouts.commandMs);
    this.idle.push(connection);
    this.wakeOne();
  }

  private discard(connection: SMTPConnection) {
    connection.close();
    this.retire(connection);
  }

  private park(connection: SMTPConnection) {
    if (this.parked.size >= this.settings.poolSize || this.idle.includes(connection) || !this.connections.delete(connection)) return;
    this.parked.add(connection);
    this.wakeOne();
  }

  /** Frees the connection's slot (once, however many paths report its end) and lets a waiting send open a new one. */
  private retire(connection: SMTPConnection) {
    const i = this.idle.indexOf(connection);
    if (i >= 0) this.idle.splice(i, 1);
    if (this.connections.delete(connection)) this.wakeOne();
    this.parked.delete(connection);
  }

  private wakeOne() {
    this.waiting.shift()?.();
  }
}

function classify(err: SmtpError, isHandingOver: boolean, step: string): SendOutcome {
  const smtpCode = err.responseCode ?? codeOf(err.response);
  // A reply is an answer: 5xx refused for good, 4xx refused for now. Either way the server did not take the message.
  if (smtpCode && smtpCode >= 500) return { outcome: "permanent", smtpCode, response: err.response ?? err.message };
  if (smtpCode && smtpCode >= 400) return { outcome: "temporary", smtpCode, response: err.response ?? err.message };
  // No reply (refused, reset, dropped, timed out): before the "." the message was incomplete and discarded; after it,
  // the server may have it. The response says at which step, for staff.
  const reason = [err.code, err.message].filter(Boolean).join(": ");
  return { outcome: isHandingOver ? "unknown" : "temporary", smtpCode, response: `${reason} (during ${step})` };
}
