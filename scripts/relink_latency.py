#!/usr/bin/env python3
"""Rebuild cost of `dossier serve --watch` for edits that change links across articles.

scripts/watch_latency.sh times prose edits (a sentence naming nobody), which skip the
link step. This times the two kinds of edit that do not:
  title    the article's title changes: every list of articles shows it
  mention  a paragraph naming a registry entity the article did not name before
and prints, per kind, the median of the save->reload time and of the server's own
figure, and the step timings the server prints with DOSSIER_SERVE_TIMINGS=1.

  python3 scripts/relink_latency.py target/release/dossier CORPUS_DIR [RUNS]
"""
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import tomllib


def main():
    binary, site = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    arts = sorted(f for f in os.listdir(f"{site}/content/articles") if f.endswith(".md"))
    path = f"{site}/content/articles/{arts[len(arts) // 3]}"
    original = open(path, encoding="utf-8").read()
    with open(f"{site}/content/entities.toml", "rb") as f:
        names = [e["name"] for e in tomllib.load(f)["entity"]]
    names = [n for n in names if n not in original][: runs]
    env = dict(os.environ, DOSSIER_SERVE_TIMINGS="1")
    server = subprocess.Popen(
        [binary, "serve", "--watch", "--root", site, "--port", "0"],
        stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
        start_new_session=True, env=env)
    lines = []

    def read():
        for line in server.stderr:
            lines.append((time.monotonic(), line.rstrip()))

    threading.Thread(target=read, daemon=True).start()
    end = time.monotonic() + 1800
    while not any("Web server is available" in l for _, l in lines):
        if time.monotonic() > end or server.poll() is not None:
            sys.exit("the server did not start:\n" + "\n".join(l for _, l in lines))
        time.sleep(0.1)
    time.sleep(1)
    results = {"title": [], "mention": []}
    try:
        for kind in results:
            for i in range(runs):
                k = len(lines)
                if kind == "title":
                    text = re.sub(r'^title = "(.*)"$', lambda m: f'title = "{m.group(1)} ({i})"',
                                  original, count=1, flags=re.M)
                else:
                    text = original + f"\nLater, {names[i]} was named again.\n"
                t0 = time.monotonic()
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
                deadline = t0 + 120
                while time.monotonic() < deadline:
                    done = [(t, l) for t, l in lines[k:] if "reload sent in" in l or "failed" in l]
                    timing = [l for _, l in lines[k:] if "timings:" in l]
                    if done and timing:
                        t, line = done[0]
                        m = re.search(r"(\d+) pages rendered.*reload sent in (\d+) ms", line)
                        results[kind].append(((t - t0) * 1000, int(m.group(2)), int(m.group(1)),
                                              timing[0].strip()))
                        break
                    time.sleep(0.005)
                time.sleep(0.6)
    finally:
        with open(path, "w", encoding="utf-8") as f:
            f.write(original)
        time.sleep(2)
        os.killpg(server.pid, signal.SIGINT)
        server.wait(timeout=30)
    for kind, xs in results.items():
        if not xs:
            continue
        print(f"{kind}: {len(xs)} edits, save->reload median {statistics.median(x[0] for x in xs):.0f} ms, "
              f"server median {statistics.median(x[1] for x in xs):.0f} ms, "
              f"pages rendered median {statistics.median(x[2] for x in xs):.0f}")
        for x in xs:
            print("   ", x[3])


if __name__ == "__main__":
    main()
