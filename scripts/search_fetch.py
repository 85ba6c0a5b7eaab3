#!/usr/bin/env python3
"""What a search query fetches from a built site's index, raw and gzip-compressed.

For each query (words separated by spaces) it counts what `static/search.js` loads:
`meta.json`, the term chunk of each word, and the fragment files of the ten results
with the most weight among the documents that have every word (the client ranks them
more finely, but fetches the same number of files). Prints each query's files and
bytes, and the medians.

    scripts/search_fetch.py SITE "query one" "query two" ...
"""
import bisect
import gzip
import json
import os
import sys


def main():
    site, queries = sys.argv[1], sys.argv[2:]
    base = os.path.join(site, "data/search")
    meta = json.load(open(os.path.join(base, "meta.json")))

    def size(path):
        data = open(path, "rb").read()
        return len(data), len(gzip.compress(data, 6))

    def kind_of(doc):
        for k in meta["kinds"]:
            if k["start"] <= doc < k["start"] + k["count"]:
                return k
        raise ValueError(doc)

    totals = []
    for query in queries:
        files = {os.path.join(base, "meta.json")}
        per_term = []
        for term in query.lower().split():
            chunk = bisect.bisect_right(meta["chunks"], term) - 1
            path = os.path.join(base, "terms", f"{chunk}.json")
            files.add(path)
            postings = json.load(open(path)).get(term, [])
            doc, weights = 0, {}
            for i in range(0, len(postings) - 2, 3):
                doc += postings[i]
                weights[doc] = weights.get(doc, 0) + postings[i + 2]
            per_term.append(weights)
        common = set(per_term[0]).intersection(*per_term[1:]) if per_term else set()
        shown = sorted(common, key=lambda d: -sum(w.get(d, 0) for w in per_term))[:10]
        for doc in shown:
            k = kind_of(doc)
            n = (doc - k["start"]) // k["per_file"]
            files.add(os.path.join(base, "docs", f"{k['kind']}-{n}.json"))
        raw = sum(size(f)[0] for f in files)
        packed = sum(size(f)[1] for f in files)
        totals.append((raw, packed))
        print(f"{query!r}: {len(files)} files, {raw / 1024:.0f} KB raw, {packed / 1024:.0f} KB gzip")
    raws = sorted(t[0] for t in totals)
    packs = sorted(t[1] for t in totals)
    print(f"median: {raws[len(raws) // 2] / 1024:.0f} KB raw, {packs[len(packs) // 2] / 1024:.0f} KB gzip")


if __name__ == "__main__":
    main()
