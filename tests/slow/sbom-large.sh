#!/bin/sh
# sbom-large.sh BIN — `premarket sbom --format tsv` lists a generated 2 MB
# CycloneDX JSON file with 1,500 components, one line each.  The time it takes
# is printed for reading; the run is killed only as a hang, after 60 s times
# PM_TIMEOUT_SCALE (make bench measures speed).  Part of `make slow` (it was
# the end of tests/cli/sbom.sh).
set -u
BIN=${1:?usage: sbom-large.sh path/to/premarket}
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
LIMIT=$((60 * ${PM_TIMEOUT_SCALE:-1}))

# run EXIT ARGS...: run the command, check its exit status; output in $tmp/out, $tmp/err
run() {
	want=$1
	shift
	timeout "$LIMIT" "$BIN" sbom "$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" != "$want" ]; then
		echo "sbom-large.sh: FAIL 'sbom $*' exited $got, want $want"
		head -10 "$tmp/err"
		fail=1
	fi
}

lines() {
	wc -l <"$1" | tr -d ' '
}

awk 'BEGIN {
	n = 1500
	pad = sprintf("%0700d", 0)
	print "{\n  \"bomFormat\": \"CycloneDX\",\n  \"specVersion\": \"1.5\",\n  \"metadata\": {\"timestamp\": \"2026-01-01T00:00:00Z\"},\n  \"components\": ["
	for (i = 0; i < n; i++)
		printf "    {\"type\": \"library\", \"bom-ref\": \"pkg:npm/lib-%d@1.%d.0\", \"name\": \"lib-%d\", \"version\": \"1.%d.0\", \"supplier\": {\"name\": \"Supplier %d\"}, \"purl\": \"pkg:npm/lib-%d@1.%d.0\", \"description\": \"A generated library, padded so that the file weighs two megabytes as a large SBOM would (number %d)\", \"hashes\": [{\"alg\": \"SHA-256\", \"content\": \"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"}], \"licenses\": [{\"license\": {\"id\": \"MIT\"}}], \"properties\": [{\"name\": \"cdx:lifecycle:milestone:endOfSupport\", \"value\": \"2030-01-01\"}, {\"name\": \"cdx:cle:supportStatus\", \"value\": \"active\"}, {\"name\": \"x:pad\", \"value\": \"%s\"}]}%s\n", i, i, i, i, i % 50, i, i, i, pad, (i + 1 < n ? "," : "")
	print "  ],\n  \"dependencies\": ["
	for (i = 0; i < n; i++)
		printf "    {\"ref\": \"pkg:npm/lib-%d@1.%d.0\", \"dependsOn\": [\"pkg:npm/lib-%d@1.%d.0\"]}%s\n", i, i, (i + 1) % n, (i + 1) % n, (i + 1 < n ? "," : "")
	print "  ]\n}"
}' >"$tmp/large.json"
size=$(wc -c <"$tmp/large.json" | tr -d ' ')
[ "$size" -ge 2000000 ] || { echo "sbom-large.sh: generated file is only $size bytes"; fail=1; }
t0=$(date +%s.%N)
run 0 --format tsv "$tmp/large.json"
t1=$(date +%s.%N)
[ "$got" = 124 ] && echo "sbom-large.sh: killed after $LIMIT s: a hang?"
[ "$(lines "$tmp/out")" = 1501 ] || { echo "sbom-large.sh: large: $(lines "$tmp/out") lines, want 1501"; fail=1; }
secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
echo "sbom-large.sh: $size bytes, 1500 components: listed in $secs s"

[ $fail -eq 0 ] && echo "sbom-large.sh: all passed"
exit $fail
