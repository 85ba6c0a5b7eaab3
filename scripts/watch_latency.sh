#!/usr/bin/env bash
# Save-to-reload latency of `dossier serve --watch` on generated dossiers.
#
# For each size in SIZES it generates a dossier with the shared corpus generator, starts
# `dossier serve --watch` under bench/watch_latency.py, appends a sentence to one article
# RUNS times and reports, per size, the median and 90th percentile of:
#   save->reload  from the end of the file write to the server's "reload sent" line
#                 (printed right after the reload message went out on the websocket)
#   server        the server's own figure: from the debounced change to the reload message
#   save->served  from the write until the page served over HTTP has the new sentence
#                 (polled every 25 ms, so it rounds up)
# With hugo on PATH (Debian: apt-get install -y hugo) it measures `hugo server` on the
# same corpus in Hugo's layout, the same way, for comparison.
#
#   scripts/watch_latency.sh                      # 1,000 and 10,000 articles, 20 edits each
#   SIZES=1000 RUNS=30 scripts/watch_latency.sh
#   WORK=/dev/shm/bench scripts/watch_latency.sh  # keep corpora and results there
#   ARTICLE=slug scripts/watch_latency.sh         # edit that article, not the middle one
set -euo pipefail

HERE=$(cd "$(dirname "$0")/.." && pwd)
BENCH=${BENCH:-$HERE/../shared/bench}
SIZES=${SIZES:-"1000 10000"}
RUNS=${RUNS:-20}
WORK=${WORK:-$(mktemp -d)}
HUGO=${HUGO:-auto}
mkdir -p "$WORK"
RESULTS="$WORK/watch.jsonl"
ARTICLE_ARGS=()
if [ -n "${ARTICLE:-}" ]; then
    ARTICLE_ARGS=(--article "$ARTICLE")
fi

if [ ! -f "$BENCH/watch_latency.py" ]; then
    echo "error: no $BENCH/watch_latency.py; set BENCH to the folder with the shared bench scripts" >&2
    exit 1
fi

(cd "$HERE" && cargo build --release --locked)
DOSSIER="$HERE/target/release/dossier"

for N in $SIZES; do
    corpus="$WORK/corpus-dossier-$N"
    if [ ! -f "$corpus/dossier.toml" ]; then
        python3 "$BENCH/gen_corpus.py" --format dossier -n "$N" -o "$corpus" >/dev/null
    fi
    echo "== dossier, $N articles, $RUNS edits" >&2
    python3 "$BENCH/watch_latency.py" --tool custom --site "$corpus" --runs "$RUNS" \
        --settle 0.5 --ready-timeout 1800 \
        --server-cmd "$DOSSIER serve --watch --root {site} --port {port}" \
        --done-regex "reload sent in (\d+) ms" \
        --label "dossier-$N" --json "$RESULTS" --log "$WORK/dossier-$N.log" \
        "${ARTICLE_ARGS[@]}"

    if [ "$HUGO" != "no" ] && command -v hugo >/dev/null; then
        hcorpus="$WORK/corpus-hugo-$N"
        if [ ! -f "$hcorpus/hugo.toml" ] && [ ! -f "$hcorpus/config.toml" ]; then
            python3 "$BENCH/gen_corpus.py" --format hugo -n "$N" -o "$hcorpus" >/dev/null
        fi
        echo "== hugo server, $N articles, $RUNS edits" >&2
        python3 "$BENCH/watch_latency.py" --tool hugo --site "$hcorpus" --runs "$RUNS" \
            --ready-timeout 1800 --label "hugo-$N" --json "$RESULTS" --log "$WORK/hugo-$N.log"
    fi
done

python3 - "$RESULTS" <<'PY'
import json, statistics, sys

def pct(xs, p):
    xs = sorted(xs)
    if not xs:
        return None
    k = (len(xs) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)

rows = [json.loads(line) for line in open(sys.argv[1])]
print(f"{'run':<14} {'edits':>5}  {'save->reload med/p90':>22}  {'server med/p90':>16}  {'save->served med/p90':>22}  {'RSS':>8}")
for r in rows:
    def fmt(key):
        xs = [x[key] for x in r["runs"] if x.get(key) is not None]
        if not xs:
            return "n/a"
        return f"{statistics.median(xs):.0f} / {pct(xs, 0.9):.0f} ms"
    rss = (r.get("rss_peak_kib") or 0) / 1024
    print(f"{r['label']:<14} {len(r['runs']):>5}  {fmt('log_seen_ms'):>22}  {fmt('log_ms'):>16}  {fmt('http_ms'):>22}  {rss:>5.0f} MiB")
PY
echo "results: $RESULTS" >&2
