#!/usr/bin/env bash
# Import benchmark: `dossier import` of N saved news pages (default 1,000), made by
# copying the article-extraction development pages (gzipped, as they are stored) round
# and round, into a fresh dossier each run. The same page twice in one import is one
# article, so each round of copies is a folder imported by a command of its own, with
# --force: every page is read, extracted and written N times in all.
#
#   scripts/import_bench.sh                 # 1,000 pages, 5 runs
#   N=10000 RUNS=3 scripts/import_bench.sh
#   OLD=/path/to/old/dossier scripts/import_bench.sh   # side by side with another binary
#
# Needs python3, the corpora beside the repository (CORPORA, default ../shared/corpora)
# and the timer of the shared bench folder (BENCH_DIR, default ../shared/bench).
set -euo pipefail

cd "$(dirname "$0")/.."
CORPORA=${CORPORA:-../shared/corpora}
BENCH_DIR=${BENCH_DIR:-../shared/bench}
N=${N:-1000}
RUNS=${RUNS:-5}
WORK=${WORK:-/tmp/dossier-import-bench}
PAGES="$CORPORA/article-extraction/html"
[ -d "$PAGES" ] || { echo "no $PAGES: set CORPORA" >&2; exit 1; }

cargo build --release --locked --quiet
DOSSIER=$PWD/target/release/dossier
rm -rf "$WORK" && mkdir -p "$WORK/pages"
mapfile -t sources < <(ls "$PAGES"/*.html.gz)
for ((i = 0; i < N; i++)); do
  round=$(printf '%03d' $((i / ${#sources[@]})))
  mkdir -p "$WORK/pages/$round"
  cp "${sources[i % ${#sources[@]}]}" "$WORK/pages/$round/$(printf '%05d' "$i").html.gz"
done
echo "# machine: $(nproc) cores; $N pages ($(du -sh "$WORK/pages" | cut -f1) gzipped)"
echo "# dossier $($DOSSIER --version | awk '{print $2}') ($(git rev-parse --short HEAD 2>/dev/null || echo '?'))"

# Each run imports into a dossier made anew; pages that state no date get --date's.
run() { # BINARY DIR
  echo "sh -c 'rm -rf $2 && mkdir -p $2 && printf \"title = \\\"Bench\\\"\\n\" > $2/dossier.toml && for r in $WORK/pages/*; do $1 import --root $2 \$r --date 2020-01-05 --force > /dev/null || exit 1; done'"
}
if [ -n "${OLD:-}" ]; then
  eval "python3 $BENCH_DIR/measure.py --runs $RUNS --warmup 1 --label new --label-b old --vs \"$(run "$OLD" "$WORK/d2")\" -- $(run "$DOSSIER" "$WORK/d1")"
else
  eval "python3 $BENCH_DIR/measure.py --runs $RUNS --warmup 1 --label 'import $N pages' -- $(run "$DOSSIER" "$WORK/d1")"
fi
$DOSSIER import --root "$WORK/d1" "$WORK/pages/000" --date 2020-01-05 --force > "$WORK/report.txt" 2>&1 || true
echo "   $(ls "$WORK/d1/content/articles" | wc -l) articles written; report in $WORK/report.txt"
