/* schema_xsd.c — models/premarket.xsd from the field tables of gen/schema.c
 * (see include/premarket/schema_xsd.h; the format is docs/xml.md).
 *
 * The model part is generated, one rule per field type:
 *   object (pm_schema)    complexType named after the object: an xs:all of
 *                         its keys (any order, each at most once, as in a
 *                         YAML mapping); minOccurs 0 unless required
 *   id, ref               pm:id (the loader's id pattern)
 *   string, text          xs:string
 *   date                  pm:date (YYYY-MM-DD, a real date from 1900 on)
 *   CVSS vector, effect   pm:cvss_vector, pm:cvss_effect (patterns)
 *   number                xs:decimal within the field's bounds
 *   boolean               pm:boolean (true or false)
 *   enum                  pm:enum_NAME (one xs:enumeration per value)
 *   list of enums/strings wrapper element with repeated <item>
 *   list of refs          wrapper element with repeated <ref>
 *   list of objects       wrapper element with repeated elements named
 *                         after the object (<threats><threat>...)
 * A required list needs at least one item.  The computed parts (register,
 * traceability, check) are fixed below; gen/render_xml.c writes them in the
 * same order.  The XSD is written with libxml2's xmlTextWriter, which does
 * the escaping of the documentation strings.
 */
#include "premarket/schema_xsd.h"
#include "premarket/xml.h"
#include "schema.h"

#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define XS_NS "http://www.w3.org/2001/XMLSchema"

/* Enum tables by name: pm:enum_harm, pm:enum_stride ... */
#define ENUM_ROW_(lower, UPPER) {pm_enum_names_##lower, #lower},
static const struct {
	const char *const *values;
	const char *name;
} enum_types[] = {PM_ENUM_ALL(ENUM_ROW_)};
#undef ENUM_ROW_

typedef struct xsw {
	xmlTextWriterPtr w;
	int err;
} xsw;

static void x_start(xsw *x, const char *name)
{
	if (xmlTextWriterStartElement(x->w, BAD_CAST name) < 0)
		x->err = 1;
}

static void x_end(xsw *x)
{
	if (xmlTextWriterEndElement(x->w) < 0)
		x->err = 1;
}

static void x_attr(xsw *x, const char *name, const char *value)
{
	if (xmlTextWriterWriteAttribute(x->w, BAD_CAST name, BAD_CAST value) < 0)
		x->err = 1;
}

static void x_comment(xsw *x, const char *text)
{
	if (xmlTextWriterWriteComment(x->w, BAD_CAST text) < 0)
		x->err = 1;
}

/* <xs:annotation><xs:documentation>text</xs:documentation></xs:annotation> */
static void x_doc(xsw *x, const char *text)
{
	if (!text)
		return;
	x_start(x, "xs:annotation");
	if (xmlTextWriterWriteElement(x->w, BAD_CAST "xs:documentation", BAD_CAST text) < 0)
		x->err = 1;
	x_end(x);
}

/* Start <xs:element name= [type=] [minOccurs="0"] [maxOccurs="unbounded"]>. */
static void x_element_start(xsw *x, const char *name, const char *type, int required, int many)
{
	x_start(x, "xs:element");
	x_attr(x, "name", name);
	if (type)
		x_attr(x, "type", type);
	if (!required)
		x_attr(x, "minOccurs", "0");
	if (many)
		x_attr(x, "maxOccurs", "unbounded");
}

static void x_element(xsw *x, const char *name, const char *type, int required, const char *doc)
{
	x_element_start(x, name, type, required, 0);
	x_doc(x, doc);
	x_end(x);
}

/* A list: <name> holding repeated <item> of item_type; at least one item
 * when items_required. */
static void x_list(xsw *x, const char *name, int required, const char *item, const char *item_type, int items_required,
                   const char *doc)
{
	x_element_start(x, name, NULL, required, 0);
	x_doc(x, doc);
	x_start(x, "xs:complexType");
	x_start(x, "xs:sequence");
	x_element_start(x, item, item_type, items_required, 1);
	x_end(x);
	x_end(x);
	x_end(x);
	x_end(x);
}

static void x_restriction_start(xsw *x, const char *name, const char *base, const char *doc)
{
	x_start(x, "xs:simpleType");
	if (name)
		x_attr(x, "name", name);
	x_doc(x, doc);
	x_start(x, "xs:restriction");
	x_attr(x, "base", base);
}

