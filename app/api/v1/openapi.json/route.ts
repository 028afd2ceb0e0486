import { NextResponse } from "next/server";
import { openApiDocument } from "@/lib/api/openapi";

// GET /api/v1/openapi.json: public, like any API description; every operation it lists needs a token.
export function GET() {
  return NextResponse.json(openApiDocument());
}
