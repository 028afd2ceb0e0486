-- Written by hand (Prisma's schema cannot say WHERE): the email deliveries still open, by run. Every send outcome,
-- the minute sweep and the staff actions ask "has this run email still open?" (RUN_HAS_OPEN_EMAIL in
-- lib/notices/mark-run-done.ts). Through the (status, claimedAt) index that walked every PLANNED row, and print
-- letters stay PLANNED until printed (nothing marks them yet): a month of them is over a million rows to step through
-- per send. This index holds only open email, so the answer is one probe. Declared on the partitioned parent, so
-- every month's partition has it.
CREATE INDEX IF NOT EXISTS "Delivery_open_email_idx" ON "Delivery" ("runId") WHERE channel = 'EMAIL' AND status IN ('PLANNED', 'QUEUED', 'SENDING');