static void x_facet(xsw *x, const char *facet, const char *value)
{
	x_start(x, facet);
	x_attr(x, "value", value);
	x_end(x);
}

static void x_enum_type(xsw *x, const char *name, const char *const *values, const char *doc)
{
	x_restriction_start(x, name, "xs:string", doc);
	for (size_t i = 0; values[i]; i++)
		x_facet(x, "xs:enumeration", values[i]);
	x_end(x);
	x_end(x);
}

/* ---- the model part ----------------------------------------------------------- */

static const char *enum_type_name(const char *const *values, char *buf, size_t n)
{
	for (size_t i = 0; i < sizeof enum_types / sizeof enum_types[0]; i++)
		if (enum_types[i].values == values) {
			snprintf(buf, n, "pm:enum_%s", enum_types[i].name);
			return buf;
		}
	return "xs:string"; /* not reached: every table is in PM_ENUM_ALL */
}

static void field_element(xsw *x, const pm_field *f)
{
	char type[96];
	/* PM_FF_LOCAL: optional in submission.xml, which carries imported SBOM components */
	int req = (f->flags & PM_FF_REQUIRED) && !(f->flags & PM_FF_LOCAL);
	switch (f->type) {
	case PM_F_ID:
	case PM_F_REF:
		x_element(x, f->key, "pm:id", req, f->doc);
		break;
	case PM_F_STR:
	case PM_F_TEXT:
		x_element(x, f->key, "xs:string", req, f->doc);
		break;
	case PM_F_DATE:
		x_element(x, f->key, "pm:date", req, f->doc);
		break;
	case PM_F_CVSS:
		x_element(x, f->key, "pm:cvss_vector", req, f->doc);
		break;
	case PM_F_EFFECT:
		x_element(x, f->key, "pm:cvss_effect", req, f->doc);
		break;
	case PM_F_BOOL:
		x_element(x, f->key, "pm:boolean", req, f->doc);
		break;
	case PM_F_ENUM:
		x_element(x, f->key, enum_type_name(f->values, type, sizeof type), req, f->doc);
		break;
	case PM_F_NUM: {
		char lo[PM_XML_DECIMAL_MAX], hi[PM_XML_DECIMAL_MAX];
		x_element_start(x, f->key, NULL, req, 0);
		x_doc(x, f->doc);
		x_restriction_start(x, NULL, "xs:decimal", NULL);
		x_facet(x, "xs:minInclusive", pm_xml_decimal(f->min, lo, sizeof lo) ? lo : "0");
		x_facet(x, "xs:maxInclusive", pm_xml_decimal(f->max, hi, sizeof hi) ? hi : "0");
		x_end(x);
		x_end(x);
		x_end(x);
		break;
	}
	case PM_F_ENUMS:
		x_list(x, f->key, req, "item", enum_type_name(f->values, type, sizeof type), req, f->doc);
		break;
	case PM_F_STRS:
		x_list(x, f->key, req, "item", "xs:string", req, f->doc);
		break;
	case PM_F_REFS:
		x_list(x, f->key, req, "ref", "pm:id", req, f->doc);
		break;
	case PM_F_OBJ:
		snprintf(type, sizeof type, "pm:%s", f->sub->name);
		x_element(x, f->key, type, req, f->doc);
		break;
	case PM_F_OBJS:
		snprintf(type, sizeof type, "pm:%s", f->sub->name);
		x_list(x, f->key, req, f->sub->name, type, req, f->doc);
		break;
	}
}

static void object_type(xsw *x, const pm_schema *s)
{
	x_start(x, "xs:complexType");
	x_attr(x, "name", s->name);
	x_doc(x, s->doc);
	x_start(x, "xs:all");
	for (size_t i = 0; i < s->n_fields; i++)
		field_element(x, &s->fields[i]);
	x_end(x);
	x_end(x);
}

