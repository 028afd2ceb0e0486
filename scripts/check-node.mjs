// Checks the running Node against package.json's "engines" before the demo or the tests install anything, so a
// too-old Node gets one clear sentence instead of npm's EBADENGINE warnings and a stack trace later. Plain Node and
// old syntax on purpose: it must run on the versions it refuses. Understands the forms package.json uses:
// alternatives of "^M.m" and ">=M[.m]" joined by "||".
import { readFileSync } from "node:fs";

const range = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).engines.node;
const [major, minor] = process.versions.node.split(".").map(Number);

function fits(alternative) {
  const m = /^(\^|>=)\s*(\d+)(?:\.(\d+))?/.exec(alternative.trim());
  if (!m) return true; // a form this check does not know: leave it to npm
  const wantMajor = Number(m[2]);
  const wantMinor = Number(m[3] || 0);
  if (m[1] === "^") return major === wantMajor && minor >= wantMinor;
  return major > wantMajor || (major === wantMajor && minor >= wantMinor);
}

// "^20.19" → "20.19+ (20.x)", ">=24" → "24+", for the message.
function describe(alternative) {
  const caret = /^\^(\d+)\.(\d+)$/.exec(alternative.trim());
  if (caret) return `${caret[1]}.${caret[2]}+ (${caret[1]}.x)`;
  return alternative.trim().replace(/^>=\s*(.+)$/, "$1+");
}

const alternatives = range.split("||");
if (!alternatives.some(fits)) {
  console.error(
    `\n✗ Noticeboard needs Node.js ${alternatives
      .map(describe)
      .join(", ")
      .replace(/, ([^,]+)$/, " or $1")}; this is Node ${process.versions.node}.\n` +
      "  Its dependencies (Prisma 7, Vite, React Email) require it. Install a newer Node, e.g. with nvm:\n" +
      "    nvm install 22 && nvm use 22\n" +
      "  or from https://nodejs.org, then run the same command again.\n",
  );
  process.exit(1);
}
