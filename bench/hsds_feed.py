#!/usr/bin/env python3
"""Writes an HSDS 3.0 feed of N generated services for the benchmark, in files of 500 services (~300 KiB: a request
body may not exceed 512 KiB, quarkus.http.limits.max-body-size).

usage: hsds_feed.py N OUTDIR ORGANISATION_ID
Deterministic (ids are uuid3 of "pathways-bench:service:<n>", needs/languages/areas from n), so a rerun of the import
is an idempotent upsert. 1-3 needs, 1-2 languages, half with interpreting, one service area, minimum age on every fifth.
"""
import hashlib, json, os, sys, uuid

NEEDS = ["domestic-abuse", "coercive-control", "sexual-violence", "counselling", "mental-health", "refuge-safe-accommodation",
         "housing-homelessness", "money-debt", "welfare-benefits", "legal-immigration", "nrpf", "ddvc", "legal-family",
         "employment-skills", "english-language", "isolation", "peer-support-groups", "forced-marriage", "honour-based-violence",
         "substance-use"]
LANGS = ["en", "ur", "pa", "ar", "bn", "so", "pl", "cy"]
INTERP = ["ur", "pa", "ar", "bn", "so", "fa"]
AREAS = ["Coventry", "Birmingham", "London", "Sheffield", "Cardiff", "Glasgow", "West Midlands", "United Kingdom"]


def uid(s):
    return str(uuid.UUID(bytes=hashlib.md5(s.encode()).digest(), version=3))


def h(s):
    return int(hashlib.md5(s.encode()).hexdigest()[:8], 16)


def service(n, org):
    sid = uid(f"pathways-bench:service:{n}")
    needs = sorted({NEEDS[h(f"{n}n{k}") % len(NEEDS)] for k in range(1 + n % 3)})
    langs = sorted({LANGS[h(f"{n}l{k}") % len(LANGS)] for k in range(1 + n % 2)})
    s = {"id": sid, "name": f"Bench service {n}", "description": "Generated for the benchmark", "status": "active",
         "organization": {"id": org},
         "attributes": [{"id": uid(f"{sid}:a:{c}"), "taxonomy_term": {"code": c}} for c in needs],
         "languages": [{"id": uid(f"{sid}:l:{c}"), "code": c} for c in langs],
         "service_areas": [{"id": uid(f"{sid}:area"), "name": AREAS[h(f"{n}a") % len(AREAS)]}]}
    if n % 5 == 0:
        s["minimum_age"] = 18
    if h(f"{n}i") % 2 == 0:
        s["pathways"] = {"interpreting_languages": [INTERP[h(f"{n}i") % len(INTERP)]]}
    return s


def main():
    count, out, org = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    os.makedirs(out, exist_ok=True)
    per_file = 500
    for start in range(0, count, per_file):
        with open(os.path.join(out, f"feed-{start // per_file:03d}.json"), "w") as f:
            json.dump({"services": [service(n, org) for n in range(start, min(count, start + per_file))]}, f)


if __name__ == "__main__":
    main()