static void value_types(xsw *x)
{
	x_restriction_start(x, "id", "xs:string",
	                    "Object id: a letter or digit, then letters, digits, '-', '_', '.', ':'; at most 128 "
	                    "characters; unique in the model.");
	x_facet(x, "xs:pattern", "[A-Za-z0-9][A-Za-z0-9._:\\-]{0,127}");
	x_end(x);
	x_end(x);

	x_restriction_start(x, "date", "xs:date", "A date written YYYY-MM-DD, from 1900 on.");
	x_facet(x, "xs:pattern", "[0-9]{4}-[0-9]{2}-[0-9]{2}");
	x_facet(x, "xs:minInclusive", "1900-01-01");
	x_end(x);
	x_end(x);

	x_restriction_start(x, "cvss_vector", "xs:string", "A CVSS v3.1 or v4.0 vector string.");
	x_facet(x, "xs:pattern", "CVSS:(3\\.1|4\\.0)/[A-Z]+:[A-Z](/[A-Z]+:[A-Z])*");
	x_end(x);
	x_end(x);

	x_restriction_start(x, "cvss_effect", "xs:string", "CVSS metrics a control changes, e.g. MAV:L/MPR:H.");
	x_facet(x, "xs:pattern", "[A-Z]+:[A-Z](/[A-Z]+:[A-Z])*");
	x_end(x);
	x_end(x);

	x_restriction_start(x, "boolean", "xs:boolean", "true or false.");
	x_facet(x, "xs:pattern", "true|false");
	x_end(x);
	x_end(x);
}

/* ---- the computed part (written by gen/render_xml.c in this order) --------------------- */

static void complex_start(xsw *x, const char *name, const char *doc)
{
	x_start(x, "xs:complexType");
	x_attr(x, "name", name);
	x_doc(x, doc);
	x_start(x, "xs:sequence");
}

static void complex_end(xsw *x)
{
	x_end(x);
	x_end(x);
}

static void summary_fields(xsw *x)
{
	x_element(x, "risks", "xs:nonNegativeInteger", 1, "Register entries in the group.");
	x_element(x, "max_risk_before", "xs:string", 0, "Highest risk level before controls (absent: no risks).");
	x_element(x, "max_risk_after", "xs:string", 0, "Highest risk level after controls (absent: no risks).");
	x_element(x, "uncontrolled_before", "xs:nonNegativeInteger", 1, "Entries not acceptable before controls.");
	x_element(x, "uncontrolled_after", "xs:nonNegativeInteger", 1, "Entries whose outcome is uncontrolled.");
	x_element(x, "not_acceptable_after", "xs:nonNegativeInteger", 1,
	          "Entries whose residual risk is not acceptable.");
	x_element(x, "acceptable_before_controls", "xs:nonNegativeInteger", 1, "Entries acceptable before controls.");
	x_element(x, "controlled", "xs:nonNegativeInteger", 1,
	          "Entries made acceptable by implemented, verified controls.");
}

