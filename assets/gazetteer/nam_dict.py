"""Reads nam_dict.txt, the name dictionary by Joerg Michael (c) 2007-2008, GNU FDL 1.2, that the
gender-guesser package ships: the one reader of it for make_gazetteer.py (first names) and
make_genders.py (their genders)."""

import os

import gender_guesser


def frequent_names():
    """Yields (gender mark, spellings) for every one-word name with a frequency of at least 3 in
    some country (frequency digits run 1-9, A-D). The mark is nam_dict's (M, 1M, F, 1F, ? ...);
    the spellings write its '+' as '-' and as nothing."""
    path = os.path.join(os.path.dirname(gender_guesser.__file__), "data", "nam_dict.txt")
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or len(line) < 30:
                continue
            name = line[3:29].strip()
            freqs = line[30:85]
            if not name or name.startswith("=") or " " in name:
                continue
            if not any(ch in "3456789ABCD" for ch in freqs):
                continue
            yield line[0:2].strip(), {name.replace("+", "-"), name.replace("+", "")}
