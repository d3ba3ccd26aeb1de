/* test_rules.c — threat identification: the condition language (parser,
 * located errors, evaluator, explanations) on a small model written here. */
#include "testutil.h"

#include <dirent.h>
#include <unistd.h>

#include "arena.h"
#include "premarket/threats.h"
#include "rule_cond.h"

static char tmpdir[256];

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/pm-test-rules-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static const char *write_file(const char *name, const char *text)
{
	static char path[8][512];
	static int k;
	char *p = path[k++ % 8];
	snprintf(p, 512, "%s/%s", tmpdir, name);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return p;
}

/* A pump with a BLE interface to a phone app, the app to a cloud, a USB
 * service port, an unused JTAG header, and an end-of-life library. */
static const char MODEL[] =
        "device:\n"
        "  name: Test Pump\n"
        "  version: '1.0'\n"
        "  date: 2026-01-15\n"
        "  manufacturer: {name: Maker}\n"
        "  submission_type: 510k\n"
        "  device_class: II\n"
        "  intended_use: testing\n"
        "  use_environment: home\n"
        "  cyber_device: {software: true, internet_connectable: true, vulnerable_characteristics: true, rationale: "
        "BLE}\n"
        "assets:\n"
        "  - {id: A-DOSE, name: Dose, kind: data, multi_patient: false,\n"
        "     harm: {confidentiality: minor, integrity: catastrophic, availability: serious}}\n"
        "  - {id: A-PHI, name: History, kind: data, multi_patient: true,\n"
        "     harm: {confidentiality: serious, integrity: minor, availability: negligible}}\n"
        "zones:\n"
        "  - {id: Z-BODY, name: On body, trust: trusted}\n"
        "  - {id: Z-HOME, name: Home, trust: untrusted, controlled_by: patient}\n"
        "  - {id: Z-CLOUD, name: Cloud, trust: partially_trusted}\n"
        "components:\n"
        "  - id: C-PUMP\n"
        "    name: Pump\n"
        "    kind: device\n"
        "    zone: Z-BODY\n"
        "    assets: [A-DOSE]\n"
        "    sbom: [SB-OLD]\n"
        "    interfaces:\n"
        "      - {id: IF-BLE, kind: ble, status: used, protocols: [BLE 5.0 GATT], ports: [GATT 0x1801],\n"
        "         authentication: None (Just Works), encryption: AES-CCM}\n"
        "      - {id: IF-USB, kind: usb, status: used, ports: ['1'], protocols: [USB CDC], authentication: service "
        "PIN}\n"
        "      - {id: IF-JTAG, kind: jtag, status: disabled, rationale: fuses blown}\n"
        "  - id: C-APP\n"
        "    name: Phone app\n"
        "    kind: app\n"
        "    zone: Z-HOME\n"
        "    assets: [A-DOSE, A-PHI]\n"
        "  - {id: C-CLOUD, name: Cloud, kind: cloud_service, zone: Z-CLOUD, assets: [A-PHI]}\n"
        "flows:\n"
        "  - {id: F-BOLUS, name: Bolus command, from: C-APP, to: C-PUMP, to_interface: IF-BLE, kind: command,\n"
        "     protocol: BLE GATT, port: 49152-65535, assets: [A-DOSE], authentication: none, encryption: AES-CCM}\n"
        "  - {id: F-SYNC, name: History sync, from: C-APP, to: C-CLOUD, kind: data, protocol: HTTPS,\n"
        "     protocol_version: TLS 1.3, port: 443/tcp, assets: [A-PHI], authentication: OAuth 2.0, encryption: TLS "
        "1.3}\n"
        "threats:\n"
        "  - {id: T-1, title: t, stride: [tampering], targets: [F-BOLUS, F-SYNC, IF-BLE, IF-USB, IF-JTAG, C-CLOUD],\n"
        "     assets: [A-DOSE, A-PHI], cvss: 'CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N'}\n"
        "sbom:\n"
        "  components:\n"
        "    - {id: SB-OLD, name: oldlib, version: '1.0', supplier: x, support: actively_maintained, end_of_support: "
        "2025-06-30}\n"
        "vulnerabilities:\n"
        "  - {id: CVE-2024-0001, title: v, components: [SB-OLD], discovery: sca_scan, status: affected, kev: true,\n"
        "     assessment: bad}\n";

