#!/bin/sh
# xml.sh BIN — submission.xml (docs/xml.md) through the CLI:
#  - `premarket schema --format xsd` prints the committed models/premarket.xsd;
#  - a hand-written submission validates with xmllint against the XSD, and
#    `premarket validate` / `premarket score` read it;
#  - `premarket build --format xml` writes DIR/submission.xml for every example:
#    it validates with xmllint, and `premarket validate` and
#    `premarket score --format csv` on it reproduce the YAML model's register;
#  - hostile XML (DTD, external entity, entity expansion, deep nesting, wrong
#    namespace) is refused with a clear error (exit 1) and nothing it names is read.
# Parts that need CLI wiring not yet present are skipped with a message.
set -u
BIN=${1:?usage: xml.sh path/to/premarket}
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
XSD=models/premarket.xsd
# a hostile input that is not refused at once is killed after this (a hang)
LIMIT=$((30 * ${PM_TIMEOUT_SCALE:-1}))

if ! command -v xmllint >/dev/null 2>&1; then
	echo "xml.sh: xmllint missing (libxml2-utils); run 'make deps'"
	exit 1
fi

# ---- the schema ----------------------------------------------------------------
if "$BIN" schema --help 2>&1 | grep -q xsd; then
	if ! "$BIN" schema --format xsd >"$tmp/schema.xsd"; then
		echo "xml.sh: schema --format xsd failed"; fail=1
	elif ! cmp -s "$tmp/schema.xsd" "$XSD"; then
		echo "xml.sh: $XSD is stale: run '$BIN schema --format xsd > $XSD'"
		diff -u "$XSD" "$tmp/schema.xsd" | head -20
		fail=1
	fi
else
	echo "xml.sh: skipped: 'premarket schema' has no xsd format yet (tests/unit/test_xml.c checks $XSD)"
fi

# ---- a hand-written submission -----------------------------------------------------
cat >"$tmp/hand.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<submission xmlns="urn:premarket:submission:1" schemaVersion="1">
  <model>
    <device>
      <name>Hand &amp; Written</name>
      <version>1.0</version>
      <manufacturer><name>Example Devices Inc.</name></manufacturer>
      <submission_type>510k</submission_type>
      <intended_use>Measures body temperature.</intended_use>
      <use_environment>Home use.</use_environment>
      <cyber_device>
        <software>true</software>
        <internet_connectable>false</internet_connectable>
        <vulnerable_characteristics>true</vulnerable_characteristics>
        <rationale>Firmware, no network.</rationale>
      </cyber_device>
    </device>
    <assets>
      <asset>
        <id>A-READING</id>
        <name>Temperature reading</name>
        <kind>data</kind>
        <harm>
          <confidentiality>negligible</confidentiality>
          <integrity>minor</integrity>
          <availability>negligible</availability>
        </harm>
      </asset>
    </assets>
    <zones>
      <zone><id>Z-HOME</id><name>Patient home</name><trust>untrusted</trust></zone>
    </zones>
    <components>
      <component><id>C-THERMO</id><name>Thermometer</name><kind>device</kind><zone>Z-HOME</zone></component>
    </components>
    <threats>
      <threat>
        <id>T-TAMPER</id>
        <title>Reading altered through the service port</title>
        <stride><item>tampering</item></stride>
        <targets><ref>C-THERMO</ref></targets>
        <assets><ref>A-READING</ref></assets>
        <cvss>CVSS:3.1/AV:P/AC:H/PR:N/UI:N/S:U/C:N/I:L/A:N</cvss>
      </threat>
    </threats>
  </model>
</submission>
EOF
if ! xmllint --noout --nonet --schema "$XSD" "$tmp/hand.xml" >"$tmp/lint" 2>&1; then
	echo "xml.sh: a hand-written submission does not validate against $XSD"; cat "$tmp/lint"; fail=1
fi
if ! "$BIN" validate "$tmp/hand.xml" >"$tmp/out" 2>"$tmp/err"; then
	echo "xml.sh: validate hand.xml failed"; cat "$tmp/err"; fail=1
fi
"$BIN" score --format csv "$tmp/hand.xml" >"$tmp/hand.csv" 2>"$tmp/err" || { echo "xml.sh: score hand.xml failed"; cat "$tmp/err"; fail=1; }
"$BIN" score --format csv examples/minimal.yaml >"$tmp/minimal.csv" 2>"$tmp/err" || { echo "xml.sh: score minimal failed"; fail=1; }
# the same threat and asset as examples/minimal.yaml: the same register row after the titles
if [ "$(cut -d, -f5- "$tmp/hand.csv")" != "$(cut -d, -f5- "$tmp/minimal.csv")" ]; then
	echo "xml.sh: register of hand.xml differs from examples/minimal.yaml"
	diff "$tmp/minimal.csv" "$tmp/hand.csv" | head; fail=1
fi

