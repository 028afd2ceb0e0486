#!/usr/bin/env bash
# The server the browser tests run against (started by playwright.config.ts): its own database, mail catcher
# port and build folder, a freshly seeded demo library, a production build, then next start + the mail catcher.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 NODE_ENV=production
export DATABASE_URL="${E2E_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/noticeboard_e2e}"
export NEXT_DIST_DIR=.next-e2e MAIL_CATCHER_DIR=var/e2e-mail MAIL_CATCHER_PORT="${E2E_SMTP_PORT:-1125}" SMTP_PORT="${E2E_SMTP_PORT:-1125}"
export NEXTAUTH_URL="http://127.0.0.1:${E2E_PORT:-3210}" LOG_LEVEL=warn
# A production server refuses the example secret (lib/env.ts): the browser tests sign with a fresh one each run.
NEXTAUTH_SECRET="$(node -e 'process.stdout.write(require("node:crypto").randomBytes(32).toString("base64"))')"
export NEXTAUTH_SECRET
# Runs started by the tests queue email for a worker that is not running: keep those jobs apart from the demo's,
# and start each time from an empty queue.
export QUEUE_PREFIX="${E2E_QUEUE_PREFIX:-nb-e2e}"
node -e 'const { Redis } = require("ioredis"); const r = new Redis(process.env.REDIS_URL || "redis://127.0.0.1:6379");
  r.keys(process.env.QUEUE_PREFIX + ":*").then((k) => (k.length ? r.del(...k) : 0)).finally(() => r.quit());'
rm -rf var/e2e-mail
npx tsx scripts/migrate.ts deploy
npx tsx prisma/seed.ts --seed 42 >/dev/null
npx next build >/dev/null
exec npx concurrently --kill-others --raw "node --import tsx scripts/mail-catcher.ts" "npx next start -H 127.0.0.1 -p ${E2E_PORT:-3210}"
