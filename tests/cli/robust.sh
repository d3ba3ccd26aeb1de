#!/bin/sh
# tests/cli/robust.sh BIN — `premarket validate` on hostile input.
#
# Every input is generated at test time into a temporary folder (nothing big is
# committed): deep nesting, alias bombs, huge scalars, random bytes, very long
# lines, deep and wide include graphs, models with tens of thousands of objects
# (to catch quadratic checks), every truncation of examples/minimal.yaml and
# single-byte corruptions of it (fixed seed).
#
# Each run must
#   - finish within PREMARKET_ROBUST_LIMIT_MS milliseconds (default 1000; the
#     run is killed after 5 s),
#   - exit 1 or 2 for a broken input (0 only where the input is still a valid
#     model), never 3 or more, never die from a signal, never print a
#     sanitizer report, never write to stdout,
#   - print at least one located error (file:line:col: error: ...) when it
#     does not exit 0.
# Run from the repository root:  sh tests/cli/robust.sh build/premarket
# Set PREMARKET_ROBUST_KEEP=DIR to keep the inputs of failed runs in DIR.
set -u
BIN=${1:?usage: sh tests/cli/robust.sh path/to/premarket}
case $BIN in
/*) ;;
*) BIN=$(pwd)/$BIN ;;
esac
[ -x "$BIN" ] || { echo "robust.sh: $BIN is not an executable" >&2; exit 1; }
[ -f examples/minimal.yaml ] || { echo "robust.sh: run me from the repository root" >&2; exit 1; }
export LC_ALL=C
LIMIT_MS=${PREMARKET_ROBUST_LIMIT_MS:-1000}
KEEP=${PREMARKET_ROBUST_KEEP:-}
MINIMAL=$(pwd)/examples/minimal.yaml
LOCATED='^[^ ].*:[0-9]+:[0-9]+: error: '
SANITIZER='(ERROR: [A-Za-z]*Sanitizer|SUMMARY: [A-Za-z]*Sanitizer|runtime error: )'

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
start=$(date +%s)

runs=0
failures=0
slowest=0
slowest_what=
have_python=0
command -v python3 >/dev/null 2>&1 && have_python=1

# try WHAT FILE EXPECT — validate FILE and check the run.  EXPECT is
#   broken  the input is not a valid model: exit 1 or 2 with a located error
#   valid   the input is still a valid model: exit 0
#   any     either; exit 0 must come with no error, exit 1 with a located error
try() {
	what=$1
	file=$2
	expect=$3
	t0=$(date +%s%N)
	timeout 5 "$BIN" validate "$file" </dev/null >"$tmp/out" 2>"$tmp/err"
	rc=$?
	t1=$(date +%s%N)
	ms=$(((t1 - t0) / 1000000))
	runs=$((runs + 1))
	if [ "$ms" -gt "$slowest" ]; then
		slowest=$ms
		slowest_what=$what
	fi
	problem=
	if [ "$rc" -eq 124 ]; then
		problem="did not finish within 5 s (killed)"
	elif [ "$rc" -ge 128 ]; then
		problem="killed by signal $((rc - 128))"
	elif grep -Eq "$SANITIZER" "$tmp/err"; then
		problem="sanitizer report"
	elif [ "$rc" -ge 3 ]; then
		problem="exit status $rc"
	elif [ -s "$tmp/out" ]; then
		problem="wrote to stdout"
	fi
	if [ -z "$problem" ]; then
		case $expect in
		broken)
			if [ "$rc" -eq 0 ]; then
				problem="exit 0 for a broken model"
			elif ! grep -Eq "$LOCATED" "$tmp/err"; then
				problem="exit $rc without a located error line"
			fi
			;;
		valid)
			[ "$rc" -eq 0 ] || problem="exit $rc for a valid model"
			;;
		any)
			if [ "$rc" -eq 2 ]; then
				problem="exit 2 (unreadable input) for a readable file"
			elif [ "$rc" -eq 1 ] && ! grep -Eq "$LOCATED" "$tmp/err"; then
				problem="exit 1 without a located error line"
			elif [ "$rc" -eq 0 ] && grep -q ': error: ' "$tmp/err"; then
				problem="exit 0 but an error was printed"
			fi
			;;
		esac
	fi
	if [ -z "$problem" ] && [ "$ms" -gt "$LIMIT_MS" ]; then
		problem="took $ms ms (limit $LIMIT_MS ms)"
	fi
	[ -z "$problem" ] && return 0
	failures=$((failures + 1))
	echo "FAIL: $what: $problem (exit $rc, $ms ms)"
	head -n 4 "$tmp/err" | cut -c 1-200 | sed 's/^/    /'
	if [ -n "$KEEP" ]; then
		mkdir -p "$KEEP"
		cp "$file" "$KEEP/$(echo "$what" | tr -c 'A-Za-z0-9._-' '_').yaml" 2>/dev/null
	fi
	return 1
}

# section NAME — start a group of runs; prints how long the previous one took.
section_name=
section_start=0
section() {
	now=$(date +%s%N)
	if [ -n "$section_name" ]; then
		echo "robust.sh: $section_name: $(((now - section_start) / 1000000)) ms"
	fi
	section_name=$1
	section_start=$now
}

# The device section of a valid model, for inputs that need one.
DEVICE='device:
  name: Robust Thermometer
  version: "1.0"
  manufacturer:
    name: Example Devices Inc.
  submission_type: 510k
  intended_use: Measures body temperature.
  use_environment: Home use.
  cyber_device:
    software: true
    internet_connectable: false
    vulnerable_characteristics: true
    rationale: Has firmware but no means of connecting to the internet.'

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

# ---- many objects: checks must not be quadratic --------------------------------------------
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

# ---- every truncation and 300 single-byte corruptions of examples/minimal.yaml ------------
#
# About 1300 runs, so one python3 process drives them (a shell loop would spend
# more time forking date, timeout and grep than premarket spends validating).
#
# Truncations: a cut that removes only trailing blanks or comment text must
# keep the model valid.  Any other cut may still leave a valid model (a shorter
# free-text value, a missing optional section), so there the run must only be
# consistent: exit 0 without errors, or exit 1 with a located error.
# Corruptions (fixed seed): a NUL or a byte >= 0x80 in this ASCII file is always
# an error; a printable character written inside a comment keeps the model
# valid; any other change may go either way, consistently.
section "truncations and corruptions"
if [ "$have_python" = 1 ]; then
	python3 - "$BIN" "$MINIMAL" "$tmp" "$LIMIT_MS" "$KEEP" >"$tmp/fuzz.log" <<'PYEOF'
import os, random, re, shutil, subprocess, sys, threading, time
from concurrent.futures import ThreadPoolExecutor

binary, src, tmp, limit_ms, keep = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
located = re.compile(rb"^[^ ].*:[0-9]+:[0-9]+: error: ", re.M)
sanitizer = re.compile(rb"(ERROR: [A-Za-z]*Sanitizer|SUMMARY: [A-Za-z]*Sanitizer|runtime error: )")
data = open(src, "rb").read()
stats = {"runs": 0, "failed": 0, "slowest": 0, "slowest_what": ""}
lock = threading.Lock()
counter = [0]

def check(what, content, expect):
    with lock:
        counter[0] += 1
        path = os.path.join(tmp, "fuzz-%d.yaml" % counter[0])
    with open(path, "wb") as f:
        f.write(content)
    t0 = time.monotonic()
    try:
        p = subprocess.run([binary, "validate", path], stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=5)
        rc, out, err = p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired:
        rc, out, err = 124, b"", b""
    ms = int((time.monotonic() - t0) * 1000)
    problem = None
    if rc == 124:
        problem = "did not finish within 5 s (killed)"
    elif rc < 0:
        problem = "killed by signal %d" % -rc
    elif sanitizer.search(err):
        problem = "sanitizer report"
    elif rc >= 3:
        problem = "exit status %d" % rc
    elif out:
        problem = "wrote to stdout"
    elif expect == "broken" and rc == 0:
        problem = "exit 0 for a broken model"
    elif expect == "valid" and rc != 0:
        problem = "exit %d for a valid model" % rc
    elif rc == 2:
        problem = "exit 2 (unreadable input) for a readable file"
    elif rc == 1 and not located.search(err):
        problem = "exit 1 without a located error line"
    elif rc == 0 and b": error: " in err:
        problem = "exit 0 but an error was printed"
    elif ms > limit_ms:
        problem = "took %d ms (limit %d ms)" % (ms, limit_ms)
    with lock:
        stats["runs"] += 1
        if ms > stats["slowest"]:
            stats["slowest"], stats["slowest_what"] = ms, what
        if problem:
            stats["failed"] += 1
            print("FAIL: %s: %s (exit %d, %d ms)" % (what, problem, rc, ms))
            for line in err.decode("utf-8", "replace").splitlines()[:4]:
                print("    " + line[:200])
            sys.stdout.flush()
            if keep:
                os.makedirs(keep, exist_ok=True)
                shutil.copy(path, os.path.join(keep, re.sub(r"[^A-Za-z0-9._-]", "_", what) + ".yaml"))
    os.unlink(path)
    return rc

# Which bytes are comment text, and where the last significant byte ends.
in_comment = [False] * len(data)
sig_end = 0
start = 0
for line in data.split(b"\n"):
    quote = None
    cut = len(line)
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = None
        elif ch in b"'\"":
            quote = ch
        elif ch == ord("#") and (i == 0 or line[i - 1] in b" \t"):
            cut = i
            break
    for i in range(start + cut + 1, start + len(line)):
        in_comment[i] = True
    sig = line[:cut].rstrip(b" \t\r")
    if sig:
        sig_end = start + len(sig)
    start += len(line) + 1

# Up to four runs at a time (one per CPU): the timing of each run is still measured on its own.
pool = ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1))
check("examples/minimal.yaml itself", data, "valid")
jobs = [pool.submit(check, "examples/minimal.yaml cut to %d bytes" % k, data[:k],
                    "valid" if k >= sig_end else "any") for k in range(len(data))]
still_valid = sum(1 for j in jobs if j.result() == 0)
print("robust.sh: %d truncations of examples/minimal.yaml, %d still valid, %d failed"
      % (len(data), still_valid, stats["failed"]))

failed_before = stats["failed"]
ascii_only = all(b < 0x80 for b in data)
r = random.Random(1129)
jobs = []
for n in range(300):
    off = r.randrange(len(data))
    new = r.randrange(256)
    while new == data[off]:
        new = r.randrange(256)
    if new == 0 or (new >= 0x80 and ascii_only):
        expect = "broken"
    elif in_comment[off] and (0x20 <= new < 0x7F or new == 9):
        expect = "valid"
    else:
        expect = "any"
    what = "examples/minimal.yaml with byte %d changed from 0x%02X to 0x%02X" % (off, data[off], new)
    jobs.append(pool.submit(check, what, data[:off] + bytes([new]) + data[off + 1:], expect))
still_valid = sum(1 for j in jobs if j.result() == 0)
pool.shutdown()
print("robust.sh: 300 single-byte corruptions of examples/minimal.yaml, %d still valid, %d failed"
      % (still_valid, stats["failed"] - failed_before))
print("STATS %d %d %d %s" % (stats["runs"], stats["failed"], stats["slowest"], stats["slowest_what"]))
PYEOF
	grep -v '^STATS ' "$tmp/fuzz.log"
	stats=$(grep '^STATS ' "$tmp/fuzz.log")
	if [ -z "$stats" ]; then
		echo "FAIL: the python3 driver of the truncations and corruptions did not finish"
		failures=$((failures + 1))
	else
		set -- $stats
		runs=$((runs + $2))
		failures=$((failures + $3))
		if [ "$4" -gt "$slowest" ]; then
			slowest=$4
			shift 4
			slowest_what=$*
		fi
	fi
else
	# Without python3: every 7th truncation only, no corruptions.
	echo "robust.sh: python3 not found: every 7th truncation only, no corruptions"
	try "examples/minimal.yaml itself" "$MINIMAL" valid
	size=$(wc -c <"$MINIMAL" | tr -d ' ')
	k=0
	while [ $k -lt "$size" ]; do
		head -c $k "$MINIMAL" >"$tmp/cut.yaml"
		try "examples/minimal.yaml cut to $k bytes" "$tmp/cut.yaml" any
		k=$((k + 7))
	done
fi

# ---- summary -------------------------------------------------------------------------------
section ""

end=$(date +%s)
echo "robust.sh: $runs runs in $((end - start)) s; slowest $slowest ms ($slowest_what)"
if [ "$failures" -ne 0 ]; then
	echo "robust.sh: $failures failure(s)"
	exit 1
fi
echo "robust.sh: all runs passed"
