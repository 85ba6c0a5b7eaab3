#!/usr/bin/env python3
"""Draw BBC articles and help label their quotation-mark pairs by hand.

The gold file `tests/data/bbc_quotes_gold.tsv` holds only file names, character
offsets and labels; the article text stays in the corpus (`$DOSSIER_CORPORA/bbc`,
never copied into the repository). This script never runs dossier: the labels come
from reading the text alone.

    scripts/label_quotes.py sample            # the drawn files, one a line
    scripts/label_quotes.py show FILE         # the article with its marks numbered,
                                              # and the proposed pairs
    scripts/label_quotes.py tsv LABELS        # labels read by hand -> the gold TSV

The sample: for each category (business, entertainment, politics, sport, tech), the
category's files in name order with byte-identical copies of an earlier file left
out; indices are drawn with SplitMix64 (the generator `Rng` in
`tests/quotes_corpus.rs`) seeded with SEED plus the category's position (0-4), as
`next() % count`, skipping repeats, until PER_CATEGORY files are drawn.

A labels file lists, after each file name on its own line, one line per pair:
`A B quote SPEAKER`, `A B quote -` or `A B term`, where A and B are the numbers
`show` gives the opening and closing marks (a quote over several paragraphs runs from
its first opening mark to its last closing mark) and SPEAKER is the speaker's fullest
name as the article writes it, `NAME@K` for its K-th occurrence (default the first).
The labels file quotes names from the articles, so it stays outside the repository;
the TSV it produces is the record (amend the TSV directly).
"""

import os
import re
import sys
from pathlib import Path

SEED = 1515
PER_CATEGORY = 8
CATEGORIES = ["business", "entertainment", "politics", "sport", "tech"]
MASK = (1 << 64) - 1


class Rng:
    """SplitMix64, as `Rng` in tests/quotes_corpus.rs."""

    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)


def bbc_dir():
    root = os.environ.get("DOSSIER_CORPORA") or str(
        Path(__file__).resolve().parent.parent / ".." / "shared" / "corpora"
    )
    return Path(root) / "bbc"


def sample():
    bbc = bbc_dir()
    drawn = []
    for k, cat in enumerate(CATEGORIES):
        seen = set()
        files = []
        for p in sorted(bbc.glob(f"{cat}-*.txt")):
            body = p.read_bytes()
            if body not in seen:
                seen.add(body)
                files.append(p.name)
        rng = Rng(SEED + k)
        picked = []
        while len(picked) < PER_CATEGORY:
            name = files[rng.next() % len(files)]
            if name not in picked:
                picked.append(name)
        drawn.extend(sorted(picked))
    return drawn


def marks(text):
    """Candidate quotation marks as (offset, length) in characters: every double
    mark, a doubled single mark ('' used as a double mark), and single marks that
    open (after a space, bracket or double mark, before a letter or digit) or close
    (after a non-space, before a space, punctuation or the end)."""
    out = []
    i = 0
    while i < len(text):
        c = text[i]
        if c in '"\u201c\u201d':
            out.append((i, 1))
        elif text.startswith("''", i):
            out.append((i, 2))
            i += 1
        elif c in "'\u2018\u2019":
            before = text[i - 1] if i > 0 else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            opens = (before.isspace() or before in '("') and after.isalnum()
            closes = not before.isspace() and (after.isspace() or after in ".,;:!?)\"")
            if opens or closes:
                out.append((i, 1))
        i += 1
    return out


def proposed_pairs(text, ms):
    """Pairs of double marks within a paragraph, in order; single marks pair with
    the next single mark in the same paragraph. Only a proposal for reading."""
    pairs = []
    para_of = lambda i: text.count("\n\n", 0, i)
    for double in (True, False):
        open_at = None
        for n, (i, length) in enumerate(ms):
            if (text[i] in '"\u201c\u201d' or length == 2) != double:
                continue
            if open_at is not None and para_of(ms[open_at][0]) == para_of(i):
                pairs.append((open_at, n))
                open_at = None
            else:
                open_at = n
    return sorted(pairs)


