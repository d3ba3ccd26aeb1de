#!/bin/sh
# bench.sh BIN — time and peak memory of each stage at several model sizes.
# Sizes: components x threats.  Stages: validate (load + validate + register),
# score (CSV register), threats (the rule catalog on the model, JSON),
# build (Markdown + HTML of the whole document set).
# Reports wall time and peak RSS (GNU time if present, else /proc).
set -eu
BIN=${1:-build/premarket}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
measure() { # label cmd...
	label=$1
	shift
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f "%e %M" -o "$tmp/t" "$@" >/dev/null 2>"$tmp/err" || { echo "bench: $label failed"; tail -3 "$tmp/err"; return 1; }
		set -- $(cat "$tmp/t")
		printf '  %-10s %8.2f s %8d MiB\n' "$label" "$1" $(($2 / 1024))
	else
		s=$(date +%s%N)
		"$@" >/dev/null 2>"$tmp/err" || { echo "bench: $label failed"; return 1; }
		e=$(date +%s%N)
		printf '  %-10s %8.2f s\n' "$label" "$(echo "($e - $s) / 1000000000" | bc -l)"
	fi
}
for size in "100 1000" "1000 10000" "10000 100000"; do
	set -- $size
	/usr/bin/python3 tools/gen-model.py "$1" "$2" >"$tmp/m.yaml"
	bytes=$(wc -c <"$tmp/m.yaml")
	echo "model: $1 components, $2 threats, $((bytes / 1024)) KiB"
	measure validate "$BIN" validate -q "$tmp/m.yaml"
	measure score "$BIN" score --format csv "$tmp/m.yaml"
	measure threats "$BIN" threats --all --format json "$tmp/m.yaml"
	measure build "$BIN" build -o "$tmp/out" --format md,html "$tmp/m.yaml"
done
