#!/usr/bin/env bash
# Checks the ways pgb-scan gets installed, in a copy of the tracked files (what a clone holds):
#   1. the README's first command on a fresh clone (npm ci builds dist/ with the dev dependencies);
#   2. npm ci --omit=dev on a fresh clone fails with a message that says what to do instead;
#   3. the packed tarball, installed with npm install -g into a temporary prefix, runs without dev dependencies;
#   4. a clone pruned with npm prune --omit=dev, and npm ci --omit=dev where dist/ is built, keep working.
# Slow (several npm installs and builds), so not part of npm test: npm run check:install, and .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
npmq() { npm --no-audit --no-fund --prefer-offline --loglevel=error "$@"; }
fail() { echo "check-install: FAIL: $*" >&2; exit 1; }
step() { echo "check-install: $*" >&2; }

clone="$work/clone"
mkdir "$clone"
git ls-files -z | tar --null --ignore-failed-read -T - -cf - 2>/dev/null | tar -xf - -C "$clone"
[ ! -e "$clone/dist" ] || fail "the copy holds dist/"

step "npm ci --omit=dev on a fresh clone"
if (cd "$clone" && npmq ci --omit=dev >"$work/omit.log" 2>&1); then fail "npm ci --omit=dev without dist/ succeeded, leaving pgb-scan without dist/"; fi
grep -q "cannot build dist/: TypeScript is a dev dependency" "$work/omit.log" || { cat "$work/omit.log" >&2; fail "npm ci --omit=dev did not say why"; }
rm -rf "$clone/node_modules"

step "the README's first command on a fresh clone"
first=$(awk '/^## Two commands on a fresh clone/{f=1} f && /^```sh/{getline; print; exit}' README.md | sed 's/[[:space:]]*#.*$//')
[ -n "$first" ] || fail "no first command in the README"
(cd "$clone" && bash -c "$first" >"$work/first.log" 2>&1) || { tail -20 "$work/first.log" >&2; fail "README command failed: $first"; }
[ -f "$clone/uitvoer/manifest.json" ] || fail "README command wrote no uitvoer/manifest.json"
rm -rf "$clone/uitvoer"

step "npm pack, then npm install -g of the tarball into a temporary prefix"
tgz=$(cd "$clone" && npmq pack --pack-destination "$work" 2>/dev/null | tail -1)
tar -tzf "$work/$tgz" >"$work/contents"
grep -qx 'package/dist/cli/main.js' "$work/contents" || fail "the tarball lacks dist/cli/main.js"
! grep -qE '^package/(src|test|node_modules)/' "$work/contents" || fail "the tarball holds sources or tests"
npmq install -g "$work/$tgz" --prefix "$work/prefix" >/dev/null 2>&1 || fail "npm install -g of $tgz failed"
[ ! -e "$work/prefix/lib/node_modules/pgb-risicoscan/node_modules/typescript" ] || fail "the tarball install holds typescript"
bin="$work/prefix/bin/pgb-scan"
version=$(node -p "require('./package.json').version")
[ "$("$bin" --version)" = "$version" ] || fail "pgb-scan --version is not $version"
"$bin" scan samples/gemeente-klein --out "$work/run" --log-level silent || fail "installed pgb-scan scan failed"
[ -f "$work/run/report.md" ] || fail "installed pgb-scan wrote no report.md"
set +e
"$bin" scan samples/nope --out "$work/run2" 2>"$work/err.json"
code=$?
set -e
[ "$code" = 2 ] || fail "installed pgb-scan on a missing folder exited $code, not 2"
node -e "const r=JSON.parse(require('fs').readFileSync(process.argv[1],'utf8'));if(r.code!=='INPUT_MISSING_FILE')process.exit(1)" "$work/err.json" || fail "installed pgb-scan's failure is not one JSON record"

step "npm prune --omit=dev in the built clone, then npm ci --omit=dev with dist/ built"
(cd "$clone" && npmq prune --omit=dev >/dev/null 2>&1) || fail "npm prune --omit=dev failed"
[ ! -e "$clone/node_modules/typescript" ] || fail "prune kept typescript"
(cd "$clone" && node bin/pgb-scan.js validate samples/gemeente-klein >/dev/null 2>&1) || fail "pruned clone: validate failed"
(cd "$clone" && npmq ci --omit=dev >"$work/omit2.log" 2>&1) || { cat "$work/omit2.log" >&2; fail "npm ci --omit=dev with dist/ built failed"; }
(cd "$clone" && node bin/pgb-scan.js scan samples/gemeente-klein --stdout csv --log-level silent | head -1 | grep -q '^rank,') || fail "clone after npm ci --omit=dev: scan failed"

step "ok"
