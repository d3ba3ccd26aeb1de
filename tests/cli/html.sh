#!/bin/sh
# tests/cli/html.sh BIN — the HTML of `premarket build`, parsed (python's
# html.parser, not grep) for every example, checked as a reader follows it
# (docs/html.md):
#
#  1. every link to a local file names a page or file of the build, and a
#     link with a fragment names an element id of that page;
#  2. every threat id of the risk register (`premarket score --format csv`)
#     is an anchor (pm-def, id threat_...) of threat-model.html; every object
#     link (pm-ref) points at an anchor whose text is the link's text;
#  3. no id attribute twice in a page; anchors are ids of the form
#     kind_escaped-id;
#  4. the navigation marks exactly one entry current, the page itself
#     (aria-current="page");
#  5. the previous/next links chain every page in navigation order, index
#     first, both ways;
#  6. every table sits in its <div class="pm-table"> scrolling wrapper; no
#     marker byte (\x01, \x02) of the renderer is left in a page;
#  7. the checker fails on a copy of a build whose threat anchors are gone.
#
# Run from the repository root:  sh tests/cli/html.sh build/premarket
set -u
BIN=${1:?usage: sh tests/cli/html.sh path/to/premarket}
case $BIN in
/*) ;;
*) BIN=$(pwd)/$BIN ;;
esac
[ -x "$BIN" ] || { echo "html.sh: $BIN is not an executable" >&2; exit 1; }
[ -d examples ] || { echo "html.sh: run me from the repository root" >&2; exit 1; }
PY=$(command -v python3) || { echo "html.sh: python3 is needed" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

for model in examples/*.yaml; do
	name=$(basename "$model" .yaml)
	if ! "$BIN" build --format html -o "$tmp/$name" "$model" >/dev/null 2>"$tmp/$name.err"; then
		# a skeleton may not score: build what builds, check what was built
		[ -f "$tmp/$name/index.html" ] || { echo "html.sh: $name: no HTML built"; head -5 "$tmp/$name.err"; fail=1; continue; }
	fi
	"$BIN" score --format csv "$model" >"$tmp/$name.csv" 2>/dev/null || : >"$tmp/$name.csv"
	"$PY" - "$tmp/$name" "$tmp/$name.csv" <<'EOF' || fail=1
import csv, os, re, sys
from html.parser import HTMLParser
from urllib.parse import unquote

site, register = sys.argv[1], sys.argv[2]
bad = []

class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.dup = set(), []
        self.links = []          # (href, classes, text)
        self.defs = {}           # anchor id -> text
        self.nav, self.current = [], []
        self.prev = self.next = None
        self.stack = []          # open elements: (tag, attrs)
        self.text_of = None      # collecting the text of an <a> or pm-def
        self.tables = self.wrapped = 0
        self.in_nav = self.in_pager = 0

    def handle_starttag(self, tag, a):
        a = dict(a)
        cls = (a.get('class') or '').split()
        if 'id' in a:
            (self.dup if a['id'] in self.ids else []).append(a['id'])
            self.ids.add(a['id'])
        if tag == 'table':
            self.tables += 1
            if self.stack and self.stack[-1][0] == 'div' and 'pm-table' in self.stack[-1][1]:
                self.wrapped += 1
        if tag == 'nav' and 'pm-nav' in cls:
            self.in_nav = 1
        if tag == 'nav' and 'pm-pager' in cls:
            self.in_pager = 1
        if tag == 'a' and 'href' in a:
            if self.in_nav:
                self.nav.append(a['href'])
                if a.get('aria-current') == 'page':
                    self.current.append(a['href'])
            elif self.in_pager:
                if a.get('rel') == 'prev':
                    self.prev = a['href']
                if a.get('rel') == 'next':
                    self.next = a['href']
            else:
                self.text_of = ['a', a['href'], cls, '']
        if tag == 'span' and 'pm-def' in cls:
            self.text_of = ['def', a.get('id'), cls, '']
        if tag not in ('wbr', 'meta', 'br', 'hr', 'img', 'input', 'link'):
            self.stack.append((tag, cls))

    def handle_endtag(self, tag):
        if tag == 'nav':
            self.in_nav = self.in_pager = 0
        if self.text_of and ((tag == 'a' and self.text_of[0] == 'a') or
                             (tag == 'span' and self.text_of[0] == 'def' and
                              self.stack and 'pm-def' in self.stack[-1][1])):
            kind, ref, cls, text = self.text_of
            if kind == 'a':
                self.links.append((ref, cls, text))
            else:
                self.defs[ref] = text
            self.text_of = None
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break

    def handle_data(self, d):
        if self.text_of:
            self.text_of[3] += d

pages = {}
for f in sorted(os.listdir(site)):
    if f.endswith('.html'):
        raw = open(os.path.join(site, f), 'rb').read()
        if b'\x01' in raw or b'\x02' in raw:
            bad.append('%s: a marker byte of the renderer is left in the page' % f)
        p = Page()
        p.feed(raw.decode('utf-8'))
        p.close()
        pages[f] = p

ANCHOR = re.compile(r'^[a-z]+_[A-Za-z0-9._-]+$')
for f, p in pages.items():
    for i in p.dup:
        bad.append('%s: id "%s" twice' % (f, i))
    for a, text in p.defs.items():
        if not a or not ANCHOR.match(a):
            bad.append('%s: anchor id "%s" is not kind_id' % (f, a))
    # 1. links
    for href, cls, text in p.links:
        if re.match(r'^[a-zA-Z][a-zA-Z0-9+.-]*:', href):
            continue          # http, https, mailto
        doc, _, frag = href.partition('#')
        doc = unquote(doc) or f
        if not os.path.exists(os.path.join(site, doc)):
            bad.append('%s: link to "%s": no such file' % (f, href))
            continue
        if frag and doc.endswith('.html') and unquote(frag) not in pages[doc].ids:
            bad.append('%s: link to "%s": %s has no id "%s"' % (f, href, doc, frag))
        if 'pm-ref' in cls:
            if not frag or frag not in pages[doc].defs:
                bad.append('%s: object link "%s" does not point at an anchor' % (f, href))
            elif pages[doc].defs[frag] != text:
                bad.append('%s: link "%s" -> %s, whose anchor is "%s"' % (f, text, href, pages[doc].defs[frag]))
    # 4. navigation
    if p.current != [f]:
        bad.append('%s: the navigation marks %s current, not the page itself' % (f, p.current or 'nothing'))
    if p.tables != p.wrapped:
        bad.append('%s: %d of %d tables outside a pm-table wrapper' % (f, p.tables - p.wrapped, p.tables))

# 2. every threat of the register is an anchor of the threat model
tm = pages.get('threat-model.html')
threats = []
with open(register, newline='') as fh:
    for row in csv.DictReader(fh):
        if row['threat'] not in threats:
            threats.append(row['threat'])
if tm:
    defined = set(text for a, text in tm.defs.items() if a and a.startswith('threat_'))
    for t in threats:
        if t not in defined:
            bad.append('threat-model.html: threat %s of the register is no anchor' % t)
    if threats and not tm.defs:
        bad.append('threat-model.html: no anchor at all')
print('%s: %d pages, %d threats of the register, %d anchors, %d object links' % (
    os.path.basename(site), len(pages), len(threats), sum(len(p.defs) for p in pages.values()),
    sum(1 for p in pages.values() for l in p.links if 'pm-ref' in l[1])))

# 5. previous/next chain = navigation order, index first
order = pages['index.html'].nav if 'index.html' in pages else []
if order and order[0] != 'index.html':
    bad.append('index.html: the navigation does not start with the index')
if sorted(order) != sorted(pages):
    bad.append('navigation lists %s, the build has %s' % (order, sorted(pages)))
for f, p in pages.items():
    if p.nav != order:
        bad.append('%s: navigation differs from the index page\'s' % f)
for i, f in enumerate(order):
    p = pages.get(f)
    if not p:
        continue
    want_prev = order[i - 1] if i > 0 else None
    want_next = order[i + 1] if i + 1 < len(order) else None
    if p.prev != want_prev or p.next != want_next:
        bad.append('%s: previous/next %s/%s, want %s/%s' % (f, p.prev, p.next, want_prev, want_next))
seen, f = [], order[0] if order else None
while f and f not in seen:
    seen.append(f)
    f = pages[f].next if f in pages else None
if seen != order:
    bad.append('following "next" from the index visits %d of %d pages' % (len(seen), len(order)))

for b in bad[:50]:
    print('html.sh: %s: FAIL %s' % (os.path.basename(site), b))
sys.exit(1 if bad else 0)
EOF
done

# The checker can fail: a page whose link points at a missing anchor.
mkdir -p "$tmp/broken"
cp "$tmp/minimal/"*.html "$tmp/broken/" 2>/dev/null
if [ -f "$tmp/broken/threat-model.html" ]; then
	sed 's/id="threat_/id="gone_/' "$tmp/broken/threat-model.html" >"$tmp/broken/t" && mv "$tmp/broken/t" "$tmp/broken/threat-model.html"
	"$BIN" score --format csv examples/minimal.yaml >"$tmp/broken.csv" 2>/dev/null
	# shellcheck disable=SC2016
	sed -n '/^[[:space:]]*"\$PY" - /,/^EOF$/p' "$0" | sed '1d;$d' >"$tmp/check.py"
	if "$PY" "$tmp/check.py" "$tmp/broken" "$tmp/broken.csv" >"$tmp/broken.out" 2>&1; then
		echo "html.sh: FAIL the checker accepts a page whose anchors are gone"
		fail=1
	elif ! grep -q "is no anchor" "$tmp/broken.out"; then
		echo "html.sh: FAIL the checker did not report the missing anchors:"
		head -5 "$tmp/broken.out"
		fail=1
	fi
fi

[ $fail = 0 ] && echo "html.sh: ok"
exit $fail