static void computed_types(xsw *x)
{
	static const char *const severities[] = {"NONE", "LOW", "MEDIUM", "HIGH", "CRITICAL", NULL};
	static const char *const sources[] = {"none", "vector", "stated", "unchanged", "carried", NULL};
	static const char *const sev_sources[] = {"none", "asset", "stated", NULL};
	static const char *const bases_res[] = {"unchanged", "effects", "explicit", NULL};
	static const char *const outcomes[] = {"acceptable_before_controls", "controlled", "uncontrolled", NULL};
	static const char *const reasons[] = {"not_acceptable", "no_control", "unverified", NULL};
	static const char *const props[] = {"confidentiality", "integrity", "availability", NULL};
	static const char *const bases[] = {"vector", "stride", NULL};
	static const char *const weights[] = {"required", "recommended", "advisory", NULL};
	static const char *const results[] = {"pass", "fail", "not_applicable", NULL};

	x_restriction_start(x, "score", "xs:decimal", "A CVSS score with one decimal, as `premarket score` prints it.");
	x_facet(x, "xs:pattern", "[0-9]{1,2}\\.[0-9]");
	x_facet(x, "xs:minInclusive", "0");
	x_facet(x, "xs:maxInclusive", "10");
	x_end(x);
	x_end(x);
	x_enum_type(x, "cvss_severity", severities, "CVSS qualitative severity of a score.");
	x_enum_type(x, "exploitability_source", sources,
	            "Where an exploitability level came from: none, the vector, stated in the model, "
	            "unchanged from before controls, or the threat's stated level carried into the residual.");
	x_enum_type(x, "severity_source", sev_sources,
	            "Where the severity of harm came from: nothing impacted, the asset's harm, or the threat's stated "
	            "harm.");
	x_enum_type(x, "residual_basis", bases_res,
	            "Why the residual is what it is: nothing credited, the credited controls' effects, or an explicit "
	            "residual.");
	x_enum_type(x, "outcome", outcomes, "The outcome of a register entry (docs/risk-method.md).");
	x_enum_type(x, "uncontrolled_reason", reasons, "Why a register entry is uncontrolled.");
	x_enum_type(x, "security_property", props, "A security property.");
	x_enum_type(x, "impact_basis", bases, "What the impacted properties were derived from.");

	complex_start(x, "assessment",
	              "One assessment of a (threat, asset) pair, before or after controls "
	              "(docs/risk-method.md).");
	x_element(x, "vector", "pm:cvss_vector", 0,
	          "The vector scored: the threat's (with control effects) plus the asset's CR/IR/AR.");
	x_element(x, "base", "pm:score", 0, "CVSS base score (v4.0: CVSS-B).");
	x_element(x, "base_severity", "pm:cvss_severity", 0, "Severity of the base score.");
	x_element(x, "environmental", "pm:score", 0, "Environmental score for this asset (v4.0: CVSS-BE/BTE).");
	x_element(x, "environmental_severity", "pm:cvss_severity", 0, "Severity of the environmental score.");
	x_element(x, "exploitability", "xs:string", 0, "Exploitability level id of the risk policy.");
	x_element(x, "exploitability_source", "pm:exploitability_source", 1,
	          "Where the exploitability level came from.");
	x_list(x, "impacted", 1, "item", "pm:security_property", 0, "Security properties the threat impacts.");
	x_element(x, "impact_from", "pm:impact_basis", 1,
	          "Impacted properties from the vector, or from STRIDE when there is none.");
	x_element(x, "severity", "pm:enum_harm", 1, "Severity of harm: severity_base raised by multi_patient_step.");
	x_element(x, "severity_property", "pm:security_property", 0,
	          "The asset property that set the severity (absent: none impacted, or the threat states its harm).");
	x_element(x, "severity_base", "pm:enum_harm", 1, "Severity before the multi-patient step.");
	x_element(x, "severity_source", "pm:severity_source", 1, "Where severity_base came from.");
	x_element(x, "multi_patient_step", "xs:nonNegativeInteger", 1, "Levels added for multi-patient harm.");
	x_element(x, "risk", "xs:string", 0, "Risk level id of the risk policy.");
	x_element(x, "acceptable", "pm:boolean", 1, "Whether the risk level is acceptable under the policy.");
	complex_end(x);

	complex_start(x, "register_entry", "One register entry: a threat scored for one asset it affects.");
	x_element(x, "threat", "pm:id", 1, "The threat.");
	x_element(x, "asset", "pm:id", 1, "The asset.");
	x_element(x, "before", "pm:assessment", 1, "Before controls.");
	x_element(x, "after", "pm:assessment", 1, "After controls (residual risk).");
	x_element(x, "residual_stated", "pm:boolean", 1,
	          "The residual assessment is the threat's stated residual.cvss.");
	x_element(x, "controls_applied", "xs:nonNegativeInteger", 1,
	          "Credited controls: implemented ones whose effects were applied, or every implemented one for an "
	          "explicit residual.");
	x_element(x, "controls_verified", "xs:nonNegativeInteger", 1, "Credited controls verified by a passed test.");
	x_element(x, "multi_patient", "pm:boolean", 1, "The threat counts as multi-patient (stated or derived).");
	x_element(x, "residual_basis", "pm:residual_basis", 1, "Why the residual is what it is.");
	x_element(x, "outcome", "pm:outcome", 1, "Acceptable before controls, controlled or uncontrolled.");
	x_element(x, "uncontrolled_reason", "pm:uncontrolled_reason", 0, "Why, when uncontrolled.");
	x_element(x, "controlled", "pm:boolean", 1, "The outcome is not uncontrolled.");
	x_list(x, "controls", 1, "ref", "pm:id", 0, "Controls the threat lists.");
	complex_end(x);

	complex_start(x, "risk_summary", "Worst risk of a group of register entries.");
	summary_fields(x);
	complex_end(x);
	complex_start(x, "risk_group", "Worst risk of the register entries of one zone, component or asset.");
	x_element(x, "id", "pm:id", 1, "The zone, component or asset.");
	summary_fields(x);
	complex_end(x);

	complex_start(x, "aggregates", "The register summarised per device, zone, component and asset.");
	x_element(x, "device", "pm:risk_summary", 1, "The whole device.");
	x_list(x, "zones", 1, "zone", "pm:risk_group", 0, "Per zone, in model order.");
	x_list(x, "components", 1, "component", "pm:risk_group", 0, "Per component, in model order.");
	x_list(x, "assets", 1, "asset", "pm:risk_group", 0, "Per asset, in model order.");
	complex_end(x);

	complex_start(x, "vulnerability_score", "The base score of a known vulnerability's vector.");
	x_element(x, "id", "pm:id", 1, "The vulnerability.");
	x_element(x, "base", "pm:score", 0, "Base score (absent: no vector).");
	x_element(x, "base_severity", "pm:cvss_severity", 0, "Severity of the base score.");
	complex_end(x);

	complex_start(x, "register",
	              "The risk register computed from the model (output only: a reader "
	              "recomputes it).");
	x_element(x, "policy", "xs:string", 0, "Name of the risk policy used (the model's risk_policy).");
	x_element(x, "policy_document", "xs:string", 0, "Id of the manufacturer's document that defines the policy.");
	x_element(x, "multi_patient_step", "xs:nonNegativeInteger", 1, "The policy's multi-patient step (default 1).");
	x_list(x, "entries", 1, "entry", "pm:register_entry", 0, "One entry per (threat, asset), in threat order.");
	x_element(x, "aggregates", "pm:aggregates", 1, "Summaries.");
	x_list(x, "vulnerabilities", 1, "vulnerability", "pm:vulnerability_score", 0,
	       "Scores of the known vulnerabilities, in model order.");
	complex_end(x);

	complex_start(x, "trace_test", "A test that verifies a control.");
	x_element(x, "id", "pm:id", 1, "The test.");
	x_element(x, "result", "pm:enum_test_result", 1, "Its overall result.");
	complex_end(x);

	complex_start(x, "trace_control", "A control of a threat, with its evidence and the software it runs in.");
	x_element(x, "id", "pm:id", 1, "The control.");
	x_element(x, "status", "pm:enum_control_status", 1, "Its implementation status.");
	x_element(x, "verified", "pm:boolean", 1,
	          "Implemented, with a test that passed (a planned test never counts).");
	x_list(x, "tests", 1, "test", "pm:trace_test", 0, "Tests that verify it.");
	x_list(x, "components", 1, "ref", "pm:id", 0, "System components that implement it.");
	x_list(x, "sbom_components", 1, "ref", "pm:id", 0, "SBOM components of those system components.");
	complex_end(x);

	complex_start(x, "trace_risk", "A register entry of the threat.");
	x_element(x, "asset", "pm:id", 1, "The asset.");
	x_element(x, "risk_before", "xs:string", 0, "Risk level before controls.");
	x_element(x, "risk_after", "xs:string", 0, "Risk level after controls.");
	x_element(x, "controlled", "pm:boolean", 1, "The outcome is not uncontrolled.");
	x_element(x, "outcome", "pm:outcome", 1, "Acceptable before controls, controlled or uncontrolled.");
	complex_end(x);

	complex_start(x, "trace_threat",
	              "Traceability of one threat: threat -> risks -> controls -> tests "
	              "and SBOM components.");
	x_element(x, "id", "pm:id", 1, "The threat.");
	x_list(x, "risks", 1, "risk", "pm:trace_risk", 0, "Its register entries.");
	x_list(x, "controls", 1, "control", "pm:trace_control", 0, "Controls that mitigate it.");
	x_list(x, "vulnerabilities", 1, "ref", "pm:id", 0, "Known vulnerabilities covered by it.");
	complex_end(x);

	complex_start(x, "traceability", "Traceability links, one entry per threat in model order (output only).");
	x_element_start(x, "threat", "pm:trace_threat", 0, 1);
	x_end(x);
	complex_end(x);

	x_enum_type(x, "check_weight", weights, "How much a completeness rule matters (include/premarket/check.h).");
	x_enum_type(x, "check_result", results, "Outcome of a completeness rule.");
	complex_start(x, "check_finding", "One object that fails a rule, at its source location.");
	x_element(x, "message", "xs:string", 1, "What is missing, naming the object.");
	x_element(x, "file", "xs:string", 0, "Model file.");
	x_element(x, "line", "xs:positiveInteger", 0, "Line, from 1.");
	x_element(x, "column", "xs:positiveInteger", 0, "Column, from 1.");
	complex_end(x);
	complex_start(x, "check_item", "The result of one completeness rule (docs/check.md).");
	x_element(x, "id", "xs:string", 1, "Rule id.");
	x_element(x, "title", "xs:string", 0, "What the rule checks.");
	x_element(x, "area", "xs:string", 0, "Group of the rule.");
	x_element(x, "basis", "xs:string", 0, "Guidance section and statute it comes from.");
	x_element(x, "weight", "pm:check_weight", 0, "Effective weight for this submission.");
	x_element(x, "result", "pm:check_result", 1, "Outcome.");
	x_element(x, "message", "xs:string", 0, "Summary of the gaps, or why the rule does not apply.");
	x_list(x, "findings", 0, "finding", "pm:check_finding", 0, "One per failing object, in model order.");
	complex_end(x);

	complex_start(x, "check", "Completeness check results (output only).");
	x_element_start(x, "item", "pm:check_item", 0, 1);
	x_end(x);
	complex_end(x);
}

