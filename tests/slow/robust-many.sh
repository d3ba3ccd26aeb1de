#!/bin/sh
# tests/slow/robust-many.sh BIN — `premarket validate` on models with tens of
# thousands of objects: dangling references among similar ids, duplicate ids,
# thousands of unknown keys, one threat with 50,000 assets or controls.  Each
# must end by itself with located errors (the rules are in tests/lib/robust.sh).
# The time of each section is printed: a check that turned quadratic shows
# there and in `make bench`, and is killed as a hang when it gets very slow.
# Part of `make slow` (it was the "many objects" part of tests/cli/robust.sh).
# Run from the repository root:  sh tests/slow/robust-many.sh build/premarket
set -u
ME=robust-many.sh
. "$(dirname "$0")/../lib/robust.sh"

# ---- many objects ------------------------------------------------------------------------
section "many objects"

{
	echo "$DEVICE"
	echo "assets:"
	awk 'BEGIN { for (i = 0; i < 10000; i++) printf "  - {id: A-%05d}\n", i }'
	echo "threats:"
	echo "  - {id: T-1, title: t, stride: [tampering], targets: [], exploitability: low, assets: ["
	awk 'BEGIN { for (i = 0; i < 10000; i++) printf "%s      B-%05d\n", (i ? "," : " "), i }'
	echo "    ]}"
} >"$tmp/many-dangling.yaml"
try "10000 dangling references among 10000 similar ids" "$tmp/many-dangling.yaml" broken

{
	echo "$DEVICE"
	echo "labeling:"
	echo "  items:"
	awk 'BEGIN { for (i = 0; i < 20000; i++) print "    - {item: L1, content: x}" }'
} >"$tmp/many-labels.yaml"
try "20000 copies of one labeling item" "$tmp/many-labels.yaml" broken

{
	echo "$DEVICE"
	echo "assets:"
	awk 'BEGIN { for (i = 0; i < 50000; i++) printf "  - {id: A%d}\n", i }'
	echo "threats:"
	awk 'BEGIN { printf "  - {id: T, title: t, stride: [tampering], targets: [], exploitability: low, assets: [";
		for (i = 0; i < 50000; i++) printf "%sA%d", (i ? ", " : ""), i; print "]}" }'
} >"$tmp/many-assets.yaml"
try "50000 assets affected by one threat" "$tmp/many-assets.yaml" broken

{
	echo "$DEVICE"
	echo "controls:"
	awk 'BEGIN { for (i = 0; i < 50000; i++) printf "  - {id: C%d}\n", i }'
	echo "threats:"
	awk 'BEGIN { printf "  - {id: T, title: t, stride: [tampering], targets: [], exploitability: low, controls: [";
		for (i = 0; i < 50000; i++) printf "%sC%d", (i ? ", " : ""), i; print "]}" }'
} >"$tmp/many-controls.yaml"
try "50000 controls used by one threat" "$tmp/many-controls.yaml" broken

{
	echo "$DEVICE"
	echo "risk_policy:"
	echo "  exploitability_levels:"
	awk 'BEGIN { for (i = 0; i < 30000; i++) printf "    - {id: e%d, name: x}\n", i }'
	echo "  severity_levels: []"
	echo "  risk_levels: []"
	echo "  matrix: []"
} >"$tmp/many-levels.yaml"
try "risk policy with 30000 exploitability levels" "$tmp/many-levels.yaml" broken

{
	echo "$DEVICE"
	echo "zones:"
	awk 'BEGIN { for (i = 0; i < 20000; i++) print "  - {id: Z-SAME, name: z, trust: trusted}" }'
} >"$tmp/many-dup-ids.yaml"
try "20000 zones with the same id" "$tmp/many-dup-ids.yaml" broken

{
	echo "$DEVICE"
	awk 'BEGIN { for (i = 0; i < 15000; i++) printf "  unknown_%d: x\n", i }'
} >"$tmp/many-unknown-keys.yaml"
try "15000 unknown keys in one mapping" "$tmp/many-unknown-keys.yaml" broken

robust_end