# a model error in XML is the loader's, located at the element
sed 's|<title>Reading altered through the service port</title>|&<colour>red</colour>|' "$tmp/hand.xml" >"$tmp/unknown.xml"
"$BIN" validate "$tmp/unknown.xml" >/dev/null 2>"$tmp/err"
rc=$?
if [ $rc -ne 1 ] || ! grep -q "unknown.xml:39:64: error: unknown key 'colour' in threat" "$tmp/err"; then
	echo "xml.sh: unknown element: exit $rc"; cat "$tmp/err"; fail=1
fi

# ---- build --format xml: every example ---------------------------------------------------
if "$BIN" build --help 2>&1 | grep -qi xml; then
	for ex in examples/lab-analyzer.yaml examples/insulin-pump.yaml examples/minimal.yaml examples/skeleton.yaml; do
		name=$(basename "$ex" .yaml)
		out="$tmp/build-$name"
		if ! "$BIN" build --format xml -o "$out" "$ex" >/dev/null 2>"$tmp/err" || [ ! -f "$out/submission.xml" ]; then
			echo "xml.sh: build --format xml $ex failed"; cat "$tmp/err"; fail=1; continue
		fi
		xml="$out/submission.xml"
		if ! xmllint --noout --nonet --schema "$XSD" "$xml" >"$tmp/lint" 2>&1; then
			echo "xml.sh: $ex: submission.xml does not validate against $XSD"; head -20 "$tmp/lint"; fail=1
		fi
		if ! "$BIN" validate "$xml" >/dev/null 2>"$tmp/err"; then
			echo "xml.sh: validate $name submission.xml failed"; cat "$tmp/err"; fail=1
		fi
		"$BIN" score --format csv "$ex" >"$tmp/$name.yaml.csv" 2>/dev/null
		"$BIN" score --format csv "$xml" >"$tmp/$name.xml.csv" 2>"$tmp/err" || { echo "xml.sh: score $name submission.xml failed"; cat "$tmp/err"; fail=1; }
		if ! cmp -s "$tmp/$name.yaml.csv" "$tmp/$name.xml.csv"; then
			echo "xml.sh: $ex: the register read back from submission.xml differs"
			diff -u "$tmp/$name.yaml.csv" "$tmp/$name.xml.csv" | head -20; fail=1
		fi
		# XML -> XML is byte-identical
		if "$BIN" build --format xml -o "$out.2" "$xml" >/dev/null 2>"$tmp/err"; then
			cmp -s "$xml" "$out.2/submission.xml" || { echo "xml.sh: $ex: XML -> XML differs"; fail=1; }
		else
			echo "xml.sh: build --format xml from submission.xml failed"; cat "$tmp/err"; fail=1
		fi
	done
else
	echo "xml.sh: skipped: 'premarket build' has no xml format yet (tests/unit/test_xml.c covers the round trip)"
fi

# ---- hostile XML ------------------------------------------------------------------------------
echo "PM-MARKER-5c1e" >"$tmp/secret.txt"
cat >"$tmp/xxe.xml" <<EOF
<?xml version="1.0"?>
<!DOCTYPE submission [<!ENTITY x SYSTEM "file://$tmp/secret.txt">]>
<submission xmlns="urn:premarket:submission:1"><model><device><name>&x;</name></device></model></submission>
EOF
cat >"$tmp/laughs.xml" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<submission xmlns="urn:premarket:submission:1"><model><device><name>&lol9;</name></device></model></submission>
EOF
printf '<!DOCTYPE submission SYSTEM "http://127.0.0.1:9/evil.dtd">\n<submission xmlns="urn:premarket:submission:1"><model/></submission>\n' >"$tmp/dtd.xml"
printf '<submission xmlns="urn:premarket:submission:2"><model/></submission>\n' >"$tmp/ns.xml"
awk 'BEGIN { printf "<submission xmlns=\"urn:premarket:submission:1\"><model>";
	for (i = 0; i < 100000; i++) printf "<a>"; for (i = 0; i < 100000; i++) printf "</a>";
	print "</model></submission>" }' >"$tmp/deep.xml"
for case in "xxe:DTDs are not allowed" "laughs:DTDs are not allowed" "dtd:DTDs are not allowed" \
	"ns:wrong XML namespace: expected \"urn:premarket:submission:1\", found \"urn:premarket:submission:2\"" \
	"deep:nesting deeper than 64 levels"; do
	name=${case%%:*}
	want=${case#*:}
	timeout "$LIMIT" "$BIN" validate "$tmp/$name.xml" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ $rc -eq 124 ] && echo "xml.sh: hostile $name.xml: killed after $LIMIT s (a hang?)"
	if [ $rc -ne 1 ] || ! grep -qF "$want" "$tmp/err"; then
		echo "xml.sh: hostile $name.xml: exit $rc, want 1 and \"$want\""; cat "$tmp/err"; fail=1
	fi
	if grep -q PM-MARKER "$tmp/out" "$tmp/err"; then
		echo "xml.sh: hostile $name.xml: the external file was read"; fail=1
	fi
done

[ $fail -eq 0 ] && echo "xml.sh: ok"
exit $fail
