#!/bin/sh
# inputs.sh BIN — every input is opened without blocking and refused before
# it is read when it is not a regular file (issue 15; gen/file.c): a device
# or a directory named as the model, a FIFO as an include:, an SBOM file, a
# template or an image of the PDF.  A FIFO named as the model on the command
# line is a pipe the user chose: it is read (tests/cli/stdin.sh).  Each run has
# a time limit: a hang is a failure.  Symbolic links to regular files are
# followed (docs/internals.md).
set -u
BIN=${1:?usage: inputs.sh path/to/premarket}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
export LC_ALL=C
export PREMARKET_DATADIR=${PREMARKET_DATADIR:-$(pwd)}
src=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
LIMIT=$((30 * ${PM_TIMEOUT_SCALE:-1}))
if ! command -v mkfifo >/dev/null 2>&1 || ! mkfifo "$tmp/fifo"; then
	echo "inputs.sh: skipped: cannot make a FIFO here"
	exit 0
fi
rm "$tmp/fifo"
cd "$tmp" || exit 1
cp "$src/examples/minimal.yaml" model.yaml
no() { echo "inputs.sh: FAIL: $*"; fail=1; }
# expect DESCRIPTION EXIT PATTERN COMMAND...: the exit status, and PATTERN in stderr
expect() {
	what=$1 want=$2 pat=$3
	shift 3
	timeout "$LIMIT" "$BIN" "$@" >out 2>err
	rc=$?
	if [ "$rc" -eq 124 ]; then
		no "$what: hangs (killed after $LIMIT s)"
	elif [ "$rc" -ne "$want" ]; then
		no "$what: exit $rc, want $want"
		cat err
	elif ! grep -q -- "$pat" err; then
		no "$what: no \"$pat\" in stderr"
		cat err
	fi
}

# the model, and a file it includes
mkfifo fifo.yaml
(cat model.yaml >fifo.yaml &)
expect "a FIFO as the model, with a writer, is read" 0 "valid" validate fifo.yaml
expect "a directory as the model" 2 "not a regular file" validate "$tmp"
ln -s /dev/zero zero.yaml
expect "a link to a device as the model" 2 "not a regular file" validate zero.yaml
ln -s model.yaml link.yaml
expect "a link to a regular model is followed" 0 "valid" validate link.yaml
{ cat model.yaml; echo "include: [fifo.yaml]"; } >inc.yaml
expect "a FIFO as an include" 2 "fifo.yaml is not a regular file" validate inc.yaml

# an SBOM file of the model
mkfifo fifo.cdx.json
{ cat model.yaml; printf 'sbom:\n  files:\n    - path: fifo.cdx.json\n'; } >sbom.yaml
expect "a FIFO as an SBOM file" 1 "SBOM file \"fifo.cdx.json\" is not a regular file" validate sbom.yaml
expect "a FIFO given to premarket sbom" 2 "not a regular file" sbom fifo.cdx.json

# a template (and a directory as one)
mkdir -p tpl
mkfifo tpl/threat-model.mustache
expect "a FIFO as a template" 2 "threat-model.mustache is not a regular file" build -t tpl -o out1 model.yaml
rm tpl/threat-model.mustache
mkdir tpl/threat-model.mustache
expect "a directory as a template" 2 "threat-model.mustache is not a regular file" build -t tpl -o out2 model.yaml
rmdir tpl/threat-model.mustache

# an image of the PDF: left out with a warning, the build goes on
printf '# {{doc.title}}\n\n![a picture](picture.png)\n' >tpl/threat-model.mustache
mkfifo picture.png
expect "a FIFO as an image" 0 'image "picture.png" is left out: it is not a regular file' \
	build -t tpl --format pdf -o out3 model.yaml
rm picture.png
mkdir picture.png
expect "a directory as an image" 0 'image "picture.png" is left out: it is not a regular file' \
	build -t tpl --format pdf -o out4 model.yaml
rmdir picture.png
expect "a missing image" 0 'image "picture.png" is left out: it cannot be opened' \
	build -t tpl --format pdf -o out5 model.yaml

[ "$fail" -eq 0 ] && echo "inputs.sh: ok"
exit "$fail"
