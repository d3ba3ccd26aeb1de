#!/bin/sh
# tests/cli/outset.sh BIN — the output protocol of `premarket build`
# (docs/internals.md, "Output protocol") under injected faults.  The previous
# set is the minimal example's Markdown; each case tries to replace it with
# the lab analyzer's md and html (a different set of files) and asserts
# the exit code, the message, that nothing of ours is left beside or inside
# the folder (staging, old, lock, temporary files), and that the folder holds
# the previous set byte for byte (the SHA-256 of every file) or, where the
# swap happened, the whole new one.  Faults come from a small tmpfs (when the
# test runs as root and can mount one), from permissions (as root: run as
# nobody with setpriv), and from tests/lib/faultshim.c, an LD_PRELOAD library
# compiled here (write ENOSPC, a failing or unsupported exchange, failing
# renames, pauses at precise points where the test sends a signal).
#
# make check (quick):
#   1. the new set replaces the old one entirely; the manifest; a folder not
#      ours (no manifest; a file, folder or symbolic link it does not list;
#      an output name that is a folder or a link) is refused, untouched;
#      DIR a symbolic link (followed) or a file;
#   2. ENOSPC: the tmpfs, and the shim;
#   3. EACCES (parent, DIR, a subfolder read-only) and a read-only file system;
#   4. the swap: exchange failing (EIO), unsupported (EINVAL: the fallback),
#      the fallback's second rename failing (rolled back), and both failing
#      (DIR missing; the next build puts the previous set back);
#   5. SIGTERM, SIGINT and SIGKILL at chosen points (writing, before and
#      after the exchange, removing the old set, between the fallback's
#      renames): exit 128+N, no leftover after TERM/INT, and after KILL the
#      next build removes the leftovers (or puts the set back);
#   6. two builds at once: the second waits and says so, --no-wait fails
#      with exit 3 naming the holder, the waiting one then completes.
# make slow (in_group slow):
#   7. SIGTERM and SIGKILL after several delays (0.05 to 8 s: before, during
#      and after the swap, as the machine's speed has it) into the build of a
#      large generated model (300 components, 3,000 threats; md, html, pdf,
#      xml: some 25 MB); the folder holds one set whole; after TERM nothing
#      is left, after KILL the next build removes what is; and ENOSPC in a
#      tmpfs too small for it.
#
# Run from the repository root:  sh tests/cli/outset.sh build/premarket
set -u
BIN=${1:?usage: sh tests/cli/outset.sh path/to/premarket}
case $BIN in
/*) ;;
*) BIN=$(pwd)/$BIN ;;
esac
[ -x "$BIN" ] || { echo "outset.sh: $BIN is not an executable" >&2; exit 1; }
[ -f examples/lab-analyzer.yaml ] || { echo "outset.sh: run me from the repository root" >&2; exit 1; }
. tests/lib/group.sh
export LC_ALL=C
unset PREMARKET_DATADIR SOURCE_DATE_EPOCH FAULTSHIM_ENOSPC_AFTER FAULTSHIM_EXCHANGE FAULTSHIM_RENAME_FAIL \
	FAULTSHIM_UNLINK_FAIL FAULTSHIM_PAUSE FAULTSHIM_PAUSE_DIR
# the shim comes before the sanitizer runtime in an ASan build
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
export ASAN_OPTIONS
LIMIT=$((30 * ${PM_TIMEOUT_SCALE:-1}))

tmp=$(mktemp -d)
mounts=
cleanup() {
	for m in $mounts; do umount "$m" 2>/dev/null; done
	chmod -R u+rwx "$tmp" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
failures=0
checks=0
fail() {
	echo "outset.sh: FAIL: $*" >&2
	failures=$((failures + 1))
}
ok() { checks=$((checks + 1)); }
signum() { case $1 in INT) echo 2 ;; KILL) echo 9 ;; TERM) echo 15 ;; esac; }

SHIM=$tmp/faultshim.so
${CC:-cc} -shared -fPIC -O1 -o "$SHIM" tests/lib/faultshim.c -ldl 2>"$tmp/cc.err" ||
	{ echo "outset.sh: cannot compile tests/lib/faultshim.c" >&2; cat "$tmp/cc.err" >&2; exit 1; }

MODEL_A=examples/minimal.yaml
ARGS_A="--format md"
MODEL_B=examples/lab-analyzer.yaml
ARGS_B="--format md,html"

# run NAME [ENV=VALUE...] -- ARGS... — premarket build ARGS, output in
# $tmp/NAME.{out,err}; sets rc.  A hang is killed after $LIMIT s.
run() {
	_name=$1
	shift
	_env=
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		_env="$_env $1"
		shift
	done
	shift
	# shellcheck disable=SC2086
	timeout "$LIMIT" env $_env "$BIN" build "$@" >"$tmp/$_name.out" 2>"$tmp/$_name.err"
	rc=$?
	if grep -Eq '(ERROR: [A-Za-z]*Sanitizer|SUMMARY: [A-Za-z]*Sanitizer|runtime error: )' "$tmp/$_name.err"; then
		fail "$_name: sanitizer report"
		head -n 20 "$tmp/$_name.err" >&2
	fi
}

# expect NAME RC PATTERN — the last run exited RC and its stderr matches PATTERN.
expect() {
	if [ "$rc" -ne "$2" ]; then
		fail "$1: exit $rc, expected $2"
		head -n 8 "$tmp/$1.err" >&2
		return
	fi
	if [ -n "$3" ] && ! grep -Eq -- "$3" "$tmp/$1.err"; then
		fail "$1: stderr does not match '$3'"
		head -n 8 "$tmp/$1.err" >&2
		return
	fi
	ok
}

# sums DIR — the SHA-256 of every file under DIR (hidden ones too), sorted.
sums() { (cd "$1" && find . -type f -exec sha256sum {} + | sort -k 2); }

# same WHAT DIR SUMS — DIR holds exactly the files of SUMS, byte for byte.
same() {
	if [ -d "$2" ] && sums "$2" >"$tmp/now.sums" && cmp -s "$tmp/now.sums" "$3"; then ok; else
		fail "$1: $2 is not the expected set"
		diff "$3" "$tmp/now.sums" 2>&1 | head -n 6 >&2
	fi
}

# clean WHAT PARENT — nothing of ours is left beside or in the folders of PARENT.
clean() {
	left=$(find "$2" \( -name '.*.premarket-*' -o -name '.*.tmp-*' -o -name '.premarket-manifest.tmp' \) 2>/dev/null |
		head -n 5)
	if [ -z "$left" ]; then ok; else fail "$1: left behind: $left"; fi
}

# A reference of each set, and the previous set.
run refA -- $ARGS_A -o "$tmp/refA" "$MODEL_A"
expect refA 0 'wrote the document set'
run refB -- $ARGS_B -o "$tmp/refB" "$MODEL_B"
expect refB 0 'wrote the document set'
sums "$tmp/refA" >"$tmp/A.sums"
sums "$tmp/refB" >"$tmp/B.sums"
mkdir -p "$tmp/p"
OUT=$tmp/p/out
fresh() { # a previous set in $OUT
	chmod -R u+rwx "$tmp/p" 2>/dev/null
	rm -rf "$tmp/p" && mkdir -p "$tmp/p" && cp -R "$tmp/refA" "$OUT"
}
build_b() { # NAME [ENV...] — build set B into $OUT
	_n=$1
	shift
	run "$_n" "$@" -- $ARGS_B -o "$OUT" "$MODEL_B"
}
# a build that fails after it took the lock (a template error): it does the
# repairs of the next build, and changes nothing else
mkdir -p "$tmp/badtpl"
printf '{{#never-closed}}\n' >"$tmp/badtpl/sbom.mustache"
next_build() { # NAME
	run "$1" -- $ARGS_B --templates "$tmp/badtpl" -o "$OUT" "$MODEL_B"
}

# wait_for FILE [PATTERN] — until FILE exists (and holds PATTERN), at most
# $LIMIT s; 1 when it never did.
wait_for() {
	_i=0
	until [ -f "$1" ] && { [ $# -lt 2 ] || grep -q -- "$2" "$1"; }; do
		[ $_i -lt $((LIMIT * 10)) ] || return 1
		sleep 0.1
		_i=$((_i + 1))
	done
}

# full_tmpfs NAME SIZE ARGS MODEL — as root, the previous set in a tmpfs of
# SIZE (mounted on $tmp/mnt, left mounted), and a build of MODEL with ARGS
# that does not fit: exit 3 for ENOSPC, the set as it was, nothing left.
# Returns 1 (nothing done) when the tmpfs cannot be mounted.
full_tmpfs() {
	[ "$(id -u)" = 0 ] && mkdir -p "$tmp/mnt" && mount -t tmpfs -o size="$2" tmpfs "$tmp/mnt" 2>/dev/null || return 1
	mounts="$tmp/mnt $mounts"
	cp -R "$tmp/refA" "$tmp/mnt/out"
	# shellcheck disable=SC2086
	run "$1" -- $3 -o "$tmp/mnt/out" "$4"
	expect "$1" 3 'error: cannot write it: No space left on device'
	same "ENOSPC ($1, a full tmpfs)" "$tmp/mnt/out" "$tmp/A.sums"
	clean "ENOSPC ($1, a full tmpfs)" "$tmp/mnt"
	return 0
}

if in_group check; then
	# -------------------------------------------------------------------------
	# 1. A whole new set; folders that are not ours.
	fresh
	build_b replace
	expect replace 0 'wrote the document set'
	same "the new set" "$OUT" "$tmp/B.sums"
	clean "a build" "$tmp/p"
	if grep -q "^diagrams/.*\.svg$" "$OUT/.premarket-manifest" &&
		[ "$(grep -vc '^#' "$OUT/.premarket-manifest")" -eq "$(cd "$OUT" && find . -type f ! -name .premarket-manifest | wc -l)" ]; then
		ok
	else
		fail "the manifest does not list every file written"
	fi
	run back -- $ARGS_A -o "$OUT" "$MODEL_A"
	expect back 0 ''
	same "set A after set B (the files B had and A lacks are gone)" "$OUT" "$tmp/A.sums"

	rm -rf "$tmp/user" && mkdir "$tmp/user" && echo mine >"$tmp/user/notes.txt"
	run notours -- $ARGS_A -o "$tmp/user" "$MODEL_A"
	expect notours 3 "user: error: not an output folder of premarket .*it holds 'notes.txt'"
	grep -q 'hint: .*never deletes' "$tmp/notours.err" && ok || fail "notours: no hint"
	[ "$(cat "$tmp/user/notes.txt")" = mine ] && [ "$(ls -A "$tmp/user")" = notes.txt ] && ok ||
		fail "a folder not ours was changed"
	clean "a refused build" "$tmp"

	fresh
	echo mine >"$OUT/notes.txt"
	sums "$OUT" >"$tmp/pre.sums"
	build_b foreignfile
	expect foreignfile 3 'out/notes.txt: error: a file that premarket did not write'
	same "a folder with a file of the user's" "$OUT" "$tmp/pre.sums"
	rm "$OUT/notes.txt"
	mkdir "$OUT/index.html"
	sums "$OUT" >"$tmp/pre.sums"
	build_b namedir
	expect namedir 3 'out/index.html: error: a folder that premarket did not write'
	same "an output name that is a folder" "$OUT" "$tmp/pre.sums"
	rmdir "$OUT/index.html"
	mv "$OUT/index.md" "$tmp/p/index.md"
	ln -s ../index.md "$OUT/index.md"
	build_b namelink
	expect namelink 3 'out/index.md: error: a symbolic link that premarket did not write'
	[ -L "$OUT/index.md" ] && ok || fail "the symbolic link was replaced"
	rm "$OUT/index.md" && mv "$tmp/p/index.md" "$OUT/index.md"
	same "after the refusals" "$OUT" "$tmp/A.sums"
	clean "refused builds" "$tmp/p"

	# DIR a symbolic link: followed, the link stays; DIR a file; a dangling link
	fresh
	ln -s out "$tmp/p/link"
	run vialink -- $ARGS_B -o "$tmp/p/link" "$MODEL_B"
	expect vialink 0 ''
	[ -L "$tmp/p/link" ] && ok || fail "the symbolic link to the output folder was replaced"
	same "a build through a symbolic link" "$OUT" "$tmp/B.sums"
	echo x >"$tmp/p/file"
	run isfile -- $ARGS_B -o "$tmp/p/file" "$MODEL_B"
	expect isfile 3 'p/file: error: .*Not a directory'
	ln -s nowhere "$tmp/p/dangling"
	run dangling -- $ARGS_B -o "$tmp/p/dangling" "$MODEL_B"
	expect dangling 3 'dangling: error: .*symbolic link to nothing'
	[ -L "$tmp/p/dangling" ] && [ "$(cat "$tmp/p/file")" = x ] && ok || fail "a link or file in the way was changed"
	clean "builds into a link or a file" "$tmp/p"

	# -------------------------------------------------------------------------
	# 2. ENOSPC.
	fresh
	build_b enospc FAULTSHIM_ENOSPC_AFTER=200000 LD_PRELOAD="$SHIM"
	expect enospc 3 'error: cannot write it: No space left on device'
	same "ENOSPC (shim)" "$OUT" "$tmp/A.sums"
	clean "ENOSPC (shim)" "$tmp/p"
	if full_tmpfs tmpfs 1m "$ARGS_B" "$MODEL_B"; then
		# a read-only file system
		if mount -o remount,ro "$tmp/mnt"; then
			run erofs -- $ARGS_B -o "$tmp/mnt/out" "$MODEL_B"
			expect erofs 3 'Read-only file system'
			same "a read-only file system" "$tmp/mnt/out" "$tmp/A.sums"
		else
			echo "outset.sh: skipped the read-only file system (remount failed)" >&2
		fi
		umount "$tmp/mnt" && mounts=
	else
		echo "outset.sh: skipped the tmpfs cases (not root, or mount failed); the shim's ENOSPC ran" >&2
	fi

	# -------------------------------------------------------------------------
	# 3. EACCES.  As root (who ignores permissions), the builds run as nobody.
	AS=
	if [ "$(id -u)" = 0 ]; then
		if command -v setpriv >/dev/null 2>&1 && setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
			AS="setpriv --reuid=65534 --regid=65534 --clear-groups"
		else
			AS=skip
		fi
	fi
	if [ "$AS" = skip ]; then
		echo "outset.sh: skipped the EACCES cases (root, and no setpriv)" >&2
	else
		chmod 755 "$tmp"
		eacces() { # NAME CHMOD-TARGET PATTERN
			fresh
			[ -n "$AS" ] && chown -R 65534:65534 "$tmp/p"
			chmod 555 "$2"
			_n=$1
			timeout "$LIMIT" $AS "$BIN" build $ARGS_B -o "$OUT" "$MODEL_B" >"$tmp/$_n.out" 2>"$tmp/$_n.err"
			rc=$?
			expect "$_n" 3 "$3"
			chmod 755 "$2"
			same "$_n" "$OUT" "$tmp/A.sums"
			clean "$_n" "$tmp/p"
		}
		eacces ro-parent "$tmp/p" 'premarket-lock: error: cannot create the lock file: Permission denied'
		eacces ro-dir "$OUT" 'out: error: cannot replace the outputs in it: Permission denied'
		mkdir -p "$tmp/refA/diagrams" # A has no subfolder: give it one
		: >"$tmp/refA/diagrams/x.svg"
		echo "diagrams/x.svg" >>"$tmp/refA/.premarket-manifest"
		sums "$tmp/refA" >"$tmp/A.sums"
		eacces ro-sub "$OUT/diagrams" 'out/diagrams: error: cannot replace the outputs in it: Permission denied'
		chmod 700 "$tmp"
	fi

	# -------------------------------------------------------------------------
	# 4. The swap.  Renames of a build: 1 the manifest into place; with the
	#    fallback 2 DIR aside, 3 the new set into place, 4 back on failure.
	fresh
	build_b xfail FAULTSHIM_EXCHANGE=EIO LD_PRELOAD="$SHIM"
	expect xfail 3 'out: error: cannot swap in the new outputs .*Input/output error'
	same "a failing exchange" "$OUT" "$tmp/A.sums"
	clean "a failing exchange" "$tmp/p"

	build_b fallback FAULTSHIM_EXCHANGE=EINVAL LD_PRELOAD="$SHIM"
	expect fallback 0 'wrote the document set'
	same "the fallback swap" "$OUT" "$tmp/B.sums"
	clean "the fallback swap" "$tmp/p"

	fresh
	build_b fb3 FAULTSHIM_EXCHANGE=EINVAL FAULTSHIM_RENAME_FAIL=3:EIO LD_PRELOAD="$SHIM"
	expect fb3 3 'cannot move the new outputs from .* into place: Input/output error'
	same "the fallback's second rename failing" "$OUT" "$tmp/A.sums"
	clean "the fallback's second rename failing" "$tmp/p"

	build_b fb34 FAULTSHIM_EXCHANGE=EINVAL FAULTSHIM_RENAME_FAIL=3:EIO,4:EIO LD_PRELOAD="$SHIM"
	expect fb34 3 'nor the previous ones back from'
	grep -q 'hint: the next build into .* puts the previous outputs back' "$tmp/fb34.err" && ok || fail "fb34: no hint"
	[ ! -e "$OUT" ] && ok || fail "fb34: the output folder is there"
	next_build fb34-next
	expect fb34-next 1 'warning: put back the previous outputs'
	same "the set put back" "$OUT" "$tmp/A.sums"
	clean "the set put back" "$tmp/p"

	# -------------------------------------------------------------------------
	# 5. Signals at chosen points.
	# killat NAME SIG POINT [ENV...] — build B paused at POINT, send SIG, let
	# it go on; sets rc to its exit status.
	killat() {
		_n=$1 _sig=$2 _pt=$3
		shift 3
		rm -rf "$tmp/pause" && mkdir "$tmp/pause"
		env "$@" FAULTSHIM_PAUSE="$_pt" FAULTSHIM_PAUSE_DIR="$tmp/pause" LD_PRELOAD="$SHIM" \
			$DEFSIG "$BIN" build $ARGS_B -o "$OUT" "$MODEL_B" >"$tmp/$_n.out" 2>"$tmp/$_n.err" &
		_pid=$!
		wait_for "$tmp/pause/paused" || fail "$_n: never reached $_pt"
		kill -"$_sig" "$_pid"
		sleep 0.2
		: >"$tmp/pause/go"
		wait "$_pid"
		rc=$?
	}
	# a background job of a script ignores SIGINT, which premarket then
	# leaves ignored (as under nohup): env gives it back its default
	DEFSIG="env --default-signal=INT" SIGS="TERM INT"
	$DEFSIG true 2>/dev/null || { DEFSIG= SIGS=TERM; echo "outset.sh: skipped SIGINT (no env --default-signal)" >&2; }
	for sig in $SIGS; do
		want=$((128 + $(signum "$sig")))
		fresh
		killat "$sig-write" "$sig" write:3
		expect "$sig-write" "$want" "^premarket: build stopped by SIG$sig\$"
		same "SIG$sig while writing" "$OUT" "$tmp/A.sums"
		clean "SIG$sig while writing" "$tmp/p"
	done
	# at the swap every signal waits for it: the new set is in, the old one goes
	for pt in exchange exchange-done unlink:1; do
		case $pt in *:*) ;; *) pt=$pt:1 ;; esac
		fresh
		killat "TERM-$pt" TERM "$pt"
		expect "TERM-$pt" 143 '^premarket: build stopped by SIGTERM$'
		same "SIGTERM at $pt" "$OUT" "$tmp/B.sums"
		clean "SIGTERM at $pt" "$tmp/p"
	done
	fresh
	killat TERM-fallback TERM rename-done:2 FAULTSHIM_EXCHANGE=EINVAL
	expect TERM-fallback 143 '^premarket: build stopped by SIGTERM$'
	same "SIGTERM between the fallback's renames" "$OUT" "$tmp/B.sums"
	clean "SIGTERM between the fallback's renames" "$tmp/p"

	# SIGKILL: leftovers, which the next build removes or repairs
	for pt in write:3 exchange-done:1 unlink:2 rename-done:2; do
		fresh
		case $pt in rename-done:2) extra=FAULTSHIM_EXCHANGE=EINVAL ;; *) extra=FAULTSHIM_X=1 ;; esac
		killat "KILL-$pt" KILL "$pt" "$extra"
		expect "KILL-$pt" 137 ''
		case $pt in write:*) want=A ;; rename-done:*) want=A ;; *) want=B ;; esac
		if [ "$pt" = rename-done:2 ]; then
			[ ! -e "$OUT" ] && ok || fail "SIGKILL between the fallback's renames: the folder is there"
		fi
		ls -a "$tmp/p" | grep -q 'premarket-' && ok || fail "SIGKILL at $pt left nothing to clean (a weak test)"
		next_build "KILL-$pt-next"
		expect "KILL-$pt-next" 1 'sbom.mustache'
		same "the build after SIGKILL at $pt" "$OUT" "$tmp/$want.sums"
		clean "the build after SIGKILL at $pt" "$tmp/p"
	done

	# -------------------------------------------------------------------------
	# 6. Two builds at once.
	fresh
	rm -rf "$tmp/pause" && mkdir "$tmp/pause"
	FAULTSHIM_PAUSE=exchange:1 FAULTSHIM_PAUSE_DIR="$tmp/pause" LD_PRELOAD="$SHIM" \
		"$BIN" build $ARGS_A -o "$OUT" "$MODEL_A" >"$tmp/first.out" 2>"$tmp/first.err" &
	first=$!
	wait_for "$tmp/pause/paused" || fail "the first build never reached the exchange"
	"$BIN" build $ARGS_B -o "$OUT" "$MODEL_B" >"$tmp/second.out" 2>"$tmp/second.err" &
	second=$!
	wait_for "$tmp/second.err" "waiting for another build"
	if grep -q "^premarket: waiting for another build into $OUT to finish (process $first)" "$tmp/second.err"; then ok; else
		fail "the second build does not say it waits"
		cat "$tmp/second.err" >&2
	fi
	run third -- $ARGS_B --no-wait -o "$OUT" "$MODEL_B"
	expect third 3 "out: error: another build is writing this folder \\(process $first\\)"
	grep -q 'hint: .*without --no-wait' "$tmp/third.err" && ok || fail "third: no hint"
	: >"$tmp/pause/go"
	wait "$first"
	rc=$?
	expect first 0 'wrote the document set'
	wait "$second"
	rc=$?
	expect second 0 'wrote the document set'
	same "two builds at once: the second one's set" "$OUT" "$tmp/B.sums"
	clean "two builds at once" "$tmp/p"
fi

if in_group slow; then
	# -------------------------------------------------------------------------
	# 7. A large build, killed after several delays.
	/usr/bin/python3 tools/gen-model.py 300 3000 >"$tmp/big.yaml"
	ARGS_BIG="--format md,html,pdf,xml"
	LIMIT=$((LIMIT * 10))
	run refBig -- $ARGS_BIG -o "$tmp/refBig" "$tmp/big.yaml"
	expect refBig 0 ''
	sums "$tmp/refBig" >"$tmp/Big.sums"
	echo "outset.sh: the large set: $(du -sk "$tmp/refBig" | cut -f1) KiB" >&2
	for delay in 0.05 0.5 1.5 3 4.5 6 8; do
		for sig in TERM KILL; do
			fresh
			"$BIN" build $ARGS_BIG -o "$OUT" "$tmp/big.yaml" >"$tmp/big.out" 2>"$tmp/big.err" &
			pid=$!
			sleep "$delay"
			kill -"$sig" "$pid" 2>/dev/null
			wait "$pid"
			rc=$?
			killed_rc=$rc
			want=$((128 + $(signum "$sig")))
			if [ "$rc" -ne 0 ] && [ "$rc" -ne "$want" ]; then fail "SIG$sig after $delay s: exit $rc"; else ok; fi
			# the message needs the handler, which exists once main() runs: a
			# kill that lands during the process's own start (tens of ms, more
			# under the sanitizers or a busy machine) dies without it, which is
			# fine as nothing is written yet; from 0.5 s on the build is running
			if [ "$rc" -eq 143 ] && [ "$delay" != 0.05 ] && ! grep -q '^premarket: build stopped by SIGTERM$' "$tmp/big.err"; then
				fail "SIGTERM after $delay s: no message"
			fi
			if sums "$OUT" >"$tmp/now.sums" && { cmp -s "$tmp/now.sums" "$tmp/A.sums" || cmp -s "$tmp/now.sums" "$tmp/Big.sums"; }; then
				ok
			else
				fail "SIG$sig after $delay s: the folder holds neither set whole"
			fi
			[ "$sig" = TERM ] && clean "SIGTERM after $delay s" "$tmp/p"
			cp "$tmp/now.sums" "$tmp/kept.sums"
			next_build "big-next"
			expect big-next 1 ''
			same "the build after SIG$sig after $delay s" "$OUT" "$tmp/kept.sums"
			clean "the build after SIG$sig after $delay s" "$tmp/p"
			echo "outset.sh: SIG$sig after $delay s: exit $killed_rc, $(cmp -s "$tmp/kept.sums" "$tmp/A.sums" && echo previous || echo new) set" >&2
		done
	done
	if full_tmpfs bigfull 4m "$ARGS_BIG" "$tmp/big.yaml"; then
		umount "$tmp/mnt" && mounts=
	else
		echo "outset.sh: skipped the large tmpfs case (not root, or mount failed)" >&2
	fi
fi

if [ "$failures" -ne 0 ]; then
	echo "outset.sh: $failures failure(s), $checks checks passed" >&2
	exit 1
fi
echo "outset.sh: all $checks checks passed"
