#!/usr/bin/env python3
"""Writes assets/gazetteer/brands.tsv: names of brands (firms, services and products) that modern
news names, for src/analysis/gazetteer.rs (`is_brand`): a brand is a firm's or a thing's name,
never a person's or a place's, and a brand that is also an ordinary word ("Twitter", "Zoom") is a
name where it is capitalised inside a sentence.

Source (a registry package; download it, then run this script with its path):

| package              | version | licence | used for                                                        |
| -------------------- | ------- | ------- | --------------------------------------------------------------- |
| simple-icons (npm)   | 16.37.0 | CC0-1.0 | the titles of its 3,470 brand icons and their "aka" names (X: Twitter) |

    npm pack simple-icons@16.37.0 && tar xzf simple-icons-16.37.0.tgz
    python3 assets/gazetteer/make_brands.py package/data/simple-icons.json assets/gazetteer \
        > assets/gazetteer/brands.tsv

Left out, so that the list never makes a person or a place of a brand's word: names of one or
two characters or not starting with a capital or a digit; listed companies (companies.tsv has
them); places (places.tsv); demonyms ("Norwegian"); first names ("Tina", "Hal") and common surnames
("Ford", "Abbott", "Castro"), which name people in the news more often than the brand; and single
words whose case common_words.tsv counted in news ("Next", "Target", "Red": capitalised, such a
word is as often another name or a sentence's first word); a word it lists as ordinary but rare,
with no counts ("twitter", "zoom"), stays, capitalised it is the brand.
Columns: name, and 1 when the name is such a rare ordinary word too.
"""
import json
import os
import sys


# The share common_words.tsv gives a word it took from a word list with no counts of its case:
# ordinary but rare ("twitter", "cairn"); any other share was counted in CoNLL-2003's text.
RARE_ORDINARY = 60


def rows(path):
    for line in open(path, encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            yield line.rstrip("\n").split("\t")


def main(icons_path, gazetteer_dir):
    g = lambda name: os.path.join(gazetteer_dir, name)
    share = {f[0]: int(f[1]) if len(f) > 1 and f[1].isdigit() else 100 for f in rows(g("common_words.tsv"))}
    companies = {f[0].lower() for f in rows(g("companies.tsv"))}
    places = {f[0].lower() for f in rows(g("places.tsv"))}
    demonyms = {f[0].lower() for f in rows(g("demonyms.tsv"))}
    people = {f[0].lower() for name in ("first_names.tsv", "us_first_names.tsv", "common_surnames.tsv")
              for f in rows(g(name))}
    names = set()
    for icon in json.load(open(icons_path, encoding="utf-8")):
        names.add(icon["title"])
        names.update((icon.get("aliases") or {}).get("aka") or [])
    kept = {}
    for n in names:
        low = n.lower()
        if len(n) <= 2 or not (n[0].isupper() or n[0].isdigit()):
            continue
        if low in companies or low in places or low in demonyms or low in people:
            continue
        if " " in n:
            kept[n] = 0
        elif share.get(low, RARE_ORDINARY) == RARE_ORDINARY:
            kept[n] = int(low in share)
    print("# Brands: firms, services and products (never a person's or a place's name); see make_brands.py.")
    print("# Derived from simple-icons 16.37.0 (CC0-1.0): icon titles and their aka names.")
    print("# Columns: name, 1 if also an ordinary English word (common_words.tsv).")
    for n in sorted(kept):
        print(f"{n}\t{kept[n]}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
