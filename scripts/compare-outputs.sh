#!/bin/sh
# Compares the scan outputs of this checkout with those of another checkout on the samples and
# the generated scenarios; signals.ndjson is compared without the `key` field, and manifest.json without the
# hashes and sizes of outputs (they follow from signals.ndjson). Usage: scripts/compare-outputs.sh OTHER_CHECKOUT
set -eu
other=${1:?usage: scripts/compare-outputs.sh OTHER_CHECKOUT}
tmp=$(mktemp -d)
status=0
run() { # name dir
  # One --out path for both, since the manifest records the command.
  node bin/pgb-scan.js scan "$2" --out "$tmp/out" --log-level silent || true
  mv "$tmp/out" "$tmp/new-$1"
  node "$other/bin/pgb-scan.js" scan "$2" --out "$tmp/out" --log-level silent || true
  mv "$tmp/out" "$tmp/old-$1"
  for f in providers.csv budgethouders.csv rejects.csv report.md report.html; do
    # A checkout from before report.html has none to compare.
    [ "$f" = report.html ] && [ ! -f "$tmp/old-$1/$f" ] && continue
    cmp -s "$tmp/new-$1/$f" "$tmp/old-$1/$f" || { echo "DIFF $1/$f"; status=1; }
  done
  node -e '
    const fs = require("fs");
    const strip = (p) => fs.readFileSync(p, "utf8").trim().split("\n").filter(Boolean).map((l) => { const o = JSON.parse(l); delete o.key; return JSON.stringify(o); }).join("\n");
    const a = strip(process.argv[1]), b = strip(process.argv[2]);
    if (a !== b) { console.log("DIFF " + process.argv[3] + "/signals.ndjson (beyond key)"); process.exit(1); }
    const m = (p) => { const o = JSON.parse(fs.readFileSync(p, "utf8")); delete o.outputs; return JSON.stringify(o); };
    if (m(process.argv[4]) !== m(process.argv[5])) { console.log("DIFF " + process.argv[3] + "/manifest.json (beyond outputs)"); process.exit(1); }
  ' "$tmp/new-$1/signals.ndjson" "$tmp/old-$1/signals.ndjson" "$1" "$tmp/new-$1/manifest.json" "$tmp/old-$1/manifest.json" || status=1
  echo "compared $1 ($(wc -l < "$tmp/new-$1/signals.ndjson") signals)"
}
run gemeente-klein samples/gemeente-klein
for s in test-small gemeente-klein gemeente; do
  node bin/pgb-scan.js generate --scenario "scenarios/$s.json" --seed 1 --out "$tmp/data-$s" >/dev/null 2>&1
  run "scenario-$s" "$tmp/data-$s"
done
rm -rf "$tmp"
exit $status
