-- The ledger over the years (issue 12), written by hand: Prisma's schema cannot declare partitioned tables, so this
-- file creates what schema.prisma describes (the same columns, keys, indexes and foreign key, which
-- tests/integration/migrations.test.ts checks) as tables partitioned by month, and moves the rows.
-- 1. Every-run notices (O, I, CL, CLNS) leave "Notice" for "EveryRunNotice": one row per patron, scenario, level and run
--    date, listing the loans or charges, partitioned by the run date's month.
-- 2. "Delivery" and "DeliveryAttempt" become partitioned by the delivery's month (UTC).
-- Comments here hold no semicolon: the WebAssembly schema engine splits statements at every one.

ALTER TABLE "LibrarySettings" ADD COLUMN "ledgerRetentionMonths" INTEGER NOT NULL DEFAULT 24;

CREATE TABLE "EveryRunNotice" (
    "id" INTEGER NOT NULL,
    "runId" INTEGER NOT NULL,
    "scenarioId" INTEGER NOT NULL,
    "levelId" INTEGER NOT NULL,
    "level" INTEGER NOT NULL,
    "kind" "NoticeKind" NOT NULL,
    "patronId" INTEGER NOT NULL,
    "occurrence" DATE NOT NULL,
    "listedIds" INTEGER[],
    "metrics" DECIMAL(12,2)[],
    "droppedIds" INTEGER[],
    "status" "NoticeStatus" NOT NULL DEFAULT 'PLANNED',
    "skipReason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "EveryRunNotice_pkey" PRIMARY KEY ("id","occurrence")
) PARTITION BY RANGE ("occurrence");
CREATE UNIQUE INDEX "EveryRunNotice_scenarioId_patronId_occurrence_levelId_key" ON "EveryRunNotice"("scenarioId", "patronId", "occurrence", "levelId");

-- The old tables keep their rows until they are copied: their names, keys and indexes make way first.
ALTER TABLE "DeliveryAttempt" DROP CONSTRAINT "DeliveryAttempt_deliveryId_fkey";
ALTER TABLE "DeliveryAttempt" DROP CONSTRAINT "DeliveryAttempt_pkey";
DROP INDEX "DeliveryAttempt_deliveryId_idx";
ALTER TABLE "DeliveryAttempt" RENAME TO "DeliveryAttempt_unpartitioned";
ALTER SEQUENCE "DeliveryAttempt_id_seq" OWNED BY NONE;
ALTER TABLE "Delivery" DROP CONSTRAINT "Delivery_pkey";
DROP INDEX "Delivery_messageId_key";
DROP INDEX "Delivery_patronId_createdAt_idx";
DROP INDEX "Delivery_runId_id_idx";
DROP INDEX "Delivery_status_claimedAt_idx";
ALTER TABLE "Delivery" RENAME TO "Delivery_unpartitioned";
ALTER SEQUENCE "Delivery_id_seq" OWNED BY NONE;

CREATE TABLE "Delivery" (
    "id" INTEGER NOT NULL DEFAULT nextval('"Delivery_id_seq"'::regclass),
    "runId" INTEGER NOT NULL,
    "patronId" INTEGER NOT NULL,
    "contactKind" "ContactKind" NOT NULL,
    "contactKey" TEXT NOT NULL,
    "contactName" TEXT NOT NULL,
    "channel" "Channel" NOT NULL,
    "address" TEXT,
    "separationGroup" TEXT NOT NULL DEFAULT '',
    "printMedia" TEXT,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'PLANNED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimToken" TEXT,
    "claimedAt" TIMESTAMPTZ(3),
    "handingOverAt" TIMESTAMPTZ(3),
    "messageId" TEXT,
    "subject" TEXT,
    "smtpCode" INTEGER,
    "lastError" TEXT,
    "sentAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "noticeIds" INTEGER[],
    CONSTRAINT "Delivery_pkey" PRIMARY KEY ("id","createdAt")
) PARTITION BY RANGE ("createdAt");
ALTER SEQUENCE "Delivery_id_seq" OWNED BY "Delivery"."id";
CREATE INDEX "Delivery_runId_id_idx" ON "Delivery"("runId", "id");
CREATE INDEX "Delivery_status_claimedAt_idx" ON "Delivery"("status", "claimedAt");
CREATE INDEX "Delivery_patronId_createdAt_idx" ON "Delivery"("patronId", "createdAt");
CREATE INDEX "Delivery_messageId_idx" ON "Delivery"("messageId");

CREATE TABLE "DeliveryAttempt" (
    "id" INTEGER NOT NULL DEFAULT nextval('"DeliveryAttempt_id_seq"'::regclass),
    "deliveryId" INTEGER NOT NULL,
    "deliveryCreatedAt" TIMESTAMPTZ(3) NOT NULL,
    "attempt" INTEGER NOT NULL,
    "outcome" "AttemptOutcome" NOT NULL,
    "smtpCode" INTEGER,
    "response" TEXT,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "finishedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DeliveryAttempt_pkey" PRIMARY KEY ("id","deliveryCreatedAt")
) PARTITION BY RANGE ("deliveryCreatedAt");
ALTER SEQUENCE "DeliveryAttempt_id_seq" OWNED BY "DeliveryAttempt"."id";
CREATE INDEX "DeliveryAttempt_deliveryId_deliveryCreatedAt_idx" ON "DeliveryAttempt"("deliveryId", "deliveryCreatedAt");
ALTER TABLE "DeliveryAttempt" ADD CONSTRAINT "DeliveryAttempt_deliveryId_deliveryCreatedAt_fkey" FOREIGN KEY ("deliveryId", "deliveryCreatedAt") REFERENCES "Delivery"("id", "createdAt") ON DELETE CASCADE ON UPDATE CASCADE;

