#!/bin/sh
# run.sh SECONDS WORKDIR BIN NAME... — `make fuzz`: run each libFuzzer
# target WORKDIR/../fuzz_NAME for SECONDS seconds, one at a time (one job,
# one worker), over its corpus: WORKDIR/NAME/corpus, where libFuzzer keeps
# what it finds, seeded from fuzz/corpus/NAME, fuzz/regress/NAME and the
# seeds of fuzz/seeds.sh (with the SBOM samples of ../shared when present),
# with the dictionary fuzz/NAME.dict or the one of its format.  A crash
# input lands in WORKDIR/NAME/artifacts/ (copy it to fuzz/regress/NAME/ with
# the fix).  Prints one line per target: seconds, executions, findings.
set -u
secs=$1
work=$2
bin=$3
shift 3
dict_of() {
	case $1 in
	load_yaml) echo yaml ;; load_xml | sbom_cdx_xml) echo xml ;; cvss) echo cvss ;;
	mustache) echo mustache ;; sbom_cdx_json | sbom_spdx_json) echo json ;; sbom_spdx_tag) echo spdx_tag ;;
	md_html | md_pdf) echo markdown ;; rule_cond) echo rule_cond ;; *) echo "$1" ;;
	esac
}
status=0
summary=
for name in "$@"; do
	exe=$work/../fuzz_$name
	dir=$work/$name
	mkdir -p "$dir/corpus" "$dir/artifacts"
	PM_FUZZ_SHARED=1 sh fuzz/seeds.sh "$dir/seeds" "$name" "$bin"
	for d in fuzz/corpus/$name fuzz/regress/$name; do
		[ -d "$d" ] && cp "$d"/* "$dir/seeds/" 2>/dev/null
	done
	dict=fuzz/$(dict_of "$name").dict
	set -- -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
		-artifact_prefix="$dir/artifacts/"
	[ -f "$dict" ] && set -- "$@" -dict="$dict"
	before=$(ls "$dir/artifacts" | wc -l)
	echo "fuzz: $name for $secs s (log $dir/log)"
	PREMARKET_DATADIR=$(pwd) ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		"$exe" "$@" "$dir/corpus" "$dir/seeds" >"$dir/log" 2>&1
	rc=$?
	after=$(ls "$dir/artifacts" | wc -l)
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log" | tail -1)
	t=$(sed -n 's/^stat::.*//p' "$dir/log" >/dev/null; grep -o 'Done [0-9]* runs in [0-9]* second' "$dir/log" | tail -1)
	line="$name: ${secs}s, ${execs:-?} executions, $((after - before)) new finding(s), exit $rc${t:+ ($t)}"
	echo "fuzz: $line"
	summary="$summary$line
"
	if [ "$rc" -ne 0 ] || [ "$after" -ne "$before" ]; then
		status=1
		grep -m1 -A12 'ERROR: \|runtime error' "$dir/log" || tail -20 "$dir/log"
	fi
done
printf 'fuzz summary:\n%s' "$summary"
exit $status
