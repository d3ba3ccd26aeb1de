#!/usr/bin/env python3
"""recall.py — how many of a model's threats the rule catalog rediscovers.

    python3 tools/recall.py [--bin build/premarket] [--json] [--missed] MODEL.yaml...

For each MODEL (a model whose authors wrote its threats): copy the folder it
is in, take out every threat, every rule disposition and every reference to
a threat (use cases, vulnerabilities, anomalies...), run
`premarket threats --format json` on the copy, and compare:

  truth      the pairs (element, STRIDE category) of the authors' threats:
             every target of a threat with each of its STRIDE categories
             (a threat without targets counts for the "device");
  found      the pairs (element, STRIDE category) of the catalog's matches;
  exact      a truth pair is found when a match names the same element and
             the same category;
  near       ... or a match with the same category on a neighbour: the
             component an interface belongs to (or an interface of the
             component), the ends of a flow (or a flow from or to the
             component), the components running an SBOM component, the
             components of a zone.

Recall is found / truth, per model, per STRIDE category and overall; with
--missed, the truth pairs nothing found.  Precision is not measured: the
catalog proposes threats the authors may have left out on purpose.

Needs python3-yaml.  Exit 0, or 2 on a usage error or a model that does not
load once stripped.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

import yaml

STRIDE = ["spoofing", "tampering", "repudiation", "information_disclosure", "denial_of_service",
          "elevation_of_privilege"]


def as_list(v):
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


def load_files(main):
    """The model's files: main and what its include: lists reach, as {path: data}."""
    out, todo = {}, [os.path.abspath(main)]
    while todo:
        p = todo.pop()
        if p in out:
            continue
        with open(p, encoding="utf-8") as f:
            data = yaml.safe_load(f) or {}
        out[p] = data
        for inc in as_list(data.get("include")):
            todo.append(os.path.normpath(os.path.join(os.path.dirname(p), inc)))
    return out


def merged(files):
    """Top-level lists of every file, concatenated (as the loader merges them)."""
    m = {}
    for data in files.values():
        for k, v in data.items():
            if isinstance(v, list):
                m.setdefault(k, []).extend(v)
            elif k not in m:
                m[k] = v
    return m


def strip_refs(node, ids):
    """node without threat ids: list items removed, mapping values dropped."""
    if isinstance(node, dict):
        out = {}
        for k, v in node.items():
            if isinstance(v, str) and v in ids:
                continue
            out[k] = strip_refs(v, ids)
        return out
    if isinstance(node, list):
        return [strip_refs(v, ids) for v in node if not (isinstance(v, str) and v in ids)]
    return node


def graph(m):
    """Neighbours of each element id: (set of 'owner' components, kind)."""
    owner, kind = {}, {}
    comps = m.get("components") or []
    by_zone, runs = {}, {}
    for c in comps:
        cid = c.get("id")
        kind[cid] = "component"
        owner.setdefault(cid, set()).add(cid)
        by_zone.setdefault(c.get("zone"), set()).add(cid)
        for s in as_list(c.get("sbom")):
            runs.setdefault(s, set()).add(cid)
        for i in c.get("interfaces") or []:
            kind[i.get("id")] = "interface"
            owner[i.get("id")] = {cid}
    for f in m.get("flows") or []:
        kind[f.get("id")] = "flow"
        owner[f.get("id")] = {x for x in (f.get("from"), f.get("to")) if x}
    for z in m.get("zones") or []:
        kind[z.get("id")] = "zone"
        owner[z.get("id")] = by_zone.get(z.get("id"), set())
    for s in (m.get("sbom") or {}).get("components") or []:
        kind[s.get("id")] = "sbom_component"
        owner[s.get("id")] = runs.get(s.get("id"), set())
    for a in m.get("assets") or []:
        kind[a.get("id")] = "asset"
        owner[a.get("id")] = set()
    return owner, kind


