#!/bin/sh
# schema.sh BIN — the shipped JSON Schema and docs/model.md are the loader's own
# field tables (so the loader can accept no key the schema lacks), and every
# example and shipped model validates against the schema with an independent
# validator (python3-jsonschema, YAML read by python3-yaml).
set -u
BIN=${1:?usage: schema.sh path/to/premarket}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

"$BIN" schema --format json >"$tmp/schema.json" || { echo "schema --format json failed"; exit 1; }
if ! cmp -s "$tmp/schema.json" models/premarket.schema.json; then
	echo "models/premarket.schema.json is stale: run 'make docs'"
	diff -u models/premarket.schema.json "$tmp/schema.json" | head -20
	fail=1
fi
"$BIN" schema --format markdown >"$tmp/ref.md" || { echo "schema --format markdown failed"; exit 1; }
sed -n '/^<!-- BEGIN REFERENCE -->$/,/^<!-- END REFERENCE -->$/p' docs/model.md | sed '1d;$d' >"$tmp/doc.md"
if ! cmp -s "$tmp/ref.md" "$tmp/doc.md"; then
	echo "docs/model.md reference section is stale: run 'make docs'"
	diff -u "$tmp/doc.md" "$tmp/ref.md" | head -20
	fail=1
fi

if ! /usr/bin/python3 -c 'import jsonschema, yaml' 2>/dev/null; then
	echo "schema.sh: python3-jsonschema or python3-yaml missing; run 'make deps'"
	exit 1
fi
# Every top-level key the loader knows must be in the schema, and only those.
/usr/bin/python3 - "$tmp/schema.json" examples/*.yaml examples/*/*.yaml models/*.yaml <<'PY' || fail=1
import json, sys, glob, yaml, jsonschema

class Loader(yaml.SafeLoader):
    pass
# YAML 1.2 reads 2026-10-01 as a string, as premarket and editors do.
Loader.yaml_implicit_resolvers = {k: [(t, r) for t, r in v if t != 'tag:yaml.org,2002:timestamp']
                                  for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator(schema)
bad = 0
import os
files = [f for f in sys.argv[2:] if os.path.isfile(f)]
for f in files:
    data = yaml.load(open(f, encoding='utf-8'), Loader=Loader)
    errs = sorted(v.iter_errors(data), key=lambda e: list(e.path))
    for e in errs[:5]:
        print(f"{f}: {'/'.join(map(str, e.path))}: {e.message}")
    bad += len(errs)
    print(f"schema: {f}: {'ok' if not errs else str(len(errs)) + ' errors'}")
# Negative control: an unknown key must be rejected by the schema too.
probe = {"device": {"name": "x", "colour": "red"}}
if not list(v.iter_errors(probe)):
    print("schema accepts an unknown key"); bad += 1
sys.exit(1 if bad else 0)
PY
exit $fail
