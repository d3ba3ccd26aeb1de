#!/bin/sh
# install.sh BIN — `make install` into a DESTDIR gives a working premarket that
# finds its shipped data (default policy, templates, skeleton) next to itself, installs
# the bash and zsh completions and the docs, and `make uninstall`
# removes every file it installed.
set -u
BIN=${1:?usage: install.sh path/to/premarket}
BUILD=$(dirname "$BIN")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
no() { echo "install.sh: FAIL: $*"; fail=1; }
unset PREMARKET_DATADIR
# a make of its own, not a job of the `make check` that may be running this
# script beside others (its -j and jobserver would not apply)
unset MAKEFLAGS MFLAGS MAKELEVEL
make -s install DESTDIR="$tmp/root" PREFIX=/opt/pm BUILD="$BUILD" >"$tmp/log" 2>&1 || { no "make install"; cat "$tmp/log"; exit 1; }
P="$tmp/root/opt/pm/bin/premarket"
[ -x "$P" ] || no "no installed binary"
[ -f "$tmp/root/opt/pm/share/man/man1/premarket.1" ] || no "no man page"
[ -f "$tmp/root/opt/pm/share/premarket/models/default-policy.yaml" ] || no "no default policy"
[ -f "$tmp/root/opt/pm/share/bash-completion/completions/premarket" ] || no "no bash completion"
[ -f "$tmp/root/opt/pm/share/zsh/site-functions/_premarket" ] || no "no zsh completion"
# the documents --help and the man page point at
for d in README.md model.md check.md threats.md; do
	[ -f "$tmp/root/opt/pm/share/doc/premarket/$d" ] || no "no share/doc/premarket/$d"
done
# run it from elsewhere, so only the installed data can serve it
cp examples/minimal.yaml "$tmp/m.yaml"
(cd "$tmp" && "$P" validate m.yaml) >/dev/null 2>"$tmp/err" || { no "installed validate"; cat "$tmp/err"; }
(cd "$tmp" && "$P" build m.yaml -o out --format md) >/dev/null 2>"$tmp/err" || { no "installed build"; cat "$tmp/err"; }
[ -f "$tmp/out/threat-model.md" ] || no "installed build wrote no documents"
(cd "$tmp" && "$P" init new) >/dev/null 2>&1 || no "installed init"
(cd "$tmp" && "$P" validate new/model.yaml) >/dev/null 2>&1 || no "the installed skeleton does not validate"
make -s uninstall DESTDIR="$tmp/root" PREFIX=/opt/pm BUILD="$BUILD" >"$tmp/log" 2>&1 || no "make uninstall"
left=$(find "$tmp/root" -type f | wc -l)
[ "$left" -eq 0 ] || { no "uninstall left $left files"; find "$tmp/root" -type f | head; }
[ $fail -eq 0 ] && echo "install.sh: ok"
exit $fail