/* ---- the document ------------------------------------------------------------------------ */

static void write_schema(xsw *x)
{
	size_t n;
	const pm_schema **all = pm_schema_all(&pm_schema_model, &n);

	if (xmlTextWriterStartDocument(x->w, "1.0", "UTF-8", NULL) < 0)
		x->err = 1;
	x_comment(x, " Generated from gen/schema.c by gen/schema_xsd.c (premarket schema, format xsd); do not edit. ");
	x_start(x, "xs:schema");
	x_attr(x, "xmlns:xs", XS_NS);
	x_attr(x, "xmlns:pm", PM_XML_NAMESPACE);
	x_attr(x, "targetNamespace", PM_XML_NAMESPACE);
	x_attr(x, "elementFormDefault", "qualified");
	x_attr(x, "version", PM_XML_SCHEMA_VERSION);
	x_doc(x, "premarket submission, schema version " PM_XML_SCHEMA_VERSION ": a device security model "
	         "(the model format of docs/model.md), its risk register and traceability links.  The "
	         "version is the last component of the namespace; it changes only with an incompatible "
	         "change.  See docs/xml.md.");

	x_element(x, "submission", "pm:submission", 1, NULL);
	complex_start(x, "submission", "The root element.");
	x_element(x, "model", "pm:model", 1, "The device security model (read back by premarket).");
	x_element(x, "register", "pm:register", 0, "The computed risk register.");
	x_element(x, "traceability", "pm:traceability", 0, "Threat -> risks -> controls -> tests -> SBOM components.");
	x_element(x, "check", "pm:check", 0, "Completeness check results.");
	x_end(x); /* xs:sequence */
	x_start(x, "xs:attribute");
	x_attr(x, "name", "schemaVersion");
	x_attr(x, "type", "xs:string");
	x_attr(x, "use", "required");
	x_attr(x, "fixed", PM_XML_SCHEMA_VERSION);
	x_end(x);
	x_end(x); /* xs:complexType */

	x_comment(x, " The model: one type per object of the model format (gen/schema.c). ");
	for (size_t i = 0; i < n; i++)
		object_type(x, all[i]);
	x_comment(x, " Values. ");
	value_types(x);
	for (size_t i = 0; i < sizeof enum_types / sizeof enum_types[0]; i++) {
		char name[96];
		snprintf(name, sizeof name, "enum_%s", enum_types[i].name);
		x_enum_type(x, name, enum_types[i].values, NULL);
	}
	x_comment(x, " Computed parts: risk register, traceability, completeness check. ");
	computed_types(x);
	x_end(x); /* xs:schema */
	if (xmlTextWriterEndDocument(x->w) < 0)
		x->err = 1;
	free(all);
}

static int writer_failed(pm_diags *d)
{
	return pm_diag_add(d, PM_ERROR, PM_ERR_RENDER, NULL, 0, 0, "libxml2 could not write the XML Schema");
}

int pm_schema_xsd(pm_buf *out, pm_diags *d)
{
	size_t mark = out->len;
	xmlBufferPtr buf = xmlBufferCreate();
	if (!buf)
		return writer_failed(d);
	xsw x = {xmlNewTextWriterMemory(buf, 0), 0};
	if (!x.w) {
		xmlBufferFree(buf);
		return writer_failed(d);
	}
	xmlTextWriterSetIndent(x.w, 1);
	xmlTextWriterSetIndentString(x.w, BAD_CAST "  ");
	write_schema(&x);
	xmlFreeTextWriter(x.w); /* flushes into buf */
	int err = x.err;
	if (!err)
		pm_buf_put(out, xmlBufferContent(buf), (size_t)xmlBufferLength(buf));
	xmlBufferFree(buf);
	return err ? writer_failed(d) : pm_buf_done(out, mark, "the XML Schema", d);
}
