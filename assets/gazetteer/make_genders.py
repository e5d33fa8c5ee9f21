#!/usr/bin/env python3
"""Writes assets/gazetteer/first_name_genders.tsv, which src/analysis/speakers/gender.rs embeds.

Source: nam_dict.txt (c) 2007-2008 Joerg Michael, GNU FDL 1.2, as shipped in the gender-guesser
package 0.4.0 (GPLv3). Install it into a throw-away venv and run:
    python3 -m venv /tmp/genv && /tmp/genv/bin/pip install gender-guesser==0.4.0
    /tmp/genv/bin/python assets/gazetteer/make_genders.py

Kept: the first names that make_gazetteer.py keeps (a frequency of at least 3 in some country)
whose every entry is male or mostly male (M, 1M), or female or mostly female (F, 1F); names
marked unisex (?), or male in one country and female in another, are left out.
"""

import collections
import os

from nam_dict import frequent_names

HERE = os.path.dirname(os.path.abspath(__file__))
seen = collections.defaultdict(set)
for mark, spellings in frequent_names():
    gender = {"M": "m", "1M": "m", "F": "f", "1F": "f"}.get(mark, "?")
    for form in spellings:
        if form.isascii() and form.isalpha() or "-" in form:
            seen[form].add(gender)
rows = sorted(f"{n}\t{g.pop()}" for n, g in seen.items() if len(g) == 1 and g != {"?"})
path = os.path.join(HERE, "first_name_genders.tsv")
with open(path, "w", encoding="utf-8") as f:
    f.write(
        "# First names and their gender (m or f): nam_dict.txt (c) 2007-2008 Joerg Michael, GNU FDL 1.2,\n"
        "# as shipped in gender-guesser 0.4.0; only names male or female in every country that lists them.\n"
        "# Derived by make_genders.py.\n"
    )
    for row in rows:
        f.write(row + "\n")
print(f"first_name_genders.tsv: {len(rows)} rows, {os.path.getsize(path)} bytes")
