import { createPrismaClient } from "@/lib/db/client";

// One client per test file, on the test database vitest.config.ts names.
export const db = createPrismaClient();
