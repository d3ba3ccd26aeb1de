#!/bin/sh
# docker.sh BIN — the Dockerfile builds an image in which premarket runs as a
# non-root user and renders an example.  Skipped (with a message) unless
# docker is installed and its daemon answers, and in make check unless
# PM_TEST_DOCKER=1 (an image build downloads Debian packages and takes
# minutes); BIN is not used: the image builds its own.
set -u
: "${1:?usage: docker.sh path/to/premarket}"
if ! command -v docker >/dev/null 2>&1; then
	echo "docker.sh: docker not installed: skipping"
	exit 0
fi
if ! docker info >/dev/null 2>&1; then
	echo "docker.sh: the docker daemon does not answer: skipping"
	exit 0
fi
if [ "${PM_TEST_DOCKER:-0}" != 1 ]; then
	echo "docker.sh: set PM_TEST_DOCKER=1 to build the image (downloads Debian packages): skipping"
	exit 0
fi
tag=premarket-test:$$
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; docker rmi -f "$tag" >/dev/null 2>&1' EXIT
fail=0
no() { echo "docker.sh: FAIL: $*"; fail=1; }
docker build -q -t "$tag" . >"$tmp/build.log" 2>&1 || { no "docker build"; tail -20 "$tmp/build.log"; exit 1; }
[ "$(docker run --rm --entrypoint id "$tag" -u)" != 0 ] || no "the image runs as root"
docker run --rm "$tag" --version | grep -q '^premarket ' || no "premarket --version in the image"
cp examples/minimal.yaml "$tmp/"
chmod 777 "$tmp"
docker run --rm -v "$tmp:/work" "$tag" build minimal.yaml -o out --format md,html,pdf >"$tmp/run.log" 2>&1 ||
	{ no "build in the image"; cat "$tmp/run.log"; }
[ -s "$tmp/out/cybersecurity-submission.pdf" ] || no "no PDF from the image"
[ $fail -eq 0 ] && echo "docker.sh: ok"
exit $fail
