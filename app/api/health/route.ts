import { NextResponse } from "next/server";
import { prisma } from "@/lib/db/client";

// Public liveness check for load balancers and the start script: says only whether the database answers.
export async function GET() {
  try {
    await prisma.$queryRaw`SELECT 1`;
    return NextResponse.json({ ok: true });
  } catch {
    return NextResponse.json({ ok: false }, { status: 503 });
  }
}
