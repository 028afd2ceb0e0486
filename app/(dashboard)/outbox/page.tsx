import type { Metadata } from "next";
import { SendTestButton } from "@/components/outbox/send-test-button";
import { can } from "@/lib/auth/permissions";
import { staffForPage } from "@/lib/auth/require-staff";
import { libraryTimeZone } from "@/lib/time/library-time-zone";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { readOutbox } from "@/lib/mail/read-outbox";
import { formatDateTime } from "@/lib/time/library-date";

export const metadata: Metadata = { title: "Outbox" };

// What the local mail catcher received: the demo's stand-in for patrons' inboxes. Off when MAIL_CATCHER_DIR is unset.
export default async function OutboxPage() {
  const staff = await staffForPage("mail.view");
  const dir = env.MAIL_CATCHER_DIR;
  const [messages, timeZone] = await Promise.all([dir ? readOutbox(dir) : [], libraryTimeZone(prisma)]);
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between">
        <div>
          <h1 className="text-2xl font-semibold">Outbox</h1>
          <p className="text-sm text-zinc-600">
            {dir ? `Mail caught by the local mail catcher (${dir}), newest first.` : "No local mail catcher is configured (MAIL_CATCHER_DIR)."}
          </p>
        </div>
        {can(staff.role, "mail.send-test") ? <SendTestButton /> : null}
      </div>
      {messages.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 bg-white p-8 text-center text-sm text-zinc-500">No mail yet.</p>
      ) : (
        <ul className="space-y-3" data-testid="outbox-list">
          {messages.map((m) => (
            <li key={m.file} className="rounded-lg border border-zinc-200 bg-white p-4">
              <details>
                <summary className="cursor-pointer">
                  <span className="font-medium">{m.subject}</span>
                  <span className="ml-2 text-sm text-zinc-500">to {m.to} · {(m.date ? formatDateTime(m.date, timeZone) : "")}</span>
                </summary>
                <pre className="mt-3 whitespace-pre-wrap text-sm text-zinc-700">{m.text}</pre>
              </details>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
