import { defineConfig } from "vitest/config";

// Mutation testing (npm run test:mutation, stryker.config.mjs): only the unit tests of the rules and the planner's pure
// steps. No database, no Redis: the integration project never runs under Stryker.
const alias = { "@": import.meta.dirname };

export default defineConfig({
  resolve: { alias },
  test: { name: "mutation", include: ["lib/notices/**/*.test.ts"], environment: "node" },
});