static pm_model *model;
static rc_graph graph;

static int load_model(void **state)
{
	if (setup(state) < 0)
		return -1;
	const char *p = write_file("m.yaml", MODEL);
	pm_diags d;
	pm_diags_init(&d);
	int rc = pm_model_load(&p, 1, NULL, &model, &d);
	for (size_t i = 0; i < d.n; i++)
		fprintf(stderr, "%u:%u: %s\n", d.v[i].line, d.v[i].col, d.v[i].msg);
	pm_diags_free(&d);
	if (rc < 0)
		return -1;
	rc_graph_build(&graph, model);
	return 0;
}

static int free_model(void **state)
{
	rc_graph_free(&graph);
	pm_model_free(model);
	return teardown(state);
}

/* Errors in tests: line 1, column = offset + 1. */
static void locate(const void *ud, size_t off, unsigned *line, unsigned *col)
{
	(void)ud;
	*line = 1;
	*col = (unsigned)off + 1;
}

static const rc_source SRC = {"rule.yaml", locate, NULL};

static int32_t idx_of(rc_elem el, const char *id)
{
	for (size_t i = 0; i < graph.n[el]; i++)
		if (strcmp(rc_id(&graph, el, (int32_t)i), id) == 0)
			return (int32_t)i;
	fail_msg("no %s", id);
	return -1;
}

/* Evaluate cond on element id of kind el. */
static int holds(rc_elem el, const char *id, const char *cond)
{
	pm_arena *a = pm_arena_new();
	pm_diags d;
	pm_diags_init(&d);
	const rc_node *n;
	int rc = rc_parse(cond, el, &SRC, a, &n, &d);
	if (rc < 0)
		fail_msg("%s: %s", cond, d.n ? d.v[0].msg : "?");
	int r = rc_eval(n, &graph, el == RC_DEVICE ? 0 : idx_of(el, id));
	pm_diags_free(&d);
	pm_arena_free(a);
	return r;
}

