#!/bin/sh
# replay.sh REPLAY NAME BIN SEEDDIR — the regression test of fuzz target
# NAME for make check (run/fuzz/NAME): REPLAY (fuzz/replay.c linked with
# fuzz/fuzz_NAME.c, built by gcc, plain or ASan+UBSan) runs every committed
# corpus file (fuzz/corpus/NAME/), every past crash input
# (fuzz/regress/NAME/) and the seeds made from the tree (fuzz/seeds.sh, in
# SEEDDIR/NAME; not ../shared).  A crash, a sanitizer report or a leak
# fails it.
set -eu
replay=$1
name=$2
bin=$3
seeds=$4/$name
PM_FUZZ_SHARED=0 sh fuzz/seeds.sh "$seeds" "$name" "$bin"
set --
for d in fuzz/corpus/$name fuzz/regress/$name "$seeds"; do
	[ -d "$d" ] && set -- "$@" "$d"
done
echo "fuzz/$name: replaying $*"
PREMARKET_DATADIR=$(pwd) "$replay" "$@"
