#!/usr/bin/env python3
"""The team's hand-labelled evaluation sets: labels kept as character offsets, texts read from the corpora.

Each set is a folder here (`bbc`, `bbc-heldout`, `pages`, ...) holding offsets into the team's corpora (the BBC
News corpus, research use only; the reference texts of the article-extraction benchmark's pages), never the
articles' text, so the repository holds no corpus text. `build` rebuilds the scoring files from a copy of
the corpora:

    python3 src/benches/devsets/devset.py build ../shared/corpora /tmp/devsets
    cargo build --release
    python3 ../shared/eval/ner_eval.py /tmp/devsets/bbc-ner.conll --cmd 'target/release/lede dump'
    target/release/lede dump /tmp/devsets/bbc-quotes > /tmp/bbc-quotes.jsonl
    python3 ../shared/eval/polnear/polnear_eval.py /tmp/bbc-quotes.jsonl /tmp/devsets/bbc-quotes.gold.json

`import SET LABELS_DIR` turns a labeller's working files (ner/NAME.tsv: `mention<TAB>KIND` in document
order; quotes/NAME.todo + NAME.tsv: `Q<n><TAB>TYPE<TAB>speaker`) into the offset files kept in SET. A set
labelled for quotes only (`bbc-quotes3`: no ner/ folder) gets no ner.tsv and builds no -ner.conll. How the
articles were chosen and the labelling rules: README.md beside this file.
"""
import html
import hashlib
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SETS = ("bbc", "bbc-heldout", "bbc-heldout2", "pages", "bbc-quotes3", "bbc-quotes4", "bbc-names4")
KINDS = ("PER", "ORG", "LOC", "MISC")
QUOTE_TYPES = ("name", "pronoun", "described", "nominal", "none")


