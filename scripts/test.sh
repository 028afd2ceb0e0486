#!/usr/bin/env bash
# npm test: every test. Unit and integration tests (real PostgreSQL, Redis and an in-process SMTP server) with
# Vitest, then the dashboard in Chromium with Playwright against a production build. Each suite uses databases and
# Redis prefixes of this run's own, dropped at the end (pass, fail or Ctrl-C), so the demo's data is never touched.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
node scripts/check-node.mjs
[ -f .env ] || cp .env.example .env
node scripts/check-services.mjs
source scripts/ensure-deps.sh
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null; then
  echo "✗ Chromium is needed for the browser tests: sudo apt-get install -y chromium (or set CHROMIUM_PATH)" >&2
  exit 1
fi
# Names of this run's own (scripts/test-run.ts): databases, Redis prefixes and e2e ports no other run uses, so two
# checkouts (or two runs in one) can test at once on one PostgreSQL and Redis. Variables set by hand are kept.
eval "$(node --import tsx scripts/test-run.ts env)"
cleanup() { node --import tsx scripts/test-run.ts cleanup || echo "✗ cleanup of run ${TEST_RUN_ID} failed" >&2; }
trap cleanup EXIT
trap "exit 130" INT
trap "exit 143" TERM
echo "→ Run ${TEST_RUN_ID}: e2e on port ${E2E_PORT}, mail catcher ${E2E_SMTP_PORT}"
echo "→ Typecheck and lint"
npm run -s typecheck
npm run -s lint
echo "→ Unit and integration tests"
npx vitest run
echo "→ Browser tests"
# The production build goes to .next-e2e (tsconfig.json names that folder, so it stays put): runs in this checkout
# take turns for the browser tests. Runs in other checkouts have their own folder and do not wait.
if command -v flock >/dev/null; then
  flock .next-e2e.lock npx playwright test
else
  npx playwright test
fi
