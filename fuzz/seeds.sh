#!/bin/sh
# seeds.sh OUTDIR NAME [BIN] — make the seed inputs of fuzz target NAME in
# OUTDIR (emptied first) from the tree: examples/, tests/bad/, tests/rules/,
# tests/data/, templates/, docs/, models/threats/; with BIN (build/premarket)
# the submission.xml of each example for fuzz_load_xml.  With
# PM_FUZZ_SHARED=1 the SBOM samples of ../shared/samples are copied too
# (at fuzz time only: they are never committed, and make check does not
# read them).  Run from the top of the tree.
set -eu
out=$1
name=$2
bin=${3:-}
rm -rf "$out"
mkdir -p "$out"
n=0
put() { # put FILE...: copy each existing file into $out under a unique name
	for f in "$@"; do
		[ -f "$f" ] || continue
		n=$((n + 1))
		cp "$f" "$out/seed-$n-$(basename "$f")"
	done
}
# samples GLOB: the SBOM samples of ../shared matching GLOB, with PM_FUZZ_SHARED=1
samples() {
	if [ "${PM_FUZZ_SHARED:-0}" = 1 ] && [ -d ../shared/samples/sbom ]; then
		# shellcheck disable=SC2086
		put ../shared/samples/sbom/$1
	fi
}
case $name in
load_yaml)
	put examples/*.yaml examples/*/*.yaml tests/bad/*.yaml tests/rules/cases/*.yaml tests/data/*.yaml ;;
load_xml)
	put tests/data/*.xml
	if [ -n "$bin" ] && [ -x "$bin" ]; then
		tmp=$out.tmp
		for m in examples/*.yaml; do
			rm -rf "$tmp"
			if "$bin" build "$m" --format xml -o "$tmp" >/dev/null 2>&1 && [ -f "$tmp/submission.xml" ]; then
				n=$((n + 1))
				cp "$tmp/submission.xml" "$out/seed-$n-$(basename "$m" .yaml).xml"
			fi
		done
		rm -rf "$tmp"
	fi ;;
cvss)
	# one vector a file: a few hundred of the scored test vectors
	for t in tests/data/cvss/*.tsv; do
		grep -v '^#' "$t" | awk -F'\t' 'NR % 25 == 1 { print $1 }'
	done | while IFS= read -r v; do
		n=$((n + 1))
		printf '%s' "$v" >"$out/seed-$n"
	done ;;
mustache)
	put templates/*.mustache ;;
sbom_cdx_json)
	put tests/data/sbom/*.cdx.json
	samples "cdx*.json" ;;
sbom_cdx_xml)
	put tests/data/sbom/*.cdx.xml
	samples "cdx*.xml" ;;
sbom_spdx_json)
	put tests/data/sbom/*.spdx.json
	samples "*.spdx.json" ;;
sbom_spdx_tag)
	put tests/data/sbom/*.spdx
	samples "*.spdx" ;;
md_html | md_pdf)
	# Markdown: the docs (fuzz_md_pdf skips inputs over 16 KiB) and the templates
	put docs/*.md README.md templates/*.mustache ;;
rule_cond)
	# each rule's condition and title, after one byte naming its element
	# kind (enum rc_elem: component interface flow zone asset sbom device)
	python3 - "$out" models/threats/*.yaml tests/rules/bad/*.yaml <<'PY'
import sys, yaml
kinds = ["component", "interface", "flow", "zone", "asset", "sbom_component", "device"]
out, n = sys.argv[1], 0
for path in sys.argv[2:]:
    try:
        doc = yaml.safe_load(open(path, encoding="utf-8"))
    except Exception:
        continue
    for r in (doc or {}).get("rules", []) if isinstance(doc, dict) else []:
        if not isinstance(r, dict):
            continue
        k = r.get("applies_to")
        e = kinds.index(k) if k in kinds else 0
        for key in ("condition", "title"):
            v = r.get(key)
            if isinstance(v, str):
                n += 1
                with open("%s/seed-%d-%s" % (out, n, key), "wb") as f:
                    f.write(bytes([e]) + v.strip().encode("utf-8"))
PY
	;;
*)
	echo "seeds.sh: no fuzz target $name" >&2
	exit 2 ;;
esac