def show(name):
    text = (bbc_dir() / name).read_text(encoding="utf-8")
    ms = marks(text)
    out = []
    last = 0
    for n, (i, length) in enumerate(ms):
        out.append(text[last:i])
        out.append(f"\u27e6{n}\u27e7{text[i : i + length]}")
        last = i + length
    out.append(text[last:])
    print("".join(out))
    print("-- proposed pairs:")
    for a, b in proposed_pairs(text, ms):
        start, end = span(ms, a, b)
        inner = text[start + ms[a][1] : end - ms[b][1]].replace("\n", " ")
        words = len(inner.split())
        print(f"{a} {b}\t[{start},{end})\t{words}w\t{inner[:70]}")


def span(ms, a, b):
    """Opening mark `a` to just after closing mark `b`."""
    return ms[a][0], ms[b][0] + ms[b][1]


def speaker_range(text, spec):
    name, _, k = spec.partition("@")
    k = int(k or 1)
    found = [m.start() for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text)]
    if len(found) < k:
        sys.exit(f"speaker {name!r} occurs {len(found)} times, wanted occurrence {k}")
    s = found[k - 1]
    return s, s + len(name)


def tsv(labels_path):
    drawn = sample()
    print(
        f"# BBC quotation-mark pairs read by hand. Sample: seed {SEED}, {PER_CATEGORY} articles "
        f"from each of {', '.join(CATEGORIES)}: the category's files in name order, "
        "byte-identical copies of an earlier file left out, indices drawn with SplitMix64 "
        "seeded with seed + category index (0-4) as next() % count, repeats skipped "
        "(scripts/label_quotes.py sample)."
    )
    print(
        "# Labels, from the text alone: quote = words reported as said or written by "
        "someone (a fragment too); term = a word or phrase quoted as a name, title, label, "
        "slogan or scare quote, or a caption or sign quoted as text. A quote over several "
        "paragraphs, or reopened by a stray mark, is one pair; pairs nested in another are "
        "listed too. Speaker = the fullest name the article gives the speaker (person, "
        "organisation or publication); - when the text "
        "does not say (headline claims, unnamed witnesses, unnamed documents)."
    )
    print(
        "# Offsets count characters from the file start: start = the opening mark, end = just "
        "after the closing mark; speaker start and end likewise. Only offsets and labels: "
        "the text stays in the corpus."
    )
    print("# articles\t" + " ".join(drawn))
    print("file\tstart\tend\tlabel\tspeaker_start\tspeaker_end")
    labelled = []
    text = None
    ms = []
    for raw in Path(labels_path).read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip() if not raw.startswith("#") else ""
        if not line:
            continue
        if line.endswith(".txt"):
            name = line
            labelled.append(name)
            text = (bbc_dir() / name).read_text(encoding="utf-8")
            ms = marks(text)
            continue
        a, b, label, *rest = line.split(None, 3)
        start, end = span(ms, int(a), int(b))
        if label == "term":
            print(f"{name}\t{start}\t{end}\tterm\t-\t-")
        elif label == "quote":
            spec = rest[0] if rest else "-"
            if spec == "-":
                print(f"{name}\t{start}\t{end}\tquote\t-\t-")
            else:
                s, e = speaker_range(text, spec)
                print(f"{name}\t{start}\t{end}\tquote\t{s}\t{e}")
        else:
            sys.exit(f"unknown label {label!r} in {raw!r}")
    missing = [n for n in drawn if n not in labelled]
    if missing:
        print(f"not labelled yet: {missing}", file=sys.stderr)


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else "sample"
    if cmd == "sample":
        print("\n".join(sample()))
    elif cmd == "show":
        show(sys.argv[2])
    elif cmd == "tsv":
        tsv(sys.argv[2])
    else:
        sys.exit(__doc__)
