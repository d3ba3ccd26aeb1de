#!/bin/sh
# tests/cli/mutations.sh BIN — `premarket validate` on every truncation and
# 300 single-byte corruptions (fixed seed) of examples/minimal.yaml: about
# 1300 runs.  What each run must do is in tests/lib/robust.sh (this was the
# last part of tests/cli/robust.sh; it is its own script so that make runs it
# beside the others).
# The cases are split in three by their number: make check runs every third
# (PM_TEST_GROUP unset), make slow the other two thirds (PM_TEST_GROUP=slow);
# PM_TEST_GROUP=all runs all (tests/lib/group.sh).
# Run from the repository root:  sh tests/cli/mutations.sh build/premarket
set -u
ME=mutations.sh
. "$(dirname "$0")/../lib/robust.sh"
. "$(dirname "$0")/../lib/group.sh"
in_group check && part=check
in_group slow && part=slow
in_group check && in_group slow && part=all

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
	python3 - "$BIN" "$MINIMAL" "$tmp" "$KILL_S" "$KEEP" "$part" >"$tmp/fuzz.log" <<'PYEOF'
import os, random, re, shutil, subprocess, sys, threading, time
from concurrent.futures import ThreadPoolExecutor

binary, src, tmp, kill_s, keep, part = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5], sys.argv[6]

def mine(n):
    """Case n belongs to this run: make check takes every third case."""
    return part == "all" or (n % 3 == 0) == (part == "check")
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
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=kill_s)
        rc, out, err = p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired:
        rc, out, err = 124, b"", b""
    ms = int((time.monotonic() - t0) * 1000)
    problem = None
    if rc == 124:
        problem = "did not finish within %d s (killed: a hang?)" % kill_s
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
if part != "slow":
    check("examples/minimal.yaml itself", data, "valid")
jobs = [pool.submit(check, "examples/minimal.yaml cut to %d bytes" % k, data[:k],
                    "valid" if k >= sig_end else "any") for k in range(len(data)) if mine(k)]
still_valid = sum(1 for j in jobs if j.result() == 0)
print("mutations.sh: %d truncations of examples/minimal.yaml (%s part), %d still valid, %d failed"
      % (len(jobs), part, still_valid, stats["failed"]))

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
    if mine(n):
        jobs.append(pool.submit(check, what, data[:off] + bytes([new]) + data[off + 1:], expect))
still_valid = sum(1 for j in jobs if j.result() == 0)
pool.shutdown()
print("mutations.sh: %d of 300 single-byte corruptions of examples/minimal.yaml (%s part), %d still valid, %d failed"
      % (len(jobs), part, still_valid, stats["failed"] - failed_before))
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
	echo "mutations.sh: python3 not found: every 7th truncation only, no corruptions"
	try "examples/minimal.yaml itself" "$MINIMAL" valid
	size=$(wc -c <"$MINIMAL" | tr -d ' ')
	k=0
	while [ $k -lt "$size" ]; do
		head -c $k "$MINIMAL" >"$tmp/cut.yaml"
		try "examples/minimal.yaml cut to $k bytes" "$tmp/cut.yaml" any
		k=$((k + 7))
	done
fi

robust_end
