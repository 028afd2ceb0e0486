import nodemailer from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import { env } from "@/lib/env";

export type SmtpSettings = {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  pass?: string;
  poolSize: number;
  // Stage deadlines (lib/mail/smtp-sender.ts); left out: its defaults.
  timeouts?: Partial<{ connectMs: number; commandMs: number; dataMs: number }>;
};

export function smtpSettingsFromEnv(): SmtpSettings {
  return {
    host: env.SMTP_HOST,
    port: env.SMTP_PORT,
    secure: env.SMTP_SECURE,
    user: env.SMTP_USER || undefined,
    pass: env.SMTP_PASS || undefined,
    poolSize: env.SMTP_POOL_SIZE,
    timeouts: { connectMs: env.SMTP_CONNECT_TIMEOUT_MS, commandMs: env.SMTP_COMMAND_TIMEOUT_MS, dataMs: env.SMTP_DATA_TIMEOUT_MS },
  };
}

// Pooled: a new SMTP connection costs a greeting round-trip (100 ms on smtp-server), so reuse a few.
export function createMailTransport(settings: SmtpSettings = smtpSettingsFromEnv()) {
  const options: SMTPTransport.Options & { pool: true; maxConnections: number } = {
    pool: true,
    maxConnections: settings.poolSize,
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: settings.user ? { user: settings.user, pass: settings.pass ?? "" } : undefined,
    connectionTimeout: settings.timeouts?.connectMs ?? 10_000,
    greetingTimeout: settings.timeouts?.commandMs ?? 15_000,
    socketTimeout: settings.timeouts?.dataMs ?? 30_000,
  };
  return nodemailer.createTransport(options);
}

export type MailTransport = ReturnType<typeof createMailTransport>;