def articles(name):
    """(file name in the set, where its text is, sha1 of the text) for every article of set `name`.
    A BBC article is a file under `bbc/`; a page is the first `length` characters of its reference text
    in `html/ground-truth.json` (cut at a paragraph's end), written with a final newline."""
    rows = []
    for line in open(os.path.join(HERE, name, "articles.tsv"), encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            cols = line.rstrip("\n").split("\t")
            if len(cols) == 2:
                rows.append((cols[0].replace("/", "-"), ("bbc", cols[0]), cols[1]))
            else:
                rows.append((cols[0][:12] + ".txt", ("page", cols[0], int(cols[1])), cols[2]))
    return rows


def read_text(corpora, where, sha, pages={}):
    if where[0] == "bbc":
        text = open(os.path.join(corpora, "bbc", where[1]), "rb").read().decode("utf-8")
    else:
        if not pages:
            pages.update(json.load(open(os.path.join(corpora, "html", "ground-truth.json"), encoding="utf-8")))
        text = pages[where[1]]["articleBody"][: where[2] - 1].strip() + "\n"
    if hashlib.sha1(text.encode("utf-8")).hexdigest() != sha:
        sys.exit(f"{where[1]}: not the labelled version of the article (sha1 differs)")
    return text


def find_in_order(text, mention, cursor):
    hit = re.compile(r"(?<!\w)" + re.escape(mention) + r"(?!\w)").search(text, cursor)
    return (hit.start(), hit.end()) if hit else None


# ----------------------------------------------------------------------------- import
def import_labels(set_name, work):
    """The labeller's mention lists and quote answers -> offset files. Without a ner/ folder the set is
    quotes only: no ner.tsv is written (an empty one would score every name as missed)."""
    listed = articles(set_name)
    texts = {name: open(os.path.join(work, "text", name), encoding="utf-8").read() for name, _, _ in listed}
    ner, quotes, problems = [], [], 0
    has_names = os.path.isdir(os.path.join(work, "ner"))
    for name, _, _ in listed:
        stem, text = name[:-4], texts[name]
        cursor = 0
        ner_lines = open(os.path.join(work, "ner", stem + ".tsv"), encoding="utf-8") if has_names else []
        for n, line in enumerate(ner_lines, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            mention, kind = line.split("\t")
            span = find_in_order(text, mention, cursor)
            if kind not in KINDS or span is None:
                print(f"{stem}.tsv:{n}: {line!r} not found in order, or a bad kind")
                problems += 1
                continue
            ner.append(f"{name}\t{span[0]}\t{span[1]}\t{kind}")
            cursor = span[1]
        if not os.path.exists(os.path.join(work, "quotes", stem + ".todo")):
            continue
        todo = [l.rstrip("\n").split("\t") for l in open(os.path.join(work, "quotes", stem + ".todo"), encoding="utf-8") if l.strip()]
        answers = [l.rstrip("\n").split("\t") for l in open(os.path.join(work, "quotes", stem + ".tsv"), encoding="utf-8") if l.strip()]
        if len(todo) != len(answers):
            print(f"{stem}: {len(todo)} quotes, {len(answers)} answers")
            problems += 1
            continue
        for (qid, s, e, _), ans in zip(todo, answers):
            qtype = ans[1] if len(ans) > 1 else ""
            speaker = ans[2].strip() if len(ans) > 2 else ""
            if ans[0] != qid or qtype not in QUOTE_TYPES:
                print(f"{stem}: {qid}: bad answer {ans!r}")
                problems += 1
                continue
            ss = se = -1
            if qtype != "none":
                span = find_in_order(text, speaker, 0)
                if span is None:
                    print(f"{stem}: {qid}: speaker {speaker!r} is not written so in the article")
                    problems += 1
                    continue
                ss, se = span
            quotes.append(f"{name}\t{s}\t{e}\t{qtype}\t{ss}\t{se}")
    if has_names:
        with open(os.path.join(HERE, set_name, "ner.tsv"), "w", encoding="utf-8") as out:
            out.write("# article\tstart\tend\tkind  (character offsets, end exclusive)\n" + "\n".join(ner) + "\n")
    if not quotes:
        print(f"imported {len(ner)} names; {problems} problems")
        return
    with open(os.path.join(HERE, set_name, "quotes.tsv"), "w", encoding="utf-8") as out:
        out.write("# article\tstart\tend\ttype\tspeaker_start\tspeaker_end  (character offsets; -1: no speaker)\n"
                  + "\n".join(quotes) + "\n")
    print(f"imported {len(ner)} names and {len(quotes)} quotes; {problems} problems")


# ----------------------------------------------------------------------------- build
TOKEN = re.compile(r"[A-Za-z]\.(?:[A-Za-z]\.)+|\d+(?:[-.,:/]\d+)*(?:[a-z]+)?|(?:\w|&#\d+;)+(?:[-'’&.](?:\w|&#\d+;)+)*|[^\w\s]")


def tokens_of(text, start, end):
    """Penn-Treebank-like tokens with character spans: punctuation apart, "Blair's" -> "Blair" "'s"."""
    out = []
    for m in TOKEN.finditer(text, start, end):
        s, e, tok = m.start(), m.end(), m.group()
        low = tok.lower()
        if len(tok) > 2 and low[-2:] in ("'s", "’s") and tok[-3].isalpha():
            out += [(s, e - 2), (e - 2, e)]
        elif len(tok) > 3 and low.endswith("n't"):
            out += [(s, e - 3), (e - 3, e)]
        else:
            out.append((s, e))
    return out


def sentences_of(text):
    """Every non-empty line (a BBC paragraph, or the title) cut into sentences after . ! ? before a capital
    or a quote mark."""
    sents = []
    lines = text.split("\n")
    spans, off = [], 0
    for i, line in enumerate(lines):
        if line.strip():
            spans.append((off, off + len(line), i == 0))
        off += len(line) + 1
    for s, e, _ in spans:
        toks = tokens_of(text, s, e)
        cur = []
        for k, t in enumerate(toks):
            cur.append(t)
            word = text[t[0]:t[1]]
            nxt = text[toks[k + 1][0]:toks[k + 1][1]] if k + 1 < len(toks) else ""
            if word in (".", "!", "?") and (nxt[:1].isupper() or nxt in ('"', "“")):
                sents.append(cur)
                cur = []
        if cur:
            sents.append(cur)
    return sents


def build(corpora, out):
    for set_name in SETS:
        if any(os.path.exists(os.path.join(HERE, set_name, f)) for f in ("ner.tsv", "quotes.tsv")):
            build_set(set_name, corpora, out)


def build_set(set_name, corpora, out):
    listed = articles(set_name)
    texts = {name: read_text(corpora, where, sha) for name, where, sha in listed}
    os.makedirs(out, exist_ok=True)
    if os.path.exists(os.path.join(HERE, set_name, "ner.tsv")):
        build_names(set_name, listed, texts, out)
    if os.path.exists(os.path.join(HERE, set_name, "quotes.tsv")):
        build_quotes(set_name, listed, texts, corpora, out)


def build_names(set_name, listed, texts, out):
    names = {}
    for line in open(os.path.join(HERE, set_name, "ner.tsv"), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        name, s, e, kind = line.rstrip("\n").split("\t")
        names.setdefault(name, []).append((int(s), int(e), kind))
    cut = 0
    with open(os.path.join(out, f"{set_name}-ner.conll"), "w", encoding="utf-8") as conll:
        for name, _, _ in listed:
            text, spans = texts[name], names.get(name, [])
            conll.write("-DOCSTART- -X- -X- O\n\n")
            for sent in sentences_of(text):
                for ts, te in sent:
                    tag = "O"
                    for s, e, kind in spans:
                        if ts < e and te > s:
                            if ts < s or te > e:
                                cut += 1
                            tag = ("B-" if ts <= s else "I-") + kind
                            break
                    # As a reader sees it: lede decodes the character references
                    # the BBC files carry ("Jos&#233;" is "José").
                    conll.write(f"{html.unescape(text[ts:te])} _ _ {tag}\n")
                conll.write("\n")
    print(f"built {out}/{set_name}-ner.conll ({sum(map(len, names.values()))} names, {cut} cut through a token)")


def build_quotes(set_name, listed, texts, corpora, out):
    quote_dir = os.path.join(out, f"{set_name}-quotes")
    os.makedirs(quote_dir, exist_ok=True)
    gold = {"corpus": "hand-labelled", "split": set_name, "articles": []}
    by_article = {}
    for line in open(os.path.join(HERE, set_name, "quotes.tsv"), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        name, s, e, qtype, ss, se = line.rstrip("\n").split("\t")
        by_article.setdefault(name, []).append((int(s), int(e), qtype, int(ss), int(se)))
    sys.path.insert(0, os.path.join(corpora, "..", "eval", "polnear"))
    from polnear_eval import optional_reason  # the scorer's own rule for one-word and title-like quotes
    for name, _, _ in listed:
        text = texts[name]
        with open(os.path.join(quote_dir, name), "w", encoding="utf-8") as fh:
            fh.write(text)
        title_end = text.find("\n")
        art = {"name": name[:-4], "file": name, "text": text, "title_end": title_end, "quotes": [], "unattributed": []}
        for s, e, qtype, ss, se in by_article.get(name, []):
            q = {"start": s, "end": e, "text": text[s:e], "optional": optional_reason(text[s:e]),
                 "title": s < title_end, "stretch": 0}
            if qtype == "none":
                art["unattributed"].append(q)
                continue
            speaker = text[ss:se]
            words = [w for w in re.findall(r"[\w'’.-]+", speaker) if w[:1].isupper()] or speaker.split()
            q.update(attribution=f"Q{s}", source=speaker, source_start=ss,
                     source_type={"described": "name"}.get(qtype, qtype), speaker=speaker,
                     last_names=[re.sub(r"['’]s$", "", words[-1])] if words else [])
            art["quotes"].append(q)
        gold["articles"].append(art)
    with open(os.path.join(out, f"{set_name}-quotes.gold.json"), "w", encoding="utf-8") as fh:
        json.dump(gold, fh, ensure_ascii=False)
    print(f"built {out}/{set_name}-quotes.gold.json ({sum(map(len, by_article.values()))} quoted stretches)")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "import" and sys.argv[2] in SETS:
        import_labels(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 4 and sys.argv[1] == "build":
        build(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
