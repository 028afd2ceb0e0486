// Mutation testing of the notice rules and the planner's pure steps: npm run test:mutation (not part of npm test).
// The report goes to reports/mutation/ (gitignored). The machine is shared: two test runners at most.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  vitest: { configFile: "vitest.mutation.config.ts", related: false },
  mutate: [
    "lib/notices/rules/*.ts",
    "!lib/notices/rules/*.test.ts",
    "lib/notices/build-messages.ts",
    "lib/notices/build-deliveries.ts",
    "lib/notices/plan-types.ts",
  ],
  coverageAnalysis: "perTest",
  concurrency: 2,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/index.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  tempDirName: ".stryker-tmp",
  thresholds: { high: 90, low: 85, break: null },
};

export default config;
