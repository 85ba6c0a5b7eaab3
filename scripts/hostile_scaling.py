#!/usr/bin/env python3
"""Hostile-input scaling: how a build's time and memory grow with one hostile article.

Each case adds one generated article to a copy of the example dossier (this repository)
and builds it with the given binary at 1x, 2x and 4x the base size, so that a step that
is quadratic in the size of one article shows as a ratio near 4 per doubling instead of
near 2. The cases are the shapes that were once quadratic:

  paragraph   one paragraph of words among registry names (bytes)
  unclosed    `He said "` and words with no closing quote (words)
  blockquote  lines of `> line Iraq` (lines)
  quotes      quotations, each attributed, in one article (quotes)
  headings    copies of `# Same` (headings)

    python3 scripts/hostile_scaling.py                         # target/release/dossier
    python3 scripts/hostile_scaling.py --binary OLD --binary NEW --runs 3

With several binaries the runs alternate, so that their ratios are paired. Prints the
median wall time, the user CPU time and the peak resident memory of each build.
"""

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

NAMES = ["Iraq", "Abdul Mahdi", "Baghdad", "Soleimani", "United States", "parliament"]
WORDS = "the vote was held on sunday after a long debate about troops and the region".split()


def paragraph(size):
    rng = random.Random(1)
    out, n = [], 0
    while n < size:
        w = rng.choice(NAMES) if rng.random() < 0.1 else rng.choice(WORDS)
        out.append(w)
        n += len(w) + 1
    return " ".join(out) + ".\n"


def unclosed(words):
    rng = random.Random(2)
    pick = lambda: rng.choice(NAMES) if rng.random() < 0.1 else rng.choice(WORDS)
    return 'He said "' + " ".join(pick() for _ in range(words)) + "\n"


def blockquote(lines):
    return "".join("> line Iraq\n" for _ in range(lines))


def quotes(count):
    return "".join(
        f"\u201cStatement number {i} is about the troops,\u201d Abdul Mahdi said.\n\n"
        for i in range(count)
    )


def headings(count):
    return "# Same\n\n" * count


CASES = {
    "paragraph": (paragraph, 100_000),
    "unclosed": (unclosed, 75_000),
    "blockquote": (blockquote, 25_000),
    "quotes": (quotes, 5_000),
    "headings": (headings, 5_000),
}


def make_dossier(work, body):
    os.makedirs(work)
    # The built-in theme, not the repository's copy of it, so that older binaries build too.
    for part in ["dossier.toml", "content"]:
        src = os.path.join(ROOT, part)
        if os.path.isdir(src):
            shutil.copytree(src, os.path.join(work, part))
        elif os.path.exists(src):
            shutil.copy(src, work)
    with open(os.path.join(work, "content", "articles", "zz-generated.md"), "w") as f:
        f.write('+++\ntitle = "Generated"\ndate = 2020-01-06\nsource = "Test"\n+++\n\n')
        f.write(body)


def build(binary, work, out):
    """Runs one build; returns (wall seconds, user CPU seconds, peak RSS in MiB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    # A fresh process per build, so that ru_maxrss is this build's own peak.
    wrapper = (
        "import resource, subprocess, sys;"
        "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE);"
        "sys.stderr.buffer.write(r.stderr[-2000:]) if r.returncode else None;"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss);"
        "sys.exit(r.returncode)"
    )
    run = subprocess.run(
        [sys.executable, "-c", wrapper, binary, "build", "--root", work, "--output", out],
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - start
    if run.returncode != 0:
        sys.exit(f"{binary} failed on {work}:\n{run.stderr}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime, int(run.stdout.strip()) / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", action="append", help="dossier binary (repeatable)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--case", action="append", choices=sorted(CASES))
    parser.add_argument("--scales", default="1,2,4")
    args = parser.parse_args()
    binaries = args.binary or [os.path.join(ROOT, "target", "release", "dossier")]
    scales = [int(s) for s in args.scales.split(",")]
    print("case        size      binary            wall s   user s   peak MiB")
    with tempfile.TemporaryDirectory(prefix="dossier-scaling-") as tmp:
        for case in args.case or list(CASES):
            make, base = CASES[case]
            for scale in scales:
                size = base * scale
                work = os.path.join(tmp, f"{case}-{size}")
                make_dossier(work, make(size))
                results = {b: [] for b in binaries}
                for _ in range(args.runs):
                    for b in binaries:
                        out = os.path.join(tmp, "out")
                        shutil.rmtree(out, ignore_errors=True)
                        results[b].append(build(b, work, out))
                for b in binaries:
                    walls, users, peaks = zip(*results[b])
                    print(
                        f"{case:<11} {size:<9} {b[-16:]:<16} "
                        f"{statistics.median(walls):>7.2f} {statistics.median(users):>8.2f} "
                        f"{max(peaks):>10.0f}"
                    )
                shutil.rmtree(work)


if __name__ == "__main__":
    main()