static void test_eval(void **state)
{
	(void)state;
	/* enums, order, booleans */
	assert_true(holds(RC_COMPONENT, "C-PUMP", "kind = device"));
	assert_false(holds(RC_COMPONENT, "C-PUMP", "kind != device"));
	assert_true(holds(RC_COMPONENT, "C-APP", "kind in [app, workstation]"));
	assert_false(holds(RC_COMPONENT, "C-APP", "kind not in [app, workstation]"));
	assert_true(holds(RC_COMPONENT, "C-PUMP", "kind not in [app, workstation] and kind = device"));
	assert_true(holds(RC_COMPONENT, "C-APP", "trust < trusted and zone.controlled_by = patient"));
	assert_true(holds(RC_COMPONENT, "C-CLOUD", "multi_patient"));
	assert_true(holds(RC_COMPONENT, "C-APP", "multi_patient")); /* through A-PHI */
	assert_false(holds(RC_COMPONENT, "C-PUMP", "multi_patient"));
	/* absent values: false, except != */
	assert_false(holds(RC_COMPONENT, "C-PUMP", "controlled_by = patient"));
	assert_true(holds(RC_COMPONENT, "C-PUMP", "controlled_by != patient"));
	assert_false(holds(RC_COMPONENT, "C-PUMP", "os"));
	/* interfaces: text, derived booleans, numbers */
	assert_true(holds(RC_INTERFACE, "IF-BLE",
	                  "kind = ble and enabled and wireless and not authenticated and encrypted"));
	assert_true(holds(RC_INTERFACE, "IF-BLE", "protocol contains \"gatt\""));
	assert_true(holds(RC_INTERFACE, "IF-BLE", "protocol contains ['zigbee', \"GATT\"]"));
	assert_false(holds(RC_INTERFACE, "IF-BLE", "protocol = \"gatt\""));
	assert_true(holds(RC_INTERFACE, "IF-BLE", "protocol = \"ble 5.0 gatt\""));
	assert_false(holds(RC_INTERFACE, "IF-BLE", "port = 1801")); /* "GATT 0x1801" has no leading number */
	assert_true(holds(RC_INTERFACE, "IF-USB", "port = 1 and authenticated and not encrypted"));
	assert_true(holds(RC_INTERFACE, "IF-USB", "authentication mentions [\"pin\", \"password\"]"));
	assert_false(holds(RC_INTERFACE, "IF-USB", "authentication mentions \"pi\""));
	assert_true(holds(RC_INTERFACE, "IF-USB", "authentication contains \"pi\""));
	assert_true(holds(RC_INTERFACE, "IF-BLE", "authentication mentions \"just works\""));
	assert_true(holds(RC_INTERFACE, "IF-JTAG", "not enabled and status = disabled and trust = trusted"));
	assert_true(holds(RC_INTERFACE, "IF-BLE", "component.kind = device and any flows (kind = command)"));
	assert_false(holds(RC_INTERFACE, "IF-USB", "any flows"));
	/* flows: boundaries, direction, ports, integrity, multi-patient */
	assert_true(holds(RC_FLOW, "F-BOLUS", "crosses_boundary and inbound and not outbound"));
	assert_true(holds(RC_FLOW, "F-BOLUS", "port = 50000 and port in [80, 60000] and port > 60000"));
	assert_false(holds(RC_FLOW, "F-BOLUS", "port < 49152"));
	assert_true(holds(RC_FLOW, "F-BOLUS", "integrity_protected")); /* encrypted, integrity not stated */
	assert_true(
	        holds(RC_FLOW, "F-SYNC", "protocol contains \"tls 1.3\" and port = 443 and inbound and not outbound"));
	assert_true(holds(RC_FLOW, "F-SYNC", "multi_patient and to.kind = cloud_service"));
	assert_true(holds(RC_FLOW, "F-BOLUS", "to_interface.kind = ble and to.zone.trust = trusted"));
	assert_false(holds(RC_FLOW, "F-SYNC", "to_interface.kind = ble")); /* no to_interface */
	assert_true(
	        holds(RC_FLOW, "F-BOLUS", "any assets (integrity >= critical) and all ends (kind != cloud_service)"));
	assert_true(holds(RC_FLOW, "F-SYNC", "any ends (kind = cloud_service) and no assets (integrity > serious)"));
	/* assets, zones, SBOM, device */
	assert_true(holds(RC_ASSET, "A-DOSE",
	                  "harm = catastrophic and confidentiality = minor and any flows (kind = command)"));
	assert_true(holds(RC_ASSET, "A-PHI", "multi_patient and any components (kind = cloud_service)"));
	assert_true(holds(RC_ZONE, "Z-HOME", "trust = untrusted and any components (kind = app)"));
	assert_true(holds(RC_ZONE, "Z-BODY", "all components (any interfaces (wireless))"));
	assert_true(
	        holds(RC_SBOM, "SB-OLD", "end_of_support_passed and unsupported and known_vulnerabilities and kev"));
	assert_true(holds(RC_SBOM, "SB-OLD",
	                  "any vulnerabilities (status = affected and kev) and any components (kind = device)"));
	assert_true(holds(RC_DEVICE, NULL, "cyber_device and device_class >= II and any interfaces (kind = jtag)"));
	assert_true(holds(RC_DEVICE, NULL, "no controls and no flows (kind = code)"));
	assert_false(holds(RC_DEVICE, NULL, "all components (kind = device)"));
	/* precedence: not > and > or */
	assert_true(holds(RC_COMPONENT, "C-PUMP", "kind = app or kind = device and not multi_patient"));
	assert_false(holds(RC_COMPONENT, "C-PUMP", "(kind = app or kind = device) and multi_patient"));
}

/* The error for cond: "line:col: message | hint". */
static const char *error_of(rc_elem el, const char *cond)
{
	static char out[1024];
	pm_arena *a = pm_arena_new();
	pm_diags d;
	pm_diags_init(&d);
	const rc_node *n = NULL;
	assert_int_equal(rc_parse(cond, el, &SRC, a, &n, &d), -1);
	assert_null(n);
	assert_int_equal(d.n, 1);
	snprintf(out, sizeof out, "%u:%u: %s | %s", d.v[0].line, d.v[0].col, d.v[0].msg,
	         d.v[0].hint ? d.v[0].hint : "");
	pm_diags_free(&d);
	pm_arena_free(a);
	return out;
}

