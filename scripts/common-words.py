#!/usr/bin/env python3
"""Rebuilds Patterns/lexicons/common-words.txt from the published letters in ../shared/realdata.

Every word of three letters or more that the published letters write in lower case at least
twice is an ordinary word (their names were removed before publication)."""
import collections, glob, os, re, sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
shared = os.path.join(root, "..", "shared", "realdata")
counts = collections.Counter()
for path in glob.glob(os.path.join(shared, "dwc", "*.txt")) + glob.glob(os.path.join(shared, "dmhc", "*")):
    text = open(path, encoding="utf-8", errors="replace").read()
    counts.update(re.findall(r"(?<![A-Za-z'])[a-z][a-z'-]*[a-z](?![A-Za-z])", text))
words = sorted(w for w, n in counts.items() if n >= 2 and len(w) >= 3)
out = os.path.join(root, "Patterns", "lexicons", "common-words.txt")
with open(out) as existing:
    header = "".join(line for line in existing if line.startswith("#"))
with open(out, "w") as target:
    target.write(header + "\n".join(words) + "\n")
print(f"{len(words)} words", file=sys.stderr)
