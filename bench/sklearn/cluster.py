"""Peer for `corroborate eval cluster`: scikit-learn TF-IDF vectors grouped by
agglomerative clustering (cosine distance, average linkage), with the distance
threshold tuned on the same file, scored by BCubed against the "story" field.

Usage: /usr/bin/python3 cluster.py FILE.jsonl
Prints one JSON line: {"peer", "threshold", "precision", "recall", "f1", "seconds"}.
Needs Debian's python3-sklearn.
"""
import json
import sys
import time
from collections import defaultdict

from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer


def bcubed(pred, gold):
    clusters, classes = defaultdict(set), defaultdict(set)
    for i, (p, g) in enumerate(zip(pred, gold)):
        clusters[p].add(i)
        classes[g].add(i)
    prec = rec = 0.0
    for i, (p, g) in enumerate(zip(pred, gold)):
        same = len(clusters[p] & classes[g])
        prec += same / len(clusters[p])
        rec += same / len(classes[g])
    n = len(pred)
    prec, rec = prec / n, rec / n
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def main():
    records = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
    texts = [(r.get("title") or "") + "\n" + (r.get("text") or "") for r in records]
    gold = [r["story"] for r in records]
    start = time.perf_counter()
    vectors = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts).toarray()
    best = None
    for step in range(10, 100, 5):
        threshold = step / 100
        model = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average", distance_threshold=threshold)
        pred = model.fit_predict(vectors)
        p, r, f = bcubed(list(pred), gold)
        if best is None or f > best[3]:
            best = (threshold, p, r, f)
    seconds = time.perf_counter() - start
    print(json.dumps({"peer": "scikit-learn TF-IDF + agglomerative (average, cosine)", "threshold": best[0],
                      "precision": best[1], "recall": best[2], "f1": best[3], "seconds": seconds}))


if __name__ == "__main__":
    main()