static void test_errors(void **state)
{
	(void)state;
	assert_string_equal(error_of(RC_COMPONENT, "trsut = untrusted"),
	                    "1:1: unknown attribute 'trsut' of a component | did you mean 'trust'?");
	assert_string_equal(error_of(RC_COMPONENT, "kind = devise"),
	                    "1:8: invalid value 'devise' for 'kind' | did you mean 'device'?");
	assert_string_equal(error_of(RC_COMPONENT, "kind => device"), "1:6: unknown operator '=>' | write '>='");
	assert_string_equal(error_of(RC_COMPONENT, "kind is device"), "1:6: unknown operator 'is' | write '='");
	assert_string_equal(error_of(RC_COMPONENT, "kind = device && trust = trusted"),
	                    "1:15: unexpected '&&' | write 'and'");
	assert_string_equal(error_of(RC_COMPONENT, "kind < device"),
	                    "1:6: '<' cannot be used on 'kind', which is one of a list of words, not ordered | compare "
	                    "it with = != or in [...]");
	assert_string_equal(error_of(RC_INTERFACE, "protocol contains mllp"),
	                    "1:19: 'protocol' is text: expected a quoted string, found 'mllp' | text is quoted, e.g. "
	                    "protocol contains \"mllp\"");
	assert_string_equal(error_of(RC_INTERFACE, "enabled = yes"),
	                    "1:11: 'enabled' is true or false, found 'yes' | write 'enabled' or 'not enabled'");
	assert_string_equal(error_of(RC_COMPONENT, "interfaces"),
	                    "1:1: 'interfaces' are several interfaces, not a value | test them with any, all or no: "
	                    "any interfaces (...)");
	assert_string_equal(error_of(RC_COMPONENT, "zone"),
	                    "1:1: 'zone' is a zone, not a value | name one of its attributes, e.g. zone.name");
	assert_string_equal(error_of(RC_COMPONENT, "zone.trsut = trusted"),
	                    "1:6: unknown attribute 'trsut' of a zone | did you mean 'trust'?");
	assert_string_equal(error_of(RC_COMPONENT, "zon.trust = trusted"),
	                    "1:1: unknown neighbour 'zon' of a component | did you mean 'zone'?");
	assert_string_equal(error_of(RC_COMPONENT, "any zone"),
	                    "1:5: 'zone' is one zone, not a list | test it directly, e.g. zone.id");
	assert_string_equal(error_of(RC_COMPONENT, "any interfacs (kind = usb)"),
	                    "1:5: unknown list 'interfacs' of a component | did you mean 'interfaces'?");
	assert_string_equal(
	        error_of(RC_COMPONENT, "any interfaces (kind = device)"),
	        "1:24: invalid value 'device' for 'kind' | allowed: ethernet, wifi, ble, bluetooth, usb, serial, nfc, "
	        "cellular, inductive, rf, sd_card, optical, hdmi, jtag, uart, debug, api, ipc, user_interface, other");
	assert_string_equal(
	        error_of(RC_COMPONENT, "(kind = device"),
	        "1:15: expected ')' or 'and'/'or', found the end of the condition | the '(' at 1:1 is not closed");
	assert_string_equal(error_of(RC_COMPONENT, "kind in device"),
	                    "1:9: expected '[' after 'in' | 'in' takes a list, e.g. kind in [a, b]");
	assert_string_equal(error_of(RC_COMPONENT, "kind in [app device]"),
	                    "1:14: expected ',' or ']' in a list, found 'device' | the list opens at 1:9");
	assert_string_equal(error_of(RC_COMPONENT, "kind = device kind"),
	                    "1:15: unexpected 'kind' | join tests with 'and' or 'or'");
	assert_string_equal(error_of(RC_COMPONENT, "kind like \"dev\""),
	                    "1:6: unknown operator 'like' | write 'contains'");
	assert_string_equal(error_of(RC_COMPONENT, "kind = device )"),
	                    "1:15: unexpected ')' | join tests with 'and' or 'or'");
	assert_string_equal(error_of(RC_COMPONENT, "  "),
	                    "1:1: the condition is empty | write a test such as kind = usb");
	assert_string_equal(error_of(RC_COMPONENT, "not"),
	                    "1:4: expected a test, found the end of the condition | a condition is a test (kind = "
	                    "usb), 'not', 'any', 'all', 'no' or '('");
	assert_string_equal(error_of(RC_FLOW, "protocol contains \"mllp"),
	                    "1:19: unterminated string | close it with the same quote");
	assert_string_equal(error_of(RC_FLOW, "port = ssh"),
	                    "1:8: 'port' is a number, found 'ssh' | a number (104) or a range (49152-65535)");
	assert_string_equal(error_of(RC_FLOW, "port contains \"22\""),
	                    "1:6: 'contains' cannot be used on 'port', which is a value that 'contains' and 'mentions' "
	                    "cannot test | compare it with = != < <= > >= or in [...]");
	assert_string_equal(error_of(RC_FLOW, "kind = data $"), "1:13: unexpected character '$' | ");
	assert_string_equal(error_of(RC_DEVICE, "kind = device"),
	                    "1:1: unknown attribute 'kind' of the device | attributes: name, cyber_device, "
	                    "internet_connectable, submission_type, device_class, components, interfaces, flows, "
	                    "zones, assets, sbom, vulnerabilities, controls");
}

