#!/usr/bin/env bash
# Full-build benchmark: dossier against Hugo (and Zola when a `zola` binary is on PATH)
# on the same generated corpus, run in turn so that the ratios are paired.
#
#   scripts/bench.sh                      # sizes 1000 and 10000, output on tmpfs
#   SIZES="1000 10000 100000" RUNS=5 scripts/bench.sh
#
# Needs python3; Hugo from Debian (`apt-get install -y hugo`) for the side-by-side runs.
# The corpus generator and the timer come from the shared bench folder beside the
# repository (BENCH_DIR, default ../shared/bench).
# Environment knobs:
#   SIZES     article counts                       (default: "1000 10000")
#   RUNS      timed runs per figure, after a warm-up (default: 5)
#   WORK      scratch folder for corpora            (default: /tmp/dossier-bench)
#   OUT_DIR   where outputs go; tmpfs keeps the disk out of the figure (default: /dev/shm)
# Results are printed and appended as JSON lines to $WORK/results.jsonl.
set -euo pipefail

cd "$(dirname "$0")/.."
BENCH_DIR=${BENCH_DIR:-../shared/bench}
SIZES=${SIZES:-"1000 10000"}
RUNS=${RUNS:-5}
WORK=${WORK:-/tmp/dossier-bench}
OUT_DIR=${OUT_DIR:-/dev/shm}
mkdir -p "$WORK"
have() { command -v "$1" >/dev/null 2>&1; }

[ -f "$BENCH_DIR/gen_corpus.py" ] || { echo "no $BENCH_DIR/gen_corpus.py: set BENCH_DIR" >&2; exit 1; }
cargo build --release --locked --quiet
DOSSIER=$PWD/target/release/dossier

echo "# machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r)"
echo "# dossier $($DOSSIER --version | awk '{print $2}') ($(git rev-parse --short HEAD 2>/dev/null || echo '?'))"
have hugo && echo "# $(hugo version | cut -d' ' -f1-2)"
have zola && echo "# $(zola --version)"

for n in $SIZES; do
  for fmt in dossier hugo zola; do
    [ "$fmt" = zola ] && ! have zola && continue
    [ "$fmt" = hugo ] && ! have hugo && continue
    [ -d "$WORK/corpus-$fmt-$n" ] || python3 "$BENCH_DIR/gen_corpus.py" --format "$fmt" -n "$n" -o "$WORK/corpus-$fmt-$n" >/dev/null
  done
  d_out="$OUT_DIR/bench-dossier-$n"
  # dossier replaces its output atomically, so no `rm` is needed between runs.
  d_cmd="$DOSSIER build --root $WORK/corpus-dossier-$n --output $d_out"
  h_cmd="sh -c 'rm -rf $OUT_DIR/bench-hugo-$n && exec hugo --quiet --cacheDir $WORK/hugo-cache -s $WORK/corpus-hugo-$n -d $OUT_DIR/bench-hugo-$n'"
  z_cmd="sh -c 'exec zola --root $WORK/corpus-zola-$n build -o $OUT_DIR/bench-zola-$n --force'"
  echo "## n=$n"
  for peer in hugo zola; do
    have "$peer" || continue
    cmd=$h_cmd; [ "$peer" = zola ] && cmd=$z_cmd
    # shellcheck disable=SC2086
    python3 "$BENCH_DIR/measure.py" --runs "$RUNS" --warmup 1 --json "$WORK/results.jsonl" \
      --label "dossier n=$n" --label-b "$peer n=$n" --vs "$cmd" -- $d_cmd
  done
  if ! have hugo && ! have zola; then
    # shellcheck disable=SC2086
    python3 "$BENCH_DIR/measure.py" --runs "$RUNS" --warmup 1 --json "$WORK/results.jsonl" --label "dossier n=$n" -- $d_cmd
  fi
  # What a host is asked to take: total size (as `du` counts it on disk), files, and
  # the largest page and file.
  for tool in dossier hugo zola; do
    out="$OUT_DIR/bench-$tool-$n"
    [ -d "$out" ] || continue
    biggest_page=$(find "$out" -name '*.html' -printf '%s %P\n' | sort -n | tail -1)
    biggest_file=$(find "$out" -type f -printf '%s %P\n' | sort -n | tail -1)
    echo "   $tool n=$n output: $(du -sh "$out" | cut -f1), $(find "$out" -type f | wc -l) files, $(find "$out" -name '*.html' | wc -l) HTML pages; largest page ${biggest_page%% *} B (${biggest_page#* }), largest file ${biggest_file%% *} B (${biggest_file#* })"
  done
  rm -rf "$OUT_DIR"/bench-*-"$n"
done
