#!/usr/bin/env python3
"""Builds a dossier of the corpus articles that mention a keyword (one story), each
article its own outlet, with the registry `dossier entities suggest` proposes, and
prints its claims: every figure of each, and whether the claim is reported
differently. For reading: a reported difference is right when the figures are about the
same quantity and their values do differ.

    scripts/figure_claims.py DOSSIER_BINARY OUT_DIR KEYWORD ../shared/corpora/bbc/business-*.txt

The BBC corpus gives no dates: its articles are all dated one day, the harshest case,
in which every count is compared with every other. Files named as PolNeAR's are
(`<publisher>_<YYYY-MM-DD>_<slug>.txt`) give their own date and outlet:

    scripts/figure_claims.py DOSSIER_BINARY OUT_DIR delegates ../shared/corpora/polnear/*.txt
"""
import datetime
import re
import glob
import json
import os
import shutil
import subprocess
import sys


def main():
    binary, out, keyword, files = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    undated = datetime.date(2005, 1, 1)
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(os.path.join(out, "content/articles"))
    with open(os.path.join(out, "dossier.toml"), "w") as f:
        f.write('title = "Claims"\nbase_url = "https://example.org/"\n')
    open(os.path.join(out, "content/entities.toml"), "w").close()
    kept = 0
    for path in sorted(files):
        lines = open(path, encoding="utf-8", errors="replace").read().strip().split("\n")
        body = "\n".join(lines[1:]).strip()
        if keyword not in body and keyword not in lines[0]:
            continue
        name = os.path.basename(path).rsplit(".", 1)[0]
        title = lines[0].strip().replace("\\", "").replace('"', "'")
        day = undated
        source = name
        polnear = re.match(r"([a-z-]+)_(\d{4}-\d{2}-\d{2})_", name)
        if polnear:
            source, day = polnear.group(1), polnear.group(2)
        with open(os.path.join(out, "content/articles", name + ".md"), "w") as f:
            f.write(f'+++\ntitle = "{title}"\ndate = {day}\nsource = "{source}"\n+++\n{body}\n')
        kept += 1
    registry = subprocess.run(
        [binary, "entities", "suggest", "--root", out], capture_output=True, text=True, check=True
    ).stdout
    with open(os.path.join(out, "content/entities.toml"), "w") as f:
        f.write(registry)
    subprocess.run([binary, "build", "--root", out, "--output", os.path.join(out, "public")],
                   capture_output=True, check=True)
    data = os.path.join(out, "public/data")
    figures = {}
    for p in sorted(glob.glob(os.path.join(data, "figures-*.jsonl"))):
        for line in open(p):
            r = json.loads(line)
            figures[r["id"]] = r
    claims = [json.loads(l) for p in sorted(glob.glob(os.path.join(data, "claims-*.jsonl"))) for l in open(p)]
    named = {}
    for p in sorted(glob.glob(os.path.join(data, "mentions-*.jsonl"))):
        for line in open(p):
            r = json.loads(line)
            named.setdefault(r["article"], set()).add(r["entity"])
    differ = sum(c["disagrees"] for c in claims)
    print(f"{keyword}: {kept} articles, {len(figures)} figures, {len(claims)} claims, {differ} reported differently")
    for c in claims:
        articles = list(dict.fromkeys(fid.split("#")[0] for fid in c["figures"]))
        shared = set.intersection(*(named.get(a, set()) for a in articles))
        print(f"  {c['id']} {'DIFFERENT' if c['disagrees'] else 'alike'}"
              f" (the articles name {len(shared)} entities in common)")
        for fid in c["figures"]:
            r = figures[fid]
            print(f"    {fid.split('#')[0]}: {r['text']} [{r['unit']}] {','.join(r['entities'][:6])}")


if __name__ == "__main__":
    main()
