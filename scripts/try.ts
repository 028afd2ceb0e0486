import { prisma } from "@/lib/db/client";
import { previewRun } from "@/lib/notices/preview-run";
const t = Date.now();
const p = await previewRun(prisma, { runDate: process.argv[2] ?? "2026-11-28" });
console.log(Date.now() - t, "ms", JSON.stringify(p.totals), JSON.stringify(p.byScenario));
console.log(JSON.stringify(p.deliveries.slice(0, 2), null, 1));
await prisma.$disconnect();
