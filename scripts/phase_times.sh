#!/usr/bin/env bash
# Times the phases of `dossier build` for two binaries side by side: each run builds the
# same dossier with one binary, then the other, RUNS times in turn, and the phase times
# `DOSSIER_TIMINGS=1` prints are summed up per binary as the median of all runs but the
# first (the first pair warms the page cache) and the least of all (which another
# program on the machine can only make longer), with the ratio of the second binary to
# the first.
#
#   scripts/phase_times.sh OLD_BINARY NEW_BINARY DOSSIER_ROOT [RUNS]
#   python3 ../shared/bench/gen_corpus.py --format dossier -n 10000 -o /tmp/c10k
#   scripts/phase_times.sh /tmp/dossier-before target/release/dossier /tmp/c10k 11
#
# The output goes to a folder under /dev/shm when there is one (memory, not disk, so
# that writing it does not time the disk), else under the system's temporary folder.
set -euo pipefail

if [ $# -lt 3 ]; then
    echo "usage: $0 OLD_BINARY NEW_BINARY DOSSIER_ROOT [RUNS]" >&2
    exit 2
fi
OLD=$1
NEW=$2
ROOT=$3
RUNS=${4:-7}
BASE=/dev/shm
[ -d "$BASE" ] || BASE=${TMPDIR:-/tmp}
OUT=$(mktemp -d "$BASE/phase-times.XXXXXX")
LOG="$OUT/times.txt"
trap 'rm -rf "$OUT"' EXIT

for _ in $(seq 1 "$RUNS"); do
    for which in old new; do
        binary=$OLD
        [ "$which" = new ] && binary=$NEW
        rm -rf "$OUT/site"
        DOSSIER_TIMINGS=1 "$binary" build --root "$ROOT" --output "$OUT/site" 2>&1 |
            sed -n "s/^ *\([a-z+ ]*\): *\([0-9.]*\) ms.*/$which\t\1\t\2/p" >>"$LOG"
    done
done

python3 - "$LOG" <<'PY'
import statistics
import sys

times = {}
for line in open(sys.argv[1]):
    which, phase, ms = line.rstrip("\n").split("\t")
    times.setdefault(phase, {}).setdefault(which, []).append(float(ms))
print(f"{'phase':<20} {'old median':>11} {'new median':>11} {'ratio':>6} {'old least':>10} {'new least':>10} {'ratio':>6}")
for phase, by in times.items():
    if "old" not in by or "new" not in by:
        # A phase only one of them has (one added since): its times alone.
        (which, v), = by.items()
        med, least = statistics.median(v[1:] or v), min(v)
        cells = [f"{med:>9.0f}ms", f"{'':>11}", f"{least:>8.0f}ms", f"{'':>10}"]
        if which == "new":
            cells = [f"{'':>11}", cells[0], f"{'':>10}", cells[2]]
        print(f"{phase:<20} {cells[0]} {cells[1]} {'':>6} {cells[2]} {cells[3]}")
        continue
    med = {w: statistics.median(v[1:] or v) for w, v in by.items()}
    least = {w: min(v) for w, v in by.items()}
    print(f"{phase:<20} {med['old']:>9.0f}ms {med['new']:>9.0f}ms {med['new'] / med['old']:>6.2f}"
          f" {least['old']:>8.0f}ms {least['new']:>8.0f}ms {least['new'] / least['old']:>6.2f}")
PY
