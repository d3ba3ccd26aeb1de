#!/bin/sh
# completion.sh BIN — the bash completion (completions/premarket.bash)
# completes commands, each command's options and directories after -o, all
# read from the program's own --help; the zsh completion parses (zsh -n)
# when zsh is installed.  Skipped without bash.
set -u
BIN=${1:?usage: completion.sh path/to/premarket}
command -v bash >/dev/null 2>&1 || { echo "completion.sh: bash not installed: skipping"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/outdir"
bash -c '
set -u
. completions/premarket.bash
BIN=$1
fail=0
# complete WORDS... — COMPREPLY for completing the last word
complete_words() {
	COMP_WORDS=("$BIN" "$@")
	COMP_CWORD=$#
	COMPREPLY=()
	_premarket
	printf "%s\n" "${COMPREPLY[@]}"
}
want() { # want NAME EXPECTED-LINE WORDS...
	name=$1 expected=$2
	shift 2
	if complete_words "$@" | grep -qxF -- "$expected"; then :; else
		echo "completion.sh: FAIL: $name: \"$expected\" not offered for: $*"
		complete_words "$@" | head -5 | sed "s/^/    got: /"
		fail=1
	fi
}
want "command" build b
want "command" threats th
want "command option" "--format=" build --fo
want "command option" "--all" threats --a
want "top option" "--version" --v
want "directory after -o" "$2/outdir" build -o "$2/out"
# every command in --help completes from the empty word
for c in $("$BIN" --help | sed -n "/^Commands:/,/^\$/s/^  \([a-z][a-z-]*\) .*/\1/p"); do
	want "every command" "$c" ""
done
n=$(complete_words "" | wc -l)
[ "$n" -ge 10 ] || { echo "completion.sh: FAIL: only $n commands offered"; fail=1; }
[ $fail -eq 0 ] && echo "completion.sh: bash completion ok ($n commands)"
exit $fail
' completion "$BIN" "$tmp" || exit 1
if command -v zsh >/dev/null 2>&1; then
	zsh -n completions/_premarket || { echo "completion.sh: FAIL: zsh -n completions/_premarket"; exit 1; }
	echo "completion.sh: zsh completion parses"
else
	echo "completion.sh: zsh not installed: the zsh completion is not checked"
fi