def measure(model, binary, keep=None):
    files = load_files(model)
    m = merged(files)
    threats = m.get("threats") or []
    ids = {t.get("id") for t in threats if t.get("id")}
    truth = set()
    for t in threats:
        targets = as_list(t.get("targets")) or ["device"]
        for e in targets:
            for s in as_list(t.get("stride")):
                truth.add((e, s))
    root = os.path.dirname(os.path.abspath(model))
    tmp = tempfile.mkdtemp(prefix="pm-recall-")
    try:
        copy = os.path.join(tmp, "m")
        shutil.copytree(root, copy)
        for p, data in files.items():
            data = {k: v for k, v in data.items() if k not in ("threats", "rule_dispositions")}
            data = strip_refs(data, ids)
            q = os.path.join(copy, os.path.relpath(p, root))
            with open(q, "w", encoding="utf-8") as f:
                yaml.safe_dump(data, f, sort_keys=False, allow_unicode=True, width=1000)
        main = os.path.join(copy, os.path.relpath(os.path.abspath(model), root))
        r = subprocess.run([binary, "threats", "--format", "json", main], capture_output=True, text=True)
        if r.returncode != 0:
            sys.stderr.write(r.stderr)
            raise SystemExit("recall.py: %s does not load without its threats" % model)
        matches = json.loads(r.stdout)
        if keep:
            shutil.copy(main, keep)
    finally:
        shutil.rmtree(tmp)
    found = {(x["element"], s) for x in matches for s in x["stride"]}
    owner, _ = graph(m)
    near_found = {}
    for e, s in found:
        for o in owner.get(e, {e}):
            near_found.setdefault(s, set()).add(o)
    res = {"model": model, "threats": len(threats), "matches": len(matches), "truth": len(truth), "exact": 0,
           "near": 0, "by_stride": {s: [0, 0, 0] for s in STRIDE}, "missed": []}
    for e, s in sorted(truth):
        ex = (e, s) in found
        nr = ex or any(o in near_found.get(s, set()) for o in owner.get(e, {e})) or (
            e == "device" and any(x == s for _, x in found))
        res["exact"] += ex
        res["near"] += nr
        b = res["by_stride"].setdefault(s, [0, 0, 0])
        b[0] += 1
        b[1] += ex
        b[2] += nr
        if not nr:
            res["missed"].append([e, s])
    return res


def pct(a, b):
    return "%5.1f%%" % (100.0 * a / b) if b else "   - "


def main():
    ap = argparse.ArgumentParser(description="recall of the threat rule catalog on models with threats")
    ap.add_argument("models", nargs="+")
    ap.add_argument("--bin", default="build/premarket")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--missed", action="store_true", help="list the (element, STRIDE) pairs not found")
    ap.add_argument("--keep", help="write the stripped model (of the last MODEL) to this file")
    a = ap.parse_args()
    results = [measure(p, a.bin, a.keep) for p in a.models]
    if a.json:
        json.dump(results, sys.stdout, indent=1)
        print()
        return
    tot = {"truth": 0, "exact": 0, "near": 0}
    by = {s: [0, 0, 0] for s in STRIDE}
    print("%-44s %7s %7s %6s %7s %7s" % ("model", "threats", "matches", "pairs", "exact", "near"))
    for r in results:
        print("%-44s %7d %7d %6d %7s %7s" % (r["model"], r["threats"], r["matches"], r["truth"],
                                             pct(r["exact"], r["truth"]), pct(r["near"], r["truth"])))
        for k in tot:
            tot[k] += r[k]
        for s, v in r["by_stride"].items():
            for i in range(3):
                by.setdefault(s, [0, 0, 0])[i] += v[i]
    if len(results) > 1:
        print("%-44s %7s %7s %6d %7s %7s" % ("all", "", "", tot["truth"], pct(tot["exact"], tot["truth"]),
                                             pct(tot["near"], tot["truth"])))
    print()
    print("%-24s %6s %7s %7s" % ("STRIDE category", "pairs", "exact", "near"))
    for s, v in by.items():
        print("%-24s %6d %7s %7s" % (s, v[0], pct(v[1], v[0]), pct(v[2], v[0])))
    if a.missed:
        for r in results:
            if r["missed"]:
                print("\nmissed in %s:" % r["model"])
                for e, s in r["missed"]:
                    print("  %s %s" % (e, s))


if __name__ == "__main__":
    main()
