#!/bin/sh
# tests/cli/robust.sh BIN — `premarket validate` on hostile input: deep
# nesting, alias bombs, huge scalars, random bytes, very long lines, deep and
# wide include graphs.
#
# Every input is generated at test time into a temporary folder (nothing big is
# committed).  What each run must do is in tests/lib/robust.sh.  The other
# robustness runs: tests/cli/mutations.sh (every truncation and 300
# single-byte corruptions of examples/minimal.yaml) and, in `make slow`,
# tests/slow/robust-many.sh (models with tens of thousands of objects).
# Run from the repository root:  sh tests/cli/robust.sh build/premarket
set -u
ME=robust.sh
. "$(dirname "$0")/../lib/robust.sh"

# ---- deep nesting ------------------------------------------------------------------
section "deep nesting"

awk 'BEGIN { printf "device: "; for (i = 0; i < 100000; i++) printf "["; printf "x";
	for (i = 0; i < 100000; i++) printf "]"; print "" }' >"$tmp/flow-seq.yaml"
try "100000-deep flow sequences" "$tmp/flow-seq.yaml" broken

awk 'BEGIN { printf "device: "; for (i = 0; i < 100000; i++) printf "{a: "; printf "x";
	for (i = 0; i < 100000; i++) printf "}"; print "" }' >"$tmp/flow-map.yaml"
try "100000-deep flow mappings" "$tmp/flow-map.yaml" broken

awk 'BEGIN { printf "device: "; for (i = 0; i < 100000; i++) printf "["; print "" }' >"$tmp/flow-open.yaml"
try "100000 unclosed '['" "$tmp/flow-open.yaml" broken

awk 'BEGIN { print "device:"; printf "  "; for (i = 0; i < 100000; i++) printf "- "; print "x" }' >"$tmp/block-seq.yaml"
try "100000-deep block sequences (- - - ...)" "$tmp/block-seq.yaml" broken

awk 'BEGIN { ind = ""; for (i = 0; i < 2000; i++) { print ind "k" i ":"; ind = ind " " } print ind "x" }' >"$tmp/block-map.yaml"
try "2000-deep indented block mappings" "$tmp/block-map.yaml" broken

# ---- aliases -------------------------------------------------------------------------
section "aliases"

awk 'BEGIN { print "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"; p = "a";
	split("b c d e f g h i", n, " ");
	for (l = 1; l <= 8; l++) { printf "%s: &%s [", n[l], n[l];
		for (k = 0; k < 10; k++) printf "%s*%s", (k ? ", " : ""), p; print "]"; p = n[l] }
	print "device: *i" }' >"$tmp/laughs.yaml"
try "billion laughs (9 levels x 10)" "$tmp/laughs.yaml" broken

awk 'BEGIN { print "a: &a {lol: 1, lal: 2, lil: 3, lel: 4, lul: 5}"; p = "a";
	split("b c d e f g h i", n, " ");
	for (l = 1; l <= 8; l++) { printf "%s: &%s {", n[l], n[l];
		for (k = 0; k < 10; k++) printf "%sk%d: *%s", (k ? ", " : ""), k, p; print "}"; p = n[l] }
	print "device: *i" }' >"$tmp/laughs-map.yaml"
try "billion laughs with mappings" "$tmp/laughs-map.yaml" broken

awk 'BEGIN { print "x: &a lol"; printf "device: ["; for (i = 0; i < 100000; i++) printf "%s*a", (i ? ", " : ""); print "]" }' >"$tmp/aliases.yaml"
try "100000 aliases" "$tmp/aliases.yaml" broken

awk 'BEGIN { for (i = 0; i < 50000; i++) printf "k%d: &a%d v\n", i, i; printf "device: [";
	for (i = 0; i < 5000; i++) printf "%s*a%d", (i ? ", " : ""), i; print "]" }' >"$tmp/anchors.yaml"
try "50000 anchors, 5000 aliases to the oldest ones" "$tmp/anchors.yaml" broken

# ---- huge scalars and random bytes ------------------------------------------------------
section "huge scalars and random bytes"

awk 'BEGIN { print "device:"; printf "  name: "; for (i = 0; i < 32768; i++) printf "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"; print "" }' >"$tmp/scalar-plain.yaml"
try "2 MiB plain scalar" "$tmp/scalar-plain.yaml" broken

awk 'BEGIN { print "device:"; printf "  name: \""; for (i = 0; i < 65536; i++) printf "\\u00e9\\t\\\"abcdefghijklmnopqrstu"; print "\"" }' >"$tmp/scalar-quoted.yaml"
try "2 MiB double-quoted scalar with escapes" "$tmp/scalar-quoted.yaml" broken

awk 'BEGIN { print "device:"; print "  intended_use: |"; for (i = 0; i < 32768; i++) print "    line of a very long block scalar, sixty-four bytes each...."; }' >"$tmp/scalar-block.yaml"
try "2 MiB literal block scalar" "$tmp/scalar-block.yaml" broken

awk 'BEGIN { printf "device:\n  "; for (i = 0; i < 2048; i++) printf "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"; print ": x" }' >"$tmp/key-long.yaml"
try "128 KiB key" "$tmp/key-long.yaml" broken

