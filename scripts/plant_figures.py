#!/usr/bin/env python3
"""Plants figures with a known answer in a copy of a generated dossier, builds it, and
measures how many of them the claims find.

    python3 ../shared/bench/gen_corpus.py --format dossier -n 1000 -o /tmp/g1k
    scripts/plant_figures.py target/release/dossier /tmp/g1k /tmp/g1k-planted

Each planted quantity is a count of one thing (troops, detainees...) in one place,
linked to one organisation, reported by two or three articles of different outlets
dated at most a day apart, in sentences of different shapes ("X now has some 5,000
troops in Y, according to officials.", "X said it had sent 5,000 troops to Y."). Half
the quantities are reported with one value (or qualified values that meet); the other half with a value in one article that
another contradicts (a third more or less). It prints, for each kind, how many the
claims get right: all its figures in one claim, reported differently exactly when
planted so. A seed makes the planting the same from run to run.
"""
import datetime
import glob
import json
import os
import random
import re
import shutil
import subprocess
import sys

NOUNS = ["troops", "detainees", "peacekeepers", "aid workers", "police officers", "advisers"]
QUALIFIERS = ["", "some ", "about ", "around ", "an estimated "]
TEMPLATES = [
    "{org} now has {q}{n} {noun} in {place}, according to officials.",
    "{org} said it had sent {q}{n} {noun} to {place}.",
    "There are {q}{n} {noun} from {org} in {place}, the report said.",
    "{place} is home to {q}{n} {noun} linked to {org}.",
]


def registry(root):
    """(id, name, kind) of each entity of the dossier's registry."""
    out, cur = [], {}
    for line in open(os.path.join(root, "content/entities.toml"), encoding="utf-8"):
        line = line.strip()
        if line == "[[entity]]":
            if cur:
                out.append(cur)
            cur = {}
        m = re.match(r'^(id|name|kind) = "(.*)"$', line)
        if m:
            cur[m.group(1)] = m.group(2)
    if cur:
        out.append(cur)
    return out


def field_of(path, name):
    for line in open(path, encoding="utf-8"):
        if line.startswith(name + " = "):
            return line.split("=", 1)[1].strip().strip('"')
    return ""


def source_of(path):
    return field_of(path, "source")


def day_of(path):
    return datetime.date.fromisoformat(field_of(path, "date")[:10])


def main():
    binary, src, out = sys.argv[1], sys.argv[2], sys.argv[3]
    quantities = int(os.environ.get("QUANTITIES", "60"))
    rng = random.Random(int(os.environ.get("SEED", "19")))
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(src, out, ignore=shutil.ignore_patterns("public"))
    ents = registry(out)
    places = [e for e in ents if e.get("kind") == "place"]
    orgs = [e for e in ents if e.get("kind") in ("organisation", "organization")]
    paths = sorted(glob.glob(os.path.join(out, "content/articles/*.md")))
    rng.shuffle(paths)
    planted = []  # (quantity, slug, value, qualifier, disagreeing)
    appended = {}
    for qn in range(quantities):
        disagree = qn % 2 == 1
        place, org = rng.choice(places), rng.choice(orgs)
        noun = NOUNS[qn % len(NOUNS)]
        value = rng.randrange(12, 900) * 100
        reports = rng.choice([2, 3])
        # The reports of one quantity come out together: a day apart at most.
        chosen = []
        while len(chosen) < reports:
            first = paths.pop()
            chosen, outlets = [first], {source_of(first)}
            for p in paths:
                if len(chosen) == reports:
                    break
                if source_of(p) not in outlets and 0 <= (day_of(p) - day_of(first)).days <= 1:
                    outlets.add(source_of(p))
                    chosen.append(p)
        for p in chosen[1:]:
            paths.remove(p)
        for k, p in enumerate(chosen):
            v, q = value, rng.choice(QUALIFIERS)
            if disagree and k == 0:
                v, q = int(value * rng.choice([0.6, 0.7, 1.35, 1.5]) // 100 * 100), ""
            elif disagree:
                q = ""
            sentence = rng.choice(TEMPLATES).format(
                org=org["name"], place=place["name"], q=q, n=f"{v:,}", noun=noun)
            appended.setdefault(p, []).append(sentence)
            slug = os.path.basename(p)[:-3]
            planted.append((qn, slug, f"{v:,}", noun, disagree, sentence))
    for p, sentences in appended.items():
        with open(p, "a", encoding="utf-8") as f:
            f.write("\n" + "\n\n".join(sentences) + "\n")
    subprocess.run([binary, "build", "--root", out, "--output", os.path.join(out, "public")],
                   check=True, capture_output=True)
    data = os.path.join(out, "public/data")
    figures = [json.loads(l) for p in sorted(glob.glob(os.path.join(data, "figures-*.jsonl")))
               for l in open(p)]
    claims = {c["id"]: c for p in sorted(glob.glob(os.path.join(data, "claims-*.jsonl")))
              for c in map(json.loads, open(p))}
    right = {True: 0, False: 0}
    found_figures, mixed = 0, 0
    for qn in range(quantities):
        members = [x for x in planted if x[0] == qn]
        claim_ids = set()
        hits = []
        for _, slug, v, noun, _, _ in members:
            hit = [f for f in figures
                   if f["article"] == slug and v in f["text"] and noun.split()[-1] in f["text"]]
            found_figures += bool(hit)
            claim_ids.add(hit[0]["claim"] if hit else None)
            hits.append(hit[0] if hit else None)
        disagree = members[0][4]
        ok = False
        if len(claim_ids) == 1 and None not in claim_ids:
            claim = claims[claim_ids.pop()]
            ok = claim["disagrees"] == disagree
            right[disagree] += ok
            mixed += len(claim["figures"]) > len(members)
        if not ok and os.environ.get("VERBOSE"):
            print(f"quantity {qn} ({'different' if disagree else 'alike'}):")
            for m, h in zip(members, hits):
                print(f"  {m[1]}: {m[5]}")
                print(f"    -> {h and {k: h[k] for k in ('text', 'unit', 'entities', 'authority', 'claim')}}")
    half = quantities // 2
    print(f"planted figures found: {found_figures} of {len(planted)}")
    print(f"planted disagreements reported as one claim, reported differently: {right[True]} of {half}")
    print(f"planted agreements reported as one claim, alike: {right[False]} of {quantities - half}")
    print(f"claims of planted figures that took in other figures too: {mixed}")
    all_claims = list(claims.values())
    differ = sum(c["disagrees"] for c in all_claims)
    print(f"claims in the dossier: {len(all_claims)}, reported differently: {differ}")
    # Every reported difference that is not a planted one is counted wrong, though the
    # generated text may hold real ones.
    print(f"precision of reported differences, at worst: {right[True]}/{differ}"
          f" = {right[True] / max(differ, 1):.2f}")


if __name__ == "__main__":
    main()