static void test_explain(void **state)
{
	(void)state;
	pm_arena *a = pm_arena_new();
	pm_diags d;
	pm_diags_init(&d);
	const char *cond = "kind = ble and not authenticated and any flows (kind = command and not authenticated)";
	const rc_node *n;
	assert_int_equal(rc_parse(cond, RC_INTERFACE, &SRC, a, &n, &d), 0);
	pm_buf b;
	pm_buf_init(&b, 0);
	rc_explain(n, cond, &graph, idx_of(RC_INTERFACE, "IF-BLE"), &b);
	assert_string_equal(b.data, "kind is ble; authenticated is false (None (Just Works)); "
	                            "flows F-BOLUS: kind is command; authenticated is false (none)");
	pm_buf_clear(&b);
	const char *c2 = "no assets (integrity >= critical) or all ends (kind = app)";
	assert_int_equal(rc_parse(c2, RC_FLOW, &SRC, a, &n, &d), 0);
	rc_explain(n, c2, &graph, idx_of(RC_FLOW, "F-SYNC"), &b);
	assert_string_equal(b.data, "no assets with integrity >= critical");
	pm_buf_clear(&b);
	const char *c3 = "all components (kind = device) and not (trust = untrusted)";
	assert_int_equal(rc_parse(c3, RC_ZONE, &SRC, a, &n, &d), 0);
	rc_explain(n, c3, &graph, idx_of(RC_ZONE, "Z-BODY"), &b);
	assert_string_equal(b.data, "all 1 components: kind = device; trust is trusted");
	pm_buf_free(&b);
	pm_diags_free(&d);
	pm_arena_free(a);
}

/* ---- rule files ------------------------------------------------------------------------ */

