#!/bin/sh
# deps.sh: check every dependency premarket builds, tests or renders with.
# When something is missing and we run as root on Debian/Ubuntu, install exactly
# the missing packages with apt-get; otherwise print the exact command and fail.
set -u

missing=""
need() { # need PACKAGE DESCRIPTION -- CHECK...
	pkg=$1; shift; what=$1; shift; shift
	if "$@" >/dev/null 2>&1; then return 0; fi
	printf 'deps: missing %s (%s)\n' "$what" "$pkg" >&2
	case " $missing " in *" $pkg "*) ;; *) missing="$missing $pkg" ;; esac
}
have_pc() { pkg-config --exists "$1"; }
have_file() { test -f "$1"; }
have_cmd() { command -v "$1"; }
have_lib_header() { # header library
	printf '#include <%s>\nint main(void){return 0;}\n' "$1" |
		${CC:-cc} -x c - -o /dev/null "-l$2"
}

need make "GNU make" -- have_cmd make
need gcc "C compiler" -- have_cmd "${CC:-cc}"
need pkg-config "pkg-config" -- have_cmd pkg-config
need libyaml-dev "libyaml (yaml-0.1.pc)" -- have_pc yaml-0.1
need libxml2-dev "libxml2 (libxml-2.0.pc)" -- have_pc libxml-2.0
need libcmark-gfm-dev "cmark-gfm (libcmark-gfm.pc)" -- have_pc libcmark-gfm
need libcmark-gfm-extensions-dev "cmark-gfm extensions" -- have_lib_header cmark-gfm-core-extensions.h cmark-gfm-extensions
need libhpdf-dev "libharu (hpdf.h, -lhpdf)" -- have_lib_header hpdf.h hpdf
need libcmocka-dev "cmocka (cmocka.pc)" -- have_pc cmocka
need libgraphviz-dev "graphviz (libgvc.pc)" -- have_pc libgvc
need libssl-dev "OpenSSL libcrypto (libcrypto.pc)" -- have_pc libcrypto
need libxlsxwriter-dev "libxlsxwriter (xlsxwriter.pc): the spreadsheet register" -- have_pc xlsxwriter
need fonts-dejavu-core "DejaVu fonts" -- have_file /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
need fonts-wqy-microhei "WenQuanYi Micro Hei: Chinese, Japanese and Korean text in the PDF (docs/pdf.md)" -- have_file /usr/share/fonts/truetype/wqy/wqy-microhei.ttc
need valgrind "valgrind (make leakcheck)" -- have_cmd valgrind
need python3-jsonschema "python3 jsonschema (schema tests)" -- /usr/bin/python3 -c 'import jsonschema'
need python3-yaml "python3 yaml (schema tests, tools/recall.py)" -- /usr/bin/python3 -c 'import yaml'
need libxml2-utils "xmllint (XML tests)" -- have_cmd xmllint
need poppler-utils "pdftotext/pdfinfo (PDF tests)" -- have_cmd pdftotext
need qpdf "qpdf (PDF outline tests)" -- have_cmd qpdf
need clang-format "clang-format (make lint, make format)" -- have_cmd clang-format
need time "GNU time (make bench)" -- have_file /usr/bin/time
need chromium "headless Chromium (make slow: the HTML read in a browser, tools/html-screenshots.sh)" -- have_cmd chromium
need clang "clang with libFuzzer (make fuzz; make check replays the corpora with gcc)" -- have_cmd clang

if [ -z "$missing" ]; then
	echo "deps: all dependencies present"
	exit 0
fi

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "deps: installing:$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing || exit 1
	echo "deps: installed:$missing"
	exit 0
fi

echo "deps: run as root:  apt-get update && apt-get install -y$missing" >&2
exit 1
