import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Next-only modules must stay out of code the worker runs (docs/ARCHITECTURE.md, "Boundaries").
const nextOnly = {
  paths: [
    { name: "next/headers", message: "Next-only: keep it in app/ or lib/**/actions.ts (or *-actions.ts)" },
    { name: "next/cache", message: "Next-only: keep it in app/ or lib/**/actions.ts (or *-actions.ts)" },
    { name: "next/navigation", message: "Next-only: keep it in app/ or components/" },
    { name: "next-auth", message: "Web-only: use lib/auth/require-staff.ts from app/ or actions" },
  ],
  patterns: [
    { group: ["@/app/*", "@/components/*"], message: "lib/ and worker/ never import the web app" },
    { group: ["@/lib/auth/require-staff", "@/lib/auth/options"], message: "Web-only session code" },
  ],
};

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: ["lib/generated/**", ".next/**", ".next-e2e/**", ".next-shot/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "tmp/**", "reports/**", ".stryker-tmp/**"] }, // tmp/: local scratch scripts (gitignored)
  // Leaving out fields by destructuring ({ secret, ...rest }) is the plain way to copy an object without them.
  { rules: { "@typescript-eslint/no-unused-vars": ["warn", { argsIgnorePattern: "^_", ignoreRestSiblings: true }] } },
  {
    files: ["lib/**/*.ts", "lib/**/*.tsx", "worker/**/*.ts", "emails/**/*.tsx"],
    ignores: ["lib/**/actions.ts", "lib/**/*-actions.ts", "lib/auth/require-staff.ts", "lib/auth/options.ts"],
    rules: { "no-restricted-imports": ["error", nextOnly] },
  },
  {
    files: ["lib/**/*.ts"],
    ignores: ["lib/env.ts"],
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read settings from lib/env.ts" }],
    },
  },
];

export default config;
