// npm run notices -- preview --date YYYY-MM-DD [--scenario CODE ...] [--json] [--limit 500]
// npm run notices -- run --date YYYY-MM-DD [--scenario CODE ...] [--wait] [--json]
// npm run notices -- scenarios
// preview: what a run on that date would send now, writing nothing. run: plan that date now (a replay) and hand the
// emails to the worker; only what was never sent goes out. --wait: until the worker has sent the run's email.
import { parseArgs } from "node:util";
import { prisma } from "../lib/db/client";
import { closeProducerQueues, getDeliveriesQueue, sendJobOptions } from "../lib/jobs/producer";
import { PreviewRequest } from "../lib/api/schemas";
import { previewRun } from "../lib/notices/preview-run";
import { describeIssues } from "../lib/parse-input";
import { getRunProgress, startReplay } from "../lib/notices/start-replay";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    date: { type: "string" },
    scenario: { type: "string", multiple: true },
    json: { type: "boolean", default: false },
    wait: { type: "boolean", default: false },
    limit: { type: "string" },
  },
});
const command = positionals[0];
const out = (v: unknown) => console.log(JSON.stringify(v, null, 2));

async function main() {
  if (command === "scenarios") {
    const rows = await prisma.scenario.findMany({ orderBy: { id: "asc" }, include: { levels: { orderBy: { level: "asc" } } } });
    for (const s of rows) {
      console.log(`${s.isEnabled ? "on " : "off"}  ${s.code.padEnd(34)} ${s.kind.padEnd(6)} ${s.frequency.toLowerCase()} at ${s.runAt}  levels: ${s.levels.map((l) => l.amount ?? l.periodDays).join("/")}`);
    }
    return;
  }
  if (command !== "preview" && command !== "run") {
    console.error("usage: npm run notices -- preview|run --date YYYY-MM-DD [--scenario CODE ...] [--json] [--wait] | scenarios");
    process.exitCode = 2;
    return;
  }
  const parsed = PreviewRequest.safeParse({ date: values.date, scenario: values.scenario, limit: values.limit });
  if (!parsed.success) {
    for (const i of describeIssues(parsed.error)) console.error(`${i.field}: ${i.message}`);
    process.exitCode = 2;
    return;
  }
  const { date, scenario, limit } = parsed.data;
  if (command === "preview") {
    const preview = await previewRun(prisma, { runDate: date, scenarioCodes: scenario, limit });
    if (values.json) return out(preview);
    console.log(`A run for ${date} would send ${preview.totals.deliveries} deliveries (${preview.totals.emailDeliveries} by email) carrying ${preview.totals.notices} notices:`);
    for (const [code, s] of Object.entries(preview.byScenario)) console.log(`  ${code.padEnd(34)} ${String(s.notices).padStart(7)} notices for ${s.patrons} patrons`);
    return;
  }
  const queue = getDeliveriesQueue();
  const started = await startReplay(prisma, { runDate: date, scenarioCodes: scenario, requestedBy: "cli", queue, send: sendJobOptions() });
  if (!values.json) console.log(`Run ${started.runId} for ${date}: ${started.notices} new notices, ${started.deliveries} deliveries (${started.emailDeliveries} email) queued for the worker.`);
  let progress = await getRunProgress(prisma, started.runId);
  while (values.wait && progress && !progress.isEmailDone) {
    await new Promise((r) => setTimeout(r, 1000));
    progress = await getRunProgress(prisma, started.runId);
  }
  if (values.json) out({ ...started, progress });
  else if (values.wait) console.log(`Deliveries by status: ${JSON.stringify(progress?.deliveries)}`);
}

try {
  await main();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
} finally {
  // Every handle this process opened, or it never exits: the queue's Redis connection and the pg pool under Prisma.
  await closeProducerQueues();
  await prisma.$disconnect();
}
