#!/bin/sh
# tests/cli/build.sh BIN — `premarket build`: the document set, golden
# Markdown, valid HTML, hostile model text, determinism, user templates,
# atomic outputs and exit codes.
#
#  1. every examples/*.yaml builds with --format md,html (exit 0) and every
#     document of the set (13 + index) exists as .md and .html;
#  2. the .md outputs of lab-analyzer and insulin-pump equal
#     tests/golden/docs/<example>/<slug>.md (regenerate with
#     tools/bless-docs.sh, then read the diff);
#  3. every .html parses with `xmllint --html` without errors, except the
#     known "Tag header/nav/main/footer/figure/figcaption/details/summary/wbr
#     invalid" of libxml2's HTML 4 parser;
#  4. tests/data/hostile.yaml (hostile text in every string field) validates
#     without warnings and builds:
#     every Markdown table row has as many cells as its header, every ATX
#     heading comes from a template heading, the HTML has as many headings as
#     the Markdown, and no <script>, <iframe>, <style> in the body, no <img>
#     but a diagram's (<img src="diagrams/ID.svg" alt="..." width height>:
#     the rule is tried on good and bad <img> first),
#     on* attribute or javascript: URL reaches the HTML, and model text shows
#     in the HTML as the same text;
#  5. two builds into different folders are byte-identical; SOURCE_DATE_EPOCH
#     changes only a model without a date;
#  6. --templates: a user folder overriding one document entirely and another
#     through {{<shipped/...}} inheritance changes those two only;
#  7. a failing build (template syntax error, missing model, broken model)
#     leaves the earlier outputs byte-identical and no temporary files; a
#     template error exits 1 with a located file:line:col: error: message;
#  8. exit 2 without -o, exit 3 when the output folder cannot be created.
#
# Run from the repository root:  sh tests/cli/build.sh build/premarket
# Needs python3 and xmllint (libxml2-utils).
set -u
BIN=${1:?usage: sh tests/cli/build.sh path/to/premarket}
case $BIN in
/*) ;;
*) BIN=$(pwd)/$BIN ;;
esac
[ -x "$BIN" ] || { echo "build.sh: $BIN is not an executable" >&2; exit 1; }
[ -f examples/lab-analyzer.yaml ] && [ -d templates ] || { echo "build.sh: run me from the repository root" >&2; exit 1; }
PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3) || { echo "build.sh: python3 is needed" >&2; exit 1; }
command -v xmllint >/dev/null 2>&1 || { echo "build.sh: xmllint is needed (libxml2-utils)" >&2; exit 1; }
export LC_ALL=C
unset PREMARKET_DATADIR SOURCE_DATE_EPOCH

SLUGS="index security-risk-management-report threat-model cybersecurity-risk-assessment sbom
vulnerability-assessment unresolved-anomalies tplc-metrics security-architecture
cybersecurity-testing traceability-matrix labeling cybersecurity-management-plan
section-524b-summary completeness-check"
GOLDEN="lab-analyzer insulin-pump"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
failures=0
checks=0

fail() {
	echo "build.sh: FAIL: $*" >&2
	failures=$((failures + 1))
}
ok() {
	checks=$((checks + 1))
}

# build NAME [ARGS...] — run premarket build ARGS (in the environment $BUILD_ENV,
# e.g. BUILD_ENV=SOURCE_DATE_EPOCH=0), stdout and stderr to $tmp/NAME.{out,err}; sets rc.
BUILD_ENV=
build() {
	_name=$1
	shift
	env $BUILD_ENV "$BIN" build "$@" >"$tmp/$_name.out" 2>"$tmp/$_name.err"
	rc=$?
	if grep -Eq '(ERROR: [A-Za-z]*Sanitizer|SUMMARY: [A-Za-z]*Sanitizer|runtime error: )' "$tmp/$_name.err"; then
		fail "$_name: sanitizer report"
		head -n 20 "$tmp/$_name.err" >&2
	fi
	if [ -s "$tmp/$_name.out" ]; then
		fail "$_name: premarket build wrote to stdout"
	fi
}

# expect_rc WHAT WANT — the last build exited WANT.
expect_rc() {
	if [ "$rc" -ne "$2" ]; then
		fail "$1: exit $rc, expected $2"
		head -n 10 "$tmp/$_name.err" >&2
		return 1
	fi
	ok
	return 0
}

# no_temp_files DIR — the output set leaves no temporary files behind.
no_temp_files() {
	left=$(find "$1" -name '.*.tmp-*' 2>/dev/null | head -n 5)
	if [ -n "$left" ]; then
		fail "temporary files left in $1: $left"
	else
		ok
	fi
}

# The checks on file contents, in Python (html.parser, not grep).
cat >"$tmp/check.py" <<'PYEOF'
import html.parser, os, re, subprocess, sys

def read(p):
    with open(p, encoding='utf-8') as f:
        return f.read()

def unescaped_pipes(line):
    n, i = 0, 0
    while i < len(line):
        c = line[i]
        if c == '\\':
            i += 2
            continue
        if c == '|':
            n += 1
        i += 1
    return n

def tables(files):
    """Every GFM table: the delimiter row and every body row have as many
    unescaped pipes as the header row; rows start and end with a pipe.  The
    HTML page next to the Markdown has as many tables and table rows."""
    bad = 0
    for p in files:
        lines = read(p).split('\n')
        i = 0
        n_tables = n_rows = 0
        while i < len(lines):
            if lines[i].startswith('|') and i + 1 < len(lines) and re.match(r'^\|(\s*:?-+:?\s*\|)+\s*$', lines[i + 1]):
                want = unescaped_pipes(lines[i])
                n_tables += 1
                n_rows -= 1  # the delimiter row
                j = i
                while j < len(lines) and lines[j].startswith('|'):
                    n_rows += 1
                    got = unescaped_pipes(lines[j])
                    if got != want or not lines[j].rstrip().endswith('|'):
                        print('%s:%d: table row has %d cell separators, the header %d: %.120s'
                              % (p, j + 1, got, want, lines[j]))
                        bad += 1
                    j += 1
                i = j
            else:
                if lines[i].startswith('|'):
                    print('%s:%d: table row outside a table: %.120s' % (p, i + 1, lines[i]))
                    bad += 1
                i += 1
        hp = p[:-3] + '.html'
        if os.path.exists(hp):
            h = read(hp)
            got = (len(re.findall(r'<table[\s>]', h)), len(re.findall(r'<tr[\s>]', h)))
            if got != (n_tables, n_rows):
                print('%s: %d tables with %d rows, the Markdown %d tables with %d rows'
                      % (hp, got[0], got[1], n_tables, n_rows))
                bad += 1
    return bad

def template_headings(tdir):
    """Regexes for every heading line of the shipped templates: the literal
    text, with each tag standing for any text."""
    pats = []
    for name in sorted(os.listdir(tdir)):
        if not name.endswith('.mustache'):
            continue
        for line in read(os.path.join(tdir, name)).split('\n'):
            if not re.match(r'^#{1,6} ', line):
                continue
            # a block or a section on the line may print anything or nothing
            line = re.sub(r'\{\{[$#^]([\w.]+)\}\}.*?\{\{/\1\}\}', '\0', line)
            parts = re.split(r'\{\{[^}]*\}\}|\0', line)
            pats.append(re.compile('^' + '.*'.join(re.escape(x) for x in parts) + '$'))
    return pats

def md_headings(text):
    """The ATX heading lines outside code fences; the first must be line 1."""
    out, fence = [], False
    for line in text.split('\n'):
        if re.match(r'^ {0,3}(```|~~~)', line):
            fence = not fence
        if not fence and re.match(r'^ {0,3}#{1,6}(\s|$)', line):
            out.append(line)
    return out

class Walker(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems, self.headings, self.in_head = [], 0, False
    def handle_starttag(self, tag, attrs):
        self.check(tag, attrs)
    def handle_startendtag(self, tag, attrs):
        self.check(tag, attrs)
    def handle_endtag(self, tag):
        if tag == 'head':
            self.in_head = False
    def check(self, tag, attrs):
        if tag == 'head':
            self.in_head = True
        if re.match(r'^h[1-6]$', tag):
            self.headings += 1
        bad_tags = {'script', 'img', 'iframe', 'object', 'embed', 'form', 'input', 'svg', 'math', 'base', 'link', 'meta', 'style'}
        if tag == 'img':
            # exactly the diagrams' form: <img src="diagrams/ID.svg" alt="..." width="N" height="N">,
            # a local SVG the build wrote, a text alternative that is not empty
            a = dict(attrs)
            if (sorted(a) != ['alt', 'height', 'src', 'width'] or
                    not re.match(r'^diagrams/[A-Za-z0-9][A-Za-z0-9._-]*\.svg$', a.get('src') or '') or
                    '..' in (a.get('src') or '') or not (a.get('alt') or '').strip() or
                    not re.match(r'^[0-9]+$', a.get('width') or '') or not re.match(r'^[0-9]+$', a.get('height') or '')):
                self.problems.append('<img> not of a diagram: %.80s' % (attrs,))
        elif tag in bad_tags and not (self.in_head and tag in ('meta', 'style')):
            self.problems.append('<%s> element' % tag)
        for k, v in attrs:
            v = v or ''
            if k.startswith('on'):
                self.problems.append('%s attribute on <%s>' % (k, tag))
            if tag == 'img' and k == 'alt':
                continue  # text (model text may say javascript:), escaped; checked above
            squashed = re.sub(r'[\x00-\x20]', '', v).lower()
            if re.match(r'^(javascript|vbscript|data):', squashed) or 'javascript:' in squashed:
                self.problems.append('%s="%s" on <%s>' % (k, v[:60], tag))
            if k == 'src' and tag == 'img':
                continue  # checked above
            if k in ('href', 'src') and not (re.match(r'^(#|mailto:)', v) or re.match(r'^[a-z0-9-]+\.html(#.*)?$', v)):
                self.problems.append('unexpected %s="%s" on <%s>' % (k, v[:60], tag))

def img_rule():
    """The <img> rule of Walker takes a diagram's image and nothing else."""
    good = '<img src="diagrams/V-GLOBAL.svg" alt="Global view" width="600" height="400">'
    bads = ['<img src="x.png" alt="x" width="1" height="1">', '<img src="diagrams/V.svg" alt=" " width="1" height="1">',
            '<img src="diagrams/../x.svg" alt="x" width="1" height="1">',
            '<img src="https://example.com/diagrams/V.svg" alt="x" width="1" height="1">',
            '<img src="diagrams/V.svg" alt="x" width="1" height="1" onerror="alert(1)">', '<img src="diagrams/V.svg">']
    bad = 0
    for h, want in [(good, 0)] + [(b, 1) for b in bads]:
        w = Walker()
        w.feed(h)
        w.close()
        if bool(w.problems) != bool(want):
            print('img rule: %s %s' % ('refused' if w.problems else 'accepted', h))
            bad += 1
    return bad

def hostile(mddir, tdir):
    bad = img_rule()
    bad += tables([os.path.join(mddir, f) for f in sorted(os.listdir(mddir)) if f.endswith('.md')])
    pats = template_headings(tdir)
    for f in sorted(os.listdir(mddir)):
        if not f.endswith('.md'):
            continue
        text = read(os.path.join(mddir, f))
        heads = md_headings(text)
        for n, h in enumerate(heads):
            if n > 0 and re.match(r'^ {0,3}#(\s|$)', h):
                print('%s: a second level-1 heading: %.120s' % (f, h))
                bad += 1
            # completeness-check.md is written by the check renderer, not a template
            if f != 'completeness-check.md' and not any(p.match(h) for p in pats):
                print('%s: heading not from a template: %.120s' % (f, h))
                bad += 1
            if re.match(r'^#{1,6}\s+(heading|second heading|six)\b', h):
                print('%s: heading made of model text: %.120s' % (f, h))
                bad += 1
        hp = os.path.join(mddir, f[:-3] + '.html')
        w = Walker()
        w.feed(read(hp))
        w.close()
        for prob in sorted(set(w.problems)):
            print('%s: %s' % (f[:-3] + '.html', prob))
            bad += 1
        if w.headings != len(heads):
            print('%s: %d HTML headings, %d Markdown headings: model text made a heading'
                  % (f[:-3] + '.html', w.headings, len(heads)))
            bad += 1
    return bad

class Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0
    def handle_starttag(self, tag, attrs):
        self.skip += tag in ('head', 'style', 'script')
    def handle_endtag(self, tag):
        self.skip -= tag in ('head', 'style', 'script')
    def handle_data(self, d):
        if not self.skip:
            self.parts.append(d)

def literal(htmldir, datafile):
    """Model text reaches each HTML page as the same text: the Markdown
    escapes do not show and nothing is lost (line breaks become spaces)."""
    import json
    d = json.load(open(datafile, encoding='utf-8'))
    def get(objs, *keys):
        return [o[k] for o in objs for k in keys if isinstance(o.get(k), str)]
    ifaces = [i for c in d['components'] for i in c['interfaces']]
    pages = {
        'index': [d['device']['name'], d['device']['model'], d['device']['intended_use'], d['device']['use_environment']],
        'threat-model': get(d['threats'], 'title', 'description', 'source') + get(d['assets'], 'name', 'harm_rationale')
            + get(d['zones'], 'name', 'description') + get(d['flows'], 'name', 'protocol', 'authentication')
            + get(ifaces, 'name', 'purpose', 'rationale') + d['risk_management']['assumptions'],
        'security-architecture': get(d['controls'], 'title', 'requirement', 'acceptance_criteria')
            + get(d['use_cases'], 'title', 'description') + get(d['views'], 'title', 'rationale'),
        'vulnerability-assessment': get(d['vulnerabilities'], 'title', 'cve', 'description', 'assessment'),
        'sbom': get(d['sbom']['components'], 'name', 'version', 'supplier', 'purl', 'cpe', 'license'),
        'cybersecurity-testing': get(d['tests'], 'title', 'performed_by', 'scope')
            + get([f for t in d['tests'] for f in t['findings']], 'title', 'rationale'),
        'labeling': get(d['labeling']['all_items'], 'content', 'location') + d['labeling']['documents'],
        'cybersecurity-management-plan': get(d['management_plan']['all_items'], 'content', 'rationale'),
        'unresolved-anomalies': get(d['anomalies'], 'title', 'rationale', 'plan'),
    }
    bad = 0
    for page, vals in sorted(pages.items()):
        t = Text()
        t.feed(read(os.path.join(htmldir, page + '.html')))
        text = ' '.join(''.join(t.parts).split())
        for v in vals:
            if ' '.join(v.split()) not in text:
                print('%s.html: model text not shown verbatim: %.100s' % (page, v))
                bad += 1
    return bad

KNOWN = re.compile(r'HTML parser error : Tag (header|nav|main|footer|figure|figcaption|details|summary|wbr) invalid$')

def xmllint(files):
    """xmllint --html: every message is 3 lines (message, source, caret);
    only the HTML5-element warnings are expected."""
    bad = 0
    for p in files:
        r = subprocess.run(['xmllint', '--html', '--noout', p], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT)
        lines = r.stdout.decode('utf-8', 'replace').split('\n')
        i = 0
        while i < len(lines):
            line = lines[i]
            if line.startswith(p + ':'):
                if not KNOWN.search(line):
                    print(line)
                    bad += 1
                i += 3
                continue
            if line.strip():
                print('%s: %s' % (p, line))
                bad += 1
            i += 1
    return bad

def disclaimer(golden, got, text):
    """got equals golden with its disclaimer paragraph replaced by text."""
    g = read(golden).split('\n')
    idx = [i for i, l in enumerate(g) if l.startswith('**Note.** This document was generated')]
    if len(idx) != 1:
        print('%s: no single disclaimer paragraph' % golden)
        return 1
    g[idx[0]] = text
    if '\n'.join(g) != read(got):
        print('%s differs from %s beyond the disclaimer' % (got, golden))
        return 1
    return 0

cmd = sys.argv[1]
if cmd == 'tables':
    n = tables(sys.argv[2:])
elif cmd == 'hostile':
    n = hostile(sys.argv[2], sys.argv[3])
elif cmd == 'literal':
    n = literal(sys.argv[2], sys.argv[3])
elif cmd == 'xmllint':
    n = xmllint(sys.argv[2:])
elif cmd == 'disclaimer':
    n = disclaimer(sys.argv[2], sys.argv[3], sys.argv[4])
else:
    sys.exit('check.py: unknown command ' + cmd)
sys.exit(1 if n else 0)
PYEOF

# ---------------------------------------------------------------------------
# 1-3. Every example: the whole set, golden Markdown, valid HTML, tables.
for ex in examples/*.yaml; do
	name=$(basename "$ex" .yaml)
	out=$tmp/ex/$name
	build "$name" --format md,html -o "$out" "$ex"
	expect_rc "build $ex" 0 || continue
	missing=
	for s in $SLUGS; do
		for ext in md html; do
			[ -s "$out/$s.$ext" ] || missing="$missing $s.$ext"
		done
	done
	if [ -n "$missing" ]; then
		fail "$ex: missing or empty outputs:$missing"
	else
		ok
	fi
	no_temp_files "$out"
	if "$PY" "$tmp/check.py" tables "$out"/*.md >"$tmp/log" 2>&1; then ok; else
		fail "$ex: broken Markdown tables"
		head -n 20 "$tmp/log" >&2
	fi
	if "$PY" "$tmp/check.py" xmllint "$out"/*.html >"$tmp/log" 2>&1; then ok; else
		fail "$ex: xmllint --html reports errors"
		head -n 20 "$tmp/log" >&2
	fi
done

for name in $GOLDEN; do
	gdir=tests/golden/docs/$name
	out=$tmp/ex/$name
	if [ ! -d "$gdir" ]; then
		fail "no golden documents in $gdir (run tools/bless-docs.sh)"
		continue
	fi
	for s in $SLUGS; do
		if [ ! -f "$gdir/$s.md" ]; then
			fail "golden $gdir/$s.md is missing (run tools/bless-docs.sh)"
		elif ! cmp -s "$gdir/$s.md" "$out/$s.md"; then
			fail "$name: $s.md differs from $gdir/$s.md (review, then tools/bless-docs.sh)"
			diff -u "$gdir/$s.md" "$out/$s.md" | head -n 20 >&2
		else
			ok
		fi
	done
	extra=$(cd "$gdir" && ls | while read -r f; do
		case " $(echo $SLUGS) " in *" ${f%.md} "*) ;; *) echo "$f" ;; esac
	done)
	[ -z "$extra" ] || fail "$gdir: unexpected files: $extra"
done

# ---------------------------------------------------------------------------
# 4. The hostile model: a valid model without warnings, whatever its text.
"$BIN" validate tests/data/hostile.yaml >"$tmp/validate.out" 2>"$tmp/validate.err"
rc=$?
if [ "$rc" -eq 0 ] && ! grep -q 'warning:' "$tmp/validate.err" "$tmp/validate.out"; then ok; else
	fail "tests/data/hostile.yaml does not validate cleanly (exit $rc)"
	head -n 10 "$tmp/validate.err" >&2
fi
build hostile -o "$tmp/hostile" tests/data/hostile.yaml
if expect_rc "build tests/data/hostile.yaml" 0; then
	if "$PY" "$tmp/check.py" hostile "$tmp/hostile" templates >"$tmp/log" 2>&1; then ok; else
		fail "hostile model text breaks the documents"
		head -n 30 "$tmp/log" >&2
	fi
	if "$PY" "$tmp/check.py" xmllint "$tmp/hostile"/*.html >"$tmp/log" 2>&1; then ok; else
		fail "hostile model: xmllint --html reports errors"
		head -n 20 "$tmp/log" >&2
	fi
	if "$BIN" data tests/data/hostile.yaml >"$tmp/hostile.json" 2>"$tmp/data.err" &&
		"$PY" "$tmp/check.py" literal "$tmp/hostile" "$tmp/hostile.json" >"$tmp/log" 2>&1; then ok; else
		fail "hostile model text is not shown literally in the HTML"
		head -n 20 "$tmp/log" "$tmp/data.err" >&2
	fi
fi

# ---------------------------------------------------------------------------
# 5. Determinism.
build det1 -o "$tmp/det/a" examples/lab-analyzer.yaml
build det2 -o "$tmp/det/b" examples/lab-analyzer.yaml
if diff -r "$tmp/det/a" "$tmp/det/b" >"$tmp/log" 2>&1; then ok; else
	fail "two builds of examples/lab-analyzer.yaml differ"
	head -n 20 "$tmp/log" >&2
fi
build det3 -o "$tmp/det/h" tests/data/hostile.yaml
if diff -r "$tmp/hostile" "$tmp/det/h" >"$tmp/log" 2>&1; then ok; else
	fail "two builds of tests/data/hostile.yaml differ"
	head -n 20 "$tmp/log" >&2
fi
# The model has a date: SOURCE_DATE_EPOCH changes nothing.
BUILD_ENV=SOURCE_DATE_EPOCH=86400; build det4 -o "$tmp/det/e" examples/lab-analyzer.yaml
if diff -r "$tmp/det/a" "$tmp/det/e" >"$tmp/log" 2>&1; then ok; else
	fail "SOURCE_DATE_EPOCH changed the documents of a model that has a date"
	head -n 20 "$tmp/log" >&2
fi
# No date in the model (examples/minimal.yaml): SOURCE_DATE_EPOCH gives it.
BUILD_ENV=SOURCE_DATE_EPOCH=1700000000; build det5 -o "$tmp/det/m1" examples/minimal.yaml
BUILD_ENV=SOURCE_DATE_EPOCH=1700000000; build det6 -o "$tmp/det/m2" examples/minimal.yaml
BUILD_ENV=SOURCE_DATE_EPOCH=1800000000; build det7 -o "$tmp/det/m3" examples/minimal.yaml
BUILD_ENV=
if diff -r "$tmp/det/m1" "$tmp/det/m2" >"$tmp/log" 2>&1; then ok; else
	fail "two builds of examples/minimal.yaml with the same SOURCE_DATE_EPOCH differ"
	head -n 20 "$tmp/log" >&2
fi
if grep -q '2023-11-14' "$tmp/det/m1/index.md" && grep -q '2027-01-15' "$tmp/det/m3/index.md"; then ok; else
	fail "examples/minimal.yaml (no date): SOURCE_DATE_EPOCH does not set the documentation date"
fi

# ---------------------------------------------------------------------------
# 6. --templates: one document replaced, one inheriting from the shipped one.
mkdir -p "$tmp/user"
printf '# Custom metrics\n\nCustom body for {{device.name}}.\n' >"$tmp/user/tplc-metrics.mustache"
printf '{{<shipped/threat-model}}{{$disclaimer}}Prepared by Example Consulting LLC.{{/disclaimer}}{{/shipped/threat-model}}\n' \
	>"$tmp/user/threat-model.mustache"
build user --templates "$tmp/user" -o "$tmp/userout" examples/lab-analyzer.yaml
if expect_rc "build --templates" 0; then
	printf '# Custom metrics\n\nCustom body for ImmunoChem iC 700 Integrated Analyzer.\n' >"$tmp/want-metrics"
	if cmp -s "$tmp/want-metrics" "$tmp/userout/tplc-metrics.md"; then ok; else
		fail "--templates: tplc-metrics.md is not the user's template"
		diff -u "$tmp/want-metrics" "$tmp/userout/tplc-metrics.md" | head -n 10 >&2
	fi
	if "$PY" "$tmp/check.py" disclaimer "$tmp/ex/lab-analyzer/threat-model.md" "$tmp/userout/threat-model.md" \
		'Prepared by Example Consulting LLC.' >"$tmp/log" 2>&1; then ok; else
		fail "--templates: the inherited threat model is not the shipped one with the new disclaimer"
		cat "$tmp/log" >&2
		diff -u "$tmp/ex/lab-analyzer/threat-model.md" "$tmp/userout/threat-model.md" | head -n 20 >&2
	fi
	for s in $SLUGS; do
		[ "$s" = tplc-metrics ] || [ "$s" = threat-model ] && continue
		for ext in md html; do
			if cmp -s "$tmp/ex/lab-analyzer/$s.$ext" "$tmp/userout/$s.$ext"; then ok; else
				fail "--templates: $s.$ext changed although no user template overrides it"
			fi
		done
	done
fi

# ---------------------------------------------------------------------------
# 7. Atomicity: a failing build leaves the earlier outputs as they were.
atomic=$tmp/atomic
build atomic0 -o "$atomic" examples/lab-analyzer.yaml
expect_rc "build into $atomic" 0
cp -R "$atomic" "$tmp/atomic-before"

# check_kept WHAT — the outputs are unchanged and no temporary file is left.
check_kept() {
	if diff -r "$tmp/atomic-before" "$atomic" >"$tmp/log" 2>&1; then ok; else
		fail "$1 changed the earlier outputs"
		head -n 10 "$tmp/log" >&2
	fi
	no_temp_files "$atomic"
}

mkdir -p "$tmp/badtpl"
printf 'Line one.\n\n{{#x}} is never closed.\n' >"$tmp/badtpl/sbom.mustache"
build atomic1 --templates "$tmp/badtpl" -o "$atomic" examples/insulin-pump.yaml
expect_rc "template syntax error" 1
if grep -Eq '^[^ ]*/badtpl/sbom\.mustache:3:[0-9]+: error: ' "$tmp/atomic1.err"; then ok; else
	fail "template syntax error: no located 'sbom.mustache:3:COL: error:' message"
	head -n 5 "$tmp/atomic1.err" >&2
fi
check_kept "a build with a template syntax error"

build atomic2 -o "$atomic" "$tmp/no-such-model.yaml"
expect_rc "missing model" 2
check_kept "a build of a missing model"

build atomic3 -o "$atomic" tests/bad/bad-date.yaml
expect_rc "broken model" 1
check_kept "a build of a broken model"

# ---------------------------------------------------------------------------
# 8. Usage and output errors.
build noout examples/minimal.yaml
expect_rc "build without -o" 2
: >"$tmp/regular"
build unwritable -o "$tmp/regular/sub" examples/minimal.yaml
expect_rc "build into a path under a regular file" 3
[ -f "$tmp/regular" ] && [ ! -s "$tmp/regular" ] && ok || fail "the regular file in the way was changed"

if [ "$failures" -ne 0 ]; then
	echo "build.sh: $failures failure(s), $checks checks passed" >&2
	exit 1
fi
echo "build.sh: all $checks checks passed"