-- One month's partition of each of the three tables for every month from first_month to last_month that has none
-- (UTC month boundaries for the two timestamp-keyed tables). Called by the worker (lib/notices/ledger-partitions.ts)
-- for the months ahead and by the planner for a run date's month. An advisory lock makes concurrent callers take turns.
-- (The body is an escape string with \073 for each semicolon, as in the timestamptz migration.)
CREATE FUNCTION ledger_ensure_partitions(first_month date, last_month date) RETURNS integer LANGUAGE plpgsql AS E'
DECLARE
  m date := date_trunc(''month'', first_month)::date\073
  t text\073
  part text\073
  created integer := 0\073
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext(''ledger_ensure_partitions''))\073
  WHILE m <= last_month LOOP
    FOREACH t IN ARRAY ARRAY[''EveryRunNotice'', ''Delivery'', ''DeliveryAttempt''] LOOP
      part := t || ''_'' || to_char(m, ''YYYY_MM'')\073
      IF to_regclass(quote_ident(part)) IS NULL THEN
        IF t = ''EveryRunNotice'' THEN
          EXECUTE format(''CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)'', part, t, m, (m + 31) - extract(day FROM m + 31)::int + 1)\073
        ELSE
          EXECUTE format(''CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)'', part, t,
            to_char(m, ''YYYY-MM-DD'') || '' 00:00:00+00'', to_char(date_trunc(''month'', m + 31), ''YYYY-MM-DD'') || '' 00:00:00+00'')\073
        END IF\073
        created := created + 1\073
      END IF\073
    END LOOP\073
    m := date_trunc(''month'', m + 31)::date\073
  END LOOP\073
  RETURN created\073
END';

-- Partitions for every month the old rows cover, up to two months ahead.
SELECT ledger_ensure_partitions(
  LEAST(current_date, (SELECT min("createdAt" AT TIME ZONE 'UTC')::date FROM "Delivery_unpartitioned"),
    (SELECT min(occurrence) FROM "Notice" WHERE kind IN ('O', 'I', 'CL', 'CLNS'))),
  (current_date + interval '2 months')::date);

-- Every-run notices: one row per (scenario, patron, run date, level), keeping the group's lowest id. A group is SENT if
-- any of its notices was, and the loans skipped at sending in a sent group become its droppedIds.
CREATE TABLE "_every_run_ids" AS
  SELECT id, min(id) OVER (PARTITION BY "scenarioId", "patronId", occurrence, "levelId") AS "recordId"
  FROM "Notice" WHERE kind IN ('O', 'I', 'CL', 'CLNS');
INSERT INTO "EveryRunNotice" (id, "runId", "scenarioId", "levelId", level, kind, "patronId", occurrence, "listedIds",
    metrics, "droppedIds", status, "skipReason", "createdAt")
  SELECT min(id), min("runId"), "scenarioId", "levelId", min(level), min(kind::text)::"NoticeKind", "patronId", occurrence,
    array_agg("subjectId" ORDER BY id), array_agg(metric ORDER BY id),
    CASE WHEN bool_or(status = 'SENT') THEN COALESCE(array_agg("subjectId" ORDER BY id) FILTER (WHERE status = 'SKIPPED'), '{}') ELSE '{}' END,
    CASE WHEN bool_or(status = 'SENT') THEN 'SENT' WHEN bool_or(status = 'PLANNED') THEN 'PLANNED'
      WHEN bool_or(status = 'FAILED') THEN 'FAILED' ELSE min(status::text) END::"NoticeStatus",
    min("skipReason"), min("createdAt")
  FROM "Notice" WHERE kind IN ('O', 'I', 'CL', 'CLNS')
  GROUP BY "scenarioId", "patronId", occurrence, "levelId";
UPDATE "Charge" c SET "noticeId" = m."recordId" FROM "_every_run_ids" m WHERE c."noticeId" = m.id AND m.id <> m."recordId";
DELETE FROM "Notice" WHERE kind IN ('O', 'I', 'CL', 'CLNS');

-- Deliveries and attempts move into their months, each delivery naming its notices' record ids.
INSERT INTO "Delivery" SELECT d.id, d."runId", d."patronId", d."contactKind", d."contactKey", d."contactName", d.channel,
    d.address, d."separationGroup", d."printMedia", d.status, d.attempts, d."claimToken", d."claimedAt", d."handingOverAt",
    d."messageId", d.subject, d."smtpCode", d."lastError", d."sentAt", d."createdAt", d."updatedAt",
    ARRAY(SELECT DISTINCT COALESCE(m."recordId", x) FROM unnest(d."noticeIds") AS x LEFT JOIN "_every_run_ids" m ON m.id = x ORDER BY 1)
  FROM "Delivery_unpartitioned" d;
INSERT INTO "DeliveryAttempt" SELECT a.id, a."deliveryId", d."createdAt", a.attempt, a.outcome, a."smtpCode", a.response,
    a."startedAt", a."finishedAt"
  FROM "DeliveryAttempt_unpartitioned" a JOIN "Delivery_unpartitioned" d ON d.id = a."deliveryId";
DROP TABLE "_every_run_ids";
DROP TABLE "DeliveryAttempt_unpartitioned";
DROP TABLE "Delivery_unpartitioned";
