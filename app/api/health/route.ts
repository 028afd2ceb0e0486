import { NextResponse, type NextRequest } from "next/server";
import { prisma } from "@/lib/db/client";
import { webRedis } from "@/lib/db/redis";
import { checkHealth } from "@/lib/system/check-health";

// Public health check for load balancers, process supervisors and the start script (lib/system/check-health.ts):
// 200 when PostgreSQL and Redis answer, else 503; `?worker=required` also wants a worker heartbeat in the last 3 min.
export const dynamic = "force-dynamic";

export async function GET(req: NextRequest) {
  const health = await checkHealth(
    { db: prisma, redis: webRedis() },
    { requireWorker: req.nextUrl.searchParams.get("worker") === "required" },
  );
  return NextResponse.json(health, { status: health.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