if [ "$have_python" = 1 ]; then
	python3 -c '
import random, sys
r = random.Random(20261129)
n = 10 << 20
sys.stdout.buffer.write(r.getrandbits(8 * n).to_bytes(n, "little"))
' >"$tmp/random.bin"
	# The same, but only characters that mean something to YAML, so the parser
	# itself (not only the UTF-8 check) sees it.
	python3 -c '
import random, sys
r = random.Random(42)
alphabet = b"[]{}:,-?&*!|>#%@\x27\x22 \n\n\n  \tabcdevice0123"
sys.stdout.buffer.write(bytes(r.choice(alphabet) for _ in range(1 << 20)) * 10)
' >"$tmp/random-yaml.txt"
else
	head -c 10485760 /dev/urandom >"$tmp/random.bin"
	awk 'BEGIN { srand(42); a = "[]{}:,-?&*!|># \n\n  abcdevice0123"; for (i = 0; i < 1048576; i++) printf "%s", substr(a, int(rand() * length(a)) + 1, 1) }' >"$tmp/random-yaml.txt"
fi
try "10 MiB of random bytes" "$tmp/random.bin" broken
try "10 MiB of random YAML punctuation" "$tmp/random-yaml.txt" broken

# ---- very long lines -------------------------------------------------------------------
section "very long lines"

awk 'BEGIN { printf "# "; for (i = 0; i < 65536; i++) printf "comment comment comment comment comment comment comment comment "; print ""; print "device: [x]" }' >"$tmp/line-comment.yaml"
try "4 MiB comment line, then 'device: [x]'" "$tmp/line-comment.yaml" broken
grep -q 'line-comment\.yaml:2:9: error: ' "$tmp/err" || {
	failures=$((failures + 1))
	echo "FAIL: 4 MiB comment line: the error is not reported at line 2, column 9"
	head -n 2 "$tmp/err" | cut -c 1-200 | sed 's/^/    /'
}

{
	echo "$DEVICE"
	awk 'BEGIN { printf "  standards: ["; for (i = 0; i < 40000; i++) printf "%s{id: ISO-%d}", (i ? ", " : ""), i; print "]" }'
	awk 'BEGIN { printf "  colour: "; for (i = 0; i < 150000; i++) printf "red "; print "" }'
} >"$tmp/line-flow.yaml"
try "40000-item flow list on one 0.7 MiB line, then a 0.6 MiB line" "$tmp/line-flow.yaml" broken

{
	sed -n '1,/^threats:/p' "$MINIMAL"
	echo "  - id: T-LONG"
	echo "    title: Many targets"
	echo "    stride: [tampering]"
	echo "    exploitability: low"
	awk 'BEGIN { printf "    assets: ["; for (i = 0; i < 40000; i++) printf "%sA-MISSING-%d", (i ? ", " : ""), i; print "]" }'
	awk 'BEGIN { printf "    targets: ["; for (i = 0; i < 40000; i++) printf "%sC-MISSING-%d", (i ? ", " : ""), i; print "]" }'
	sed -n '/^threats:/,$p' "$MINIMAL" | sed 1d
} >"$tmp/line-refs.yaml"
try "80000 dangling references on two 0.6 MiB lines" "$tmp/line-refs.yaml" broken

# ---- include graphs --------------------------------------------------------------------
section "include graphs"

mkdir -p "$tmp/chain"
{
	echo "include: [c1.yaml]"
	echo "$DEVICE"
} >"$tmp/chain/c0.yaml"
i=1
while [ $i -le 40 ]; do
	echo "include: [c$((i + 1)).yaml]" >"$tmp/chain/c$i.yaml"
	i=$((i + 1))
done
echo "zones: [{id: Z-END, name: End, trust: trusted}]" >"$tmp/chain/c41.yaml"
try "include chain of 42 files" "$tmp/chain/c0.yaml" broken

mkdir -p "$tmp/cycle"
{
	echo "include: [k1.yaml]"
	echo "$DEVICE"
} >"$tmp/cycle/k0.yaml"
i=1
while [ $i -lt 25 ]; do
	echo "include: [k$((i + 1)).yaml]" >"$tmp/cycle/k$i.yaml"
	i=$((i + 1))
done
echo "include: [k1.yaml]" >"$tmp/cycle/k25.yaml"
try "include cycle through 25 files" "$tmp/cycle/k0.yaml" broken

mkdir -p "$tmp/wide"
{
	printf "include: ["
	i=0
	while [ $i -lt 1100 ]; do
		[ $i -gt 0 ] && printf ", "
		printf "w%d.yaml" $i
		echo "assets: []" >"$tmp/wide/w$i.yaml"
		i=$((i + 1))
	done
	echo "]"
	echo "$DEVICE"
} >"$tmp/wide/main.yaml"
try "1100 included files" "$tmp/wide/main.yaml" broken

mkdir -p "$tmp/self"
{
	printf "include: ["
	awk 'BEGIN { for (i = 0; i < 5000; i++) printf "%smain.yaml", (i ? ", " : "") }'
	echo "]"
	echo "$DEVICE"
} >"$tmp/self/main.yaml"
try "a file that includes itself 5000 times" "$tmp/self/main.yaml" broken

robust_end
