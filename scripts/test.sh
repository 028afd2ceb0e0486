#!/usr/bin/env bash
# npm test: every test. Unit and integration tests (real PostgreSQL, Redis and an in-process SMTP server) with
# Vitest, then the dashboard in Chromium with Playwright against a production build. Each suite uses its own
# databases and Redis prefix, so the demo's data is never touched.
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
echo "→ Typecheck and lint"
npm run -s typecheck
npm run -s lint
echo "→ Unit and integration tests"
npx vitest run
echo "→ Browser tests"
npx playwright test
