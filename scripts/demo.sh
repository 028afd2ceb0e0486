#!/usr/bin/env bash
# npm run demo: install, migrate, seed (when empty), build, then run web + worker + mail catcher together.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
node scripts/check-node.mjs
[ -f .env ] || { cp .env.example .env; echo "→ Created .env from .env.example"; }
# `next start` refuses the example NEXTAUTH_SECRET (lib/env.ts): give this machine's .env a random one of its own.
if grep -q '^NEXTAUTH_SECRET=change-me' .env; then
  SECRET="$(node -e 'process.stdout.write(require("node:crypto").randomBytes(32).toString("base64url"))')"
  sed -i.bak "s|^NEXTAUTH_SECRET=change-me.*|NEXTAUTH_SECRET=${SECRET}|" .env && rm -f .env.bak
  echo "→ Set a random NEXTAUTH_SECRET in .env"
fi
node scripts/check-services.mjs
source scripts/ensure-deps.sh
echo "→ Applying migrations"
npm run -s db:migrate
if [ "${DEMO_RESEED:-0}" = "1" ] || ! npx tsx scripts/has-library.ts; then
  echo "→ Seeding the demo library"
  npm run -s db:seed
fi
echo "→ Building the dashboard"
npx next build >/dev/null
PORT="${PORT:-3000}"
# The demo signs in with a published password: it listens on loopback only unless HOST says otherwise.
HOST="${HOST:-127.0.0.1}"
if [ "$HOST" = "127.0.0.1" ] || [ "$HOST" = "localhost" ] || [ "$HOST" = "::1" ]; then
  WHERE="http://localhost:${PORT} (this machine only; HOST=0.0.0.0 npm run demo to open it to the network)"
else
  WHERE="port ${PORT} of ${HOST} (this machine's address): anyone who can reach it can sign in with the demo password"
fi
cat <<MSG

  Noticeboard is starting on ${WHERE}
  Sign in as   admin@library.example / noticeboard-demo
  (also circulation@, acquisitions@ and readonly@library.example, same password)
  Sent mail is caught on 127.0.0.1:${MAIL_CATCHER_PORT:-1025} and listed under Outbox (files in var/mail/).
  The worker catches up the latest 02:00 run (library time, Europe/London) at once. Started between midnight
  and 02:00, that is yesterday's run, so the first run is dated yesterday; today's follows at 02:00.
  Stop with Ctrl+C. Start again from an empty library: DEMO_RESEED=1 npm run demo

MSG
exec npx concurrently --kill-others --names web,worker,mail --prefix-colors blue,magenta,green \
  "npx next start -H ${HOST} -p ${PORT}" "npm run -s worker" "npm run -s mail"
