# Sourced by demo.sh and test.sh: installs node_modules when missing or older than package-lock.json,
# then generates the Prisma client (offline: see STACK.md on the schema engine binary).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "→ Installing dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi
if [ ! -f lib/generated/prisma/client.ts ] || [ prisma/schema.prisma -nt lib/generated/prisma/client.ts ]; then
  echo "→ Generating the Prisma client"
  npm run -s db:generate >/dev/null
fi