/* Diagnostics as the CLI prints them (gen/cli/msg.c). */
static void format_diags(const pm_diags *d, pm_buf *out)
{
	for (size_t i = 0; i < d->n; i++) {
		const pm_diag *g = &d->v[i];
		const char *sev = g->sev == PM_ERROR ? "error" : g->sev == PM_WARNING ? "warning" : "note";
		if (g->file && g->line)
			pm_buf_printf(out, "%s:%u:%u: %s: %s\n", g->file, g->line, g->col, sev, g->msg);
		else
			pm_buf_printf(out, "%s: %s: %s\n", g->file ? g->file : "premarket", sev, g->msg);
		if (g->hint)
			pm_buf_printf(out, "  hint: %s\n", g->hint);
	}
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The files of dir ending in suffix, sorted; returns their number. */
static size_t list_files(const char *dir, const char *suffix, char names[][256], size_t max)
{
	DIR *dp = opendir(dir);
	assert_non_null(dp);
	size_t n = 0, sl = strlen(suffix);
	struct dirent *e;
	while ((e = readdir(dp)) != NULL && n < max) {
		size_t l = strlen(e->d_name);
		if (l > sl && strcmp(e->d_name + l - sl, suffix) == 0)
			snprintf(names[n++], 256, "%s/%s", dir, e->d_name);
	}
	closedir(dp);
	char *ptrs[512];
	for (size_t i = 0; i < n; i++)
		ptrs[i] = names[i];
	qsort(ptrs, n, sizeof *ptrs, by_name);
	static char sorted[512][256];
	for (size_t i = 0; i < n; i++)
		memcpy(sorted[i], ptrs[i], 256);
	memcpy(names, sorted, n * 256);
	return n;
}

static char *read_text(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	pm_buf b;
	pm_buf_init(&b, 0);
	char chunk[4096];
	size_t k;
	while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
		pm_buf_put(&b, chunk, k);
	fclose(f);
	pm_buf_puts(&b, "");
	return pm_buf_detach(&b, NULL);
}

/* tests/rules/bad/NAME.yaml: a broken rule file; loading it must report
 * exactly NAME.expect (PM_BLESS=1 writes the expectations: review them). */
static void test_bad_rule_files(void **state)
{
	(void)state;
	static char names[512][256];
	size_t n = list_files("tests/rules/bad", ".yaml", names, 512);
	assert_true(n > 10);
	int bless = getenv("PM_BLESS") != NULL, failed = 0;
	for (size_t i = 0; i < n; i++) {
		const char *path = names[i];
		pm_catalog *c = NULL;
		pm_diags d;
		pm_diags_init(&d);
		int rc = pm_catalog_load(&path, 1, 0, &c, &d);
		pm_buf got;
		pm_buf_init(&got, 0);
		format_diags(&d, &got);
		char exp_path[300];
		snprintf(exp_path, sizeof exp_path, "%.*s.expect", (int)(strlen(path) - 5), path);
		if (bless) {
			FILE *f = fopen(exp_path, "w");
			assert_non_null(f);
			fputs(got.data ? got.data : "", f);
			fclose(f);
		}
		char *want = read_text(exp_path);
		if (rc != -1 || c || !want || strcmp(want, got.data ? got.data : "") != 0) {
			fprintf(stderr, "FAIL %s (rc %d)\n--- want\n%s--- got\n%s", path, rc,
			        want ? want : "(no .expect)\n", got.data ? got.data : "");
			failed++;
		}
		free(want);
		pm_buf_free(&got);
		pm_diags_free(&d);
		pm_catalog_free(c);
	}
	assert_int_equal(failed, 0);
}

/* The shipped catalog loads without a diagnostic. */
static void test_shipped_catalog(void **state)
{
	(void)state;
	const char *dir = "models/threats";
	pm_catalog *c = NULL;
	pm_diags d;
	pm_diags_init(&d);
	int rc = pm_catalog_load(&dir, 1, 1, &c, &d);
	pm_buf b;
	pm_buf_init(&b, 0);
	format_diags(&d, &b);
	if (d.n)
		fprintf(stderr, "%s", b.data);
	assert_int_equal(rc, 0);
	assert_int_equal(d.n, 0);
	assert_true(c->n_rules >= 80);
	assert_int_equal(c->n_shipped_files, c->n_files);
	/* every CAPEC and CWE id is one of the verified ids of tests/rules/mitre-ids.txt */
	char *ids = read_text("tests/rules/mitre-ids.txt");
	assert_non_null(ids);
	int unverified = 0;
	for (size_t i = 0; i < c->n_rules; i++) {
		const pm_rule *r = c->rules[i];
		const pm_strs *lists[2] = {&r->capec, &r->cwe};
		for (int l = 0; l < 2; l++)
			for (size_t k = 0; k < lists[l]->n; k++) {
				char line[64];
				snprintf(line, sizeof line, "\n%s\t", lists[l]->v[k].s);
				if (!strstr(ids, line)) {
					fprintf(stderr, "rule %s: %s is not in tests/rules/mitre-ids.txt\n", r->id.s,
					        lists[l]->v[k].s);
					unverified++;
				}
			}
	}
	free(ids);
	assert_int_equal(unverified, 0);
	pm_buf_free(&b);
	pm_diags_free(&d);
	pm_catalog_free(c);
}

/* tests/rules/cases/NAME.yaml with "# expect: RULE ELEMENT" and
 * "# expect-not: RULE ELEMENT" lines: a model on which the shipped catalog
 * must, or must not, match RULE on ELEMENT ("device" for device rules).
 * Counts, per rule, the positive and negative cases seen. */
typedef struct coverage {
	const char *rule;
	int pos, neg;
} coverage;

static int has_match(const pm_model *m, const char *rule, const char *element)
{
	const pm_identified *id = m->identified;
	for (size_t i = 0; i < id->n; i++)
		if (strcmp(id->rules[id->v[i].rule].id, rule) == 0 && strcmp(id->v[i].element, element) == 0)
			return 1;
	return 0;
}

static int run_case(const char *path, const pm_catalog *c, coverage *cov, size_t n_cov)
{
	char *text = read_text(path);
	assert_non_null(text);
	int failed = 0, cases = 0;
	pm_model *m = NULL;
	pm_diags d;
	pm_diags_init(&d);
	for (char *line = text; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		char rule[64], element[160];
		int neg;
		if (sscanf(line, "# expect: %63s %159s", rule, element) == 2)
			neg = 0;
		else if (sscanf(line, "# expect-not: %63s %159s", rule, element) == 2)
			neg = 1;
		else
			continue;
		if (!m) {
			if (pm_model_load(&path, 1, NULL, &m, &d) < 0 || pm_threats_identify(m, c, NULL, &d) < 0) {
				pm_buf b;
				pm_buf_init(&b, 0);
				format_diags(&d, &b);
				fprintf(stderr, "FAIL %s does not load:\n%s", path, b.data ? b.data : "");
				pm_buf_free(&b);
				failed = 1;
				break;
			}
		}
		cases++;
		if (has_match(m, rule, element) == neg) {
			fprintf(stderr, "FAIL %s: rule %s %s %s\n", path, rule, neg ? "matches" : "does not match",
			        element);
			failed++;
		}
		for (size_t i = 0; i < n_cov; i++)
			if (strcmp(cov[i].rule, rule) == 0) {
				cov[i].pos += !neg;
				cov[i].neg += neg;
			}
	}
	(void)cases;
	pm_model_free(m);
	pm_diags_free(&d);
	free(text);
	return failed;
}

static void test_rule_cases(void **state)
{
	(void)state;
	const char *dir = "models/threats";
	pm_catalog *c = NULL;
	pm_diags d;
	pm_diags_init(&d);
	assert_int_equal(pm_catalog_load(&dir, 1, 1, &c, &d), 0);
	coverage *cov = calloc(c->n_rules, sizeof *cov);
	for (size_t i = 0; i < c->n_rules; i++)
		cov[i].rule = c->rules[i]->id.s;
	static char names[512][256];
	size_t n = list_files("tests/rules/cases", ".yaml", names, 512);
	int failed = 0;
	for (size_t i = 0; i < n; i++)
		failed += run_case(names[i], c, cov, c->n_rules);
	/* every rule of the catalog has at least one positive and one negative case */
	for (size_t i = 0; i < c->n_rules; i++)
		if (!cov[i].pos || !cov[i].neg) {
			fprintf(stderr, "FAIL rule %s has %d positive and %d negative cases in tests/rules/cases\n",
			        cov[i].rule, cov[i].pos, cov[i].neg);
			failed++;
		}
	assert_int_equal(failed, 0);
	free(cov);
	pm_diags_free(&d);
	pm_catalog_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_eval),
	        cmocka_unit_test(test_errors),
	        cmocka_unit_test(test_explain),
	        cmocka_unit_test(test_bad_rule_files),
	        cmocka_unit_test(test_shipped_catalog),
	        cmocka_unit_test(test_rule_cases),
	};
	return cmocka_run_group_tests(tests, load_model, free_model);
}
