/* pdf_text.c — fonts, character coverage, widths and line breaking for the
 * PDF renderer (gen/pdf_text.h, docs/pdf.md).
 *
 * libharu 2.3.0 draws UTF-8 text with an embedded TrueType font as a Type0
 * font whose CIDs are the Unicode code points of the Basic Multilingual
 * Plane, mapped to glyphs through the font's (3,1) format 4 cmap.  libharu
 * cannot say whether a font has a glyph for a character (it silently draws
 * glyph 0), so this file reads that same cmap subtable itself and keeps a
 * bitmap of the code points it covers.  A character no face covers, a
 * character outside the BMP (libharu's CIDs are 16-bit), a control
 * character and invalid UTF-8 are replaced before libharu sees them.
 *
 * Widths come from libharu (HPDF_Font_TextWidth on the one character), once
 * per face and code point, and are cached: measuring a word costs the same
 * whatever the document size, and the widths are exactly the ones libharu
 * writes into the font's /W array, so what is measured is what is drawn. */
#include "pdf_text.h"
#include "file.h"
#include <hpdf_doc.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include "utf8.h"
#include "xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FONT_FILE_MAX (64u << 20) /* bytes; DejaVu Sans is 0.7 MiB */
#define FRAG_MAX      512         /* bytes of text in one fragment */
#define UNKNOWN_WIDTH UINT16_MAX
#define NCODES        0x110000u

static const char *const FACE_FILE[PT_NFACES] = {
        "DejaVuSans.ttf",     "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf",
        "DejaVuSansMono.ttf",
};

/* The faces tried, in order, for a character of each face: the CJK face
 * comes last, and is also what bold and italic CJK text is drawn in (the
 * packaged CJK fonts have one weight). */
static const int FALLBACK[PT_NFACES][6] = {
        [PT_REGULAR] = {PT_REGULAR, PT_MONO, PT_CJK, -1},
        [PT_BOLD] = {PT_BOLD, PT_REGULAR, PT_MONO, PT_CJK, -1},
        [PT_ITALIC] = {PT_ITALIC, PT_REGULAR, PT_MONO, PT_CJK, -1},
        [PT_BOLD_ITALIC] = {PT_BOLD_ITALIC, PT_BOLD, PT_ITALIC, PT_REGULAR, PT_MONO, PT_CJK},
        [PT_MONO] = {PT_MONO, PT_REGULAR, PT_CJK, -1},
        [PT_CJK] = {PT_CJK, PT_REGULAR, PT_MONO, -1},
};

/* ---- UTF-8 ---------------------------------------------------------------- */

size_t pt_check(const unsigned char *s, size_t n, uint32_t *cp)
{
	return pm_utf8_decode(s, n, cp);
}

size_t pt_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	size_t k = pm_utf8_decode(s, n, cp);
	if (k == 0) { /* not reached for checked text; be safe anyway */
		*cp = 0xFFFD;
		return 1;
	}
	return k;
}

static size_t utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* ---- TrueType cmap -------------------------------------------------------- */

static unsigned be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Mark in covered[] every BMP code point the format 4 subtable at
 * d[sub..end) maps to a glyph other than 0.  Returns 0, or -1 when the
 * subtable is malformed. */
static int cmap_format4(const unsigned char *d, size_t sub, size_t end, unsigned char *covered)
{
	if (sub + 14 > end || be16(d + sub) != 4)
		return -1;
	size_t segx2 = be16(d + sub + 6), seg = segx2 / 2;
	size_t ends = sub + 14, starts = ends + segx2 + 2, deltas = starts + segx2, ranges = deltas + segx2;
	if (seg == 0 || ranges + segx2 > end)
		return -1;
	for (size_t i = 0; i < seg; i++) {
		unsigned last = be16(d + ends + 2 * i), first = be16(d + starts + 2 * i);
		unsigned delta = be16(d + deltas + 2 * i), ro = be16(d + ranges + 2 * i);
		for (unsigned c = first; c <= last; c++) {
			unsigned g;
			if (ro == 0) {
				g = (c + delta) & 0xFFFF;
			} else {
				size_t at = ranges + 2 * i + ro + 2 * (size_t)(c - first);
				if (at + 2 > end)
					return -1;
				g = be16(d + at);
				if (g)
					g = (g + delta) & 0xFFFF;
			}
			if (g)
				covered[c >> 3] |= (unsigned char)(1u << (c & 7));
		}
	}
	return 0;
}

/* The coverage of a TrueType file, or of the first font of a TrueType
 * collection (what libharu loads with index 0): the (3,1) subtable libharu
 * uses, else a Unicode-platform format 4 subtable. */
static int cmap_coverage(const unsigned char *d, size_t n, unsigned char *covered)
{
	size_t ntab, cmap = 0, cmap_end = 0, best = 0, dir = 0;
	int rank = 0;
	if (n >= 16 && memcmp(d, "ttcf", 4) == 0)
		dir = be32(d + 12); /* table offsets stay relative to the file */
	if (dir > n || n - dir < 12)
		return -1;
	ntab = be16(d + dir + 4);
	if (12 + 16 * ntab > n - dir)
		return -1;
	for (size_t i = 0; i < ntab; i++) {
		const unsigned char *rec = d + dir + 12 + 16 * i;
		if (memcmp(rec, "cmap", 4) == 0) {
			cmap = be32(rec + 8);
			cmap_end = cmap + be32(rec + 12);
		}
	}
	if (!cmap || cmap_end > n || cmap_end < cmap || cmap + 4 > cmap_end)
		return -1;
	size_t nsub = be16(d + cmap + 2);
	if (cmap + 4 + 8 * nsub > cmap_end)
		return -1;
	for (size_t i = 0; i < nsub; i++) {
		const unsigned char *rec = d + cmap + 4 + 8 * i;
		unsigned platform = be16(rec), encoding = be16(rec + 2);
		size_t sub = cmap + be32(rec + 4);
		int r = platform == 3 && encoding == 1 ? 2 : platform == 0 ? 1 : 0;
		if (r > rank && sub + 2 <= cmap_end && be16(d + sub) == 4) {
			rank = r;
			best = sub;
		}
	}
	if (!rank)
		return -1;
	return cmap_format4(d, best, cmap_end, covered);
}

/* The table tag of the font at d[0..n) (the first of a collection):
 * *off and *len, or -1. */
static int find_table(const unsigned char *d, size_t n, const char *tag, size_t *off, size_t *len)
{
	size_t dir = 0;
	if (n >= 16 && memcmp(d, "ttcf", 4) == 0)
		dir = be32(d + 12);
	if (dir > n || n - dir < 12)
		return -1;
	size_t ntab = be16(d + dir + 4);
	if (12 + 16 * ntab > n - dir)
		return -1;
	for (size_t i = 0; i < ntab; i++) {
		const unsigned char *rec = d + dir + 12 + 16 * i;
		if (memcmp(rec, tag, 4) == 0) {
			size_t o = be32(rec + 8), l = be32(rec + 12);
			if (o > n || l > n - o)
				return -1;
			*off = o;
			*len = l;
			return 0;
		}
	}
	return -1;
}

/* Keep what marking composite glyphs needs (see mark_glyph); 0 or -1. */
static int glyph_tables(pt_face *fc)
{
	size_t head, hl, maxp, ml, loca, ll, glyf, gl;
	const unsigned char *d = fc->data;
	if (find_table(d, fc->len, "head", &head, &hl) < 0 || hl < 54 ||
	    find_table(d, fc->len, "maxp", &maxp, &ml) < 0 || ml < 6 ||
	    find_table(d, fc->len, "loca", &loca, &ll) < 0 || find_table(d, fc->len, "glyf", &glyf, &gl) < 0)
		return -1;
	fc->long_loca = be16(d + head + 50) != 0;
	fc->nglyphs = be16(d + maxp + 4);
	if (ll < (size_t)(fc->nglyphs + 1) * (fc->long_loca ? 4 : 2))
		return -1;
	fc->loca = loca;
	fc->glyf = glyf;
	fc->glyf_len = gl;
	fc->marked = pm_xcalloc(fc->nglyphs / 8 + 1, 1);
	return 0;
}

static size_t loca_at(const pt_face *fc, unsigned g)
{
	const unsigned char *p = fc->data + fc->loca;
	return fc->long_loca ? be32(p + 4 * (size_t)g) : 2 * (size_t)be16(p + 2 * (size_t)g);
}

/* libharu 2.3.0 embeds only the glyphs it marks as used, but when it marks
 * the parts of a composite glyph it reads their ids as signed 16-bit
 * numbers (dropping every part above glyph 32767) and does not descend into
 * nested composites: most ideographs of the CJK fonts, built from shared
 * radicals, would print blank or in pieces.  This marks every part of glyph
 * g, at any depth, in libharu's own table of used glyphs. */
static void mark_parts(pt_face *fc, HPDF_BYTE *used, unsigned g, int depth)
{
	if (g >= fc->nglyphs || depth > 8 || (fc->marked[g >> 3] >> (g & 7) & 1))
		return;
	fc->marked[g >> 3] |= (unsigned char)(1u << (g & 7));
	used[g] = 1;
	size_t a = loca_at(fc, g), b = loca_at(fc, g + 1);
	if (b > fc->glyf_len || a + 10 > b)
		return;
	const unsigned char *p = fc->data + fc->glyf;
	if (be16(p + a) < 0x8000) /* contours >= 0: a simple glyph */
		return;
	size_t q = a + 10;
	unsigned flags;
	do {
		if (q + 4 > b)
			return;
		flags = be16(p + q);
		unsigned part = be16(p + q + 2);
		q += 4 + ((flags & 1) ? 4 : 2);
		q += (flags & 8) ? 2 : (flags & 64) ? 4 : (flags & 128) ? 8 : 0;
		mark_parts(fc, used, part, depth + 1);
	} while (flags & 32);
}

static void mark_glyph(pt_fonts *f, pt_face *fc, uint32_t cp)
{
	if (!fc->marked || cp > 0xFFFF)
		return;
	HPDF_FontDef def = HPDF_Doc_FindFontDef(f->pdf, fc->name);
	if (!def || def->type != HPDF_FONTDEF_TYPE_TRUETYPE || !def->attr)
		return;
	HPDF_TTFontDefAttr attr = (HPDF_TTFontDefAttr)def->attr;
	if (!attr->glyph_tbl.flgs || attr->num_glyphs != fc->nglyphs)
		return;
	unsigned g = HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)cp);
	if (g)
		mark_parts(fc, attr->glyph_tbl.flgs, g, 0);
}

/* libharu copies the font's 'post' table whole into the PDF.  It holds
 * only glyph names, which neither a CIDFontType2 font nor a PDF reader
 * uses (ISO 32000-1, 9.9, lists the tables a TrueType font program in a
 * PDF needs; 'post' is not among them), and in the CJK fonts it is the
 * largest table left after subsetting (WenQuanYi Micro Hei: 541 KB, about
 * 200 KB compressed, of 250 KB).  Renaming libharu's directory entry makes
 * it write an empty 'post' table instead; it has already read what it
 * needs from it. */
static void drop_post(pt_fonts *f, pt_face *fc)
{
	HPDF_FontDef def = HPDF_Doc_FindFontDef(f->pdf, fc->name);
	if (!def || def->type != HPDF_FONTDEF_TYPE_TRUETYPE || !def->attr)
		return;
	HPDF_TTFontDefAttr attr = (HPDF_TTFontDefAttr)def->attr;
	for (unsigned i = 0; i < attr->offset_tbl.num_tables; i++)
		if (memcmp(attr->offset_tbl.table[i].tag, "post", 4) == 0)
			memcpy(attr->offset_tbl.table[i].tag, "POST", 4);
}

/* Read a font file whole through gen/file.c (a regular file under the cap,
 * never a FIFO that blocks, before libharu opens it by name): 0, or -1 with
 * the reason in why[0, n). */
static int read_file(const char *path, unsigned char **data, size_t *len, char *why, size_t n)
{
	pm_buf b;
	pm_buf_init(&b, FONT_FILE_MAX + 1);
	pm_diags d;
	pm_diags_init(&d);
	int rc = pm_file_read(path, FONT_FILE_MAX, PM_FILE_AT_PATH, NULL, &b, &d) == 0 ? 0 : -1;
	if (rc < 0) {
		snprintf(why, n, "cannot read font file: %s", d.n ? d.v[0].msg : "?");
		pm_buf_free(&b);
	} else {
		*data = (unsigned char *)pm_buf_detach(&b, len);
	}
	pm_diags_free(&d);
	return rc;
}

/* ---- faces ------------------------------------------------------------------ */

static int covers(const pt_face *fc, uint32_t cp)
{
	if (!fc->covered)
		return 0;
	return cp < 0x10000 && (fc->covered[cp >> 3] >> (cp & 7) & 1);
}

void pt_fonts_free(pt_fonts *f)
{
	for (int i = 0; i < PT_NFACES; i++) {
		free(f->face[i].path);
		free(f->face[i].covered);
		free(f->face[i].width);
		free(f->face[i].data);
		free(f->face[i].marked);
	}
	free(f->warned);
	memset(f, 0, sizeof *f);
}

/* Read the coverage of a face from its file and load it into libharu: 0, or
 * -1 with errno set (EINVAL: not a usable font) and *what saying what. */
static int load_face(pt_fonts *f, pt_face *fc, const char **what)
{
	unsigned char *data;
	size_t len;
	static char why[512]; /* one build at a time reads fonts (pt_fonts is not shared) */
	if (read_file(fc->path, &data, &len, why, sizeof why) < 0) {
		*what = why;
		errno = EINVAL;
		return -1;
	}
	int ttc = len >= 4 && memcmp(data, "ttcf", 4) == 0;
	int bad = cmap_coverage(data, len, fc->covered);
	fc->data = data;
	fc->len = len;
	if (bad == 0 && glyph_tables(fc) < 0)
		bad = -1;
	if (bad < 0) {
		*what = "not a TrueType font with a Unicode cmap";
		errno = EINVAL;
		return -1;
	}
	fc->name = ttc ? HPDF_LoadTTFontFromFile2(f->pdf, fc->path, 0, HPDF_TRUE)
	               : HPDF_LoadTTFontFromFile(f->pdf, fc->path, HPDF_TRUE);
	if (!fc->name) {
		*what = "libharu cannot load the font";
		errno = EINVAL;
		return -1;
	}
	if (fc == &f->face[PT_CJK])
		drop_post(f, fc);
	return 0;
}

/* Open the CJK face on first need; 1 when it is usable.  When it is not,
 * one warning says why, and its characters are replaced like any other
 * missing glyph. */
static int cjk_open(pt_fonts *f)
{
	pt_face *fc = &f->face[PT_CJK];
	const char *what = "";
	if (f->cjk_state)
		return f->cjk_state > 0;
	if (load_face(f, fc, &what) == 0) {
		f->cjk_state = 1;
		return 1;
	}
	int e = errno;
	f->cjk_state = -1;
	memset(fc->covered, 0, 0x10000 / 8);
	HPDF_ResetError(f->pdf);
	if (e == EINVAL)
		pm_diag_add(f->d, PM_WARNING, PM_ERR_RENDER, fc->path, 0, 0,
		            "%s; Chinese, Japanese and Korean text is not shown", what);
	else
		pm_diag_add(f->d, PM_WARNING, PM_ERR_RENDER, fc->path, 0, 0,
		            "%s: %s; Chinese, Japanese and Korean text is not shown", what, strerror(e));
	pm_diag_hint(f->d, "the PDF draws CJK text with WenQuanYi Micro Hei (Debian package fonts-wqy-microhei)");
	return 0;
}

int pt_fonts_open(pt_fonts *f, HPDF_Doc pdf, const char *dir, const char *cjk, pm_diags *d)
{
	memset(f, 0, sizeof *f);
	f->pdf = pdf;
	f->d = d;
	for (int i = 0; i < PT_NFACES; i++) {
		pt_face *fc = &f->face[i];
		fc->path =
		        i == PT_CJK ? pm_xstrdup(cjk ? cjk : PT_CJK_DEFAULT) : pm_xasprintf("%s/%s", dir, FACE_FILE[i]);
		fc->covered = pm_xcalloc(0x10000 / 8, 1);
		fc->width = pm_xmalloc(0x10000 * sizeof *fc->width);
		memset(fc->width, 0xFF, 0x10000 * sizeof *fc->width);
		if (i == PT_CJK)
			continue;
		const char *what = "";
		if (load_face(f, fc, &what) < 0) {
			int e = errno;
			if (fc->data && !fc->name && e == EINVAL && strstr(what, "libharu")) {
				unsigned long code = (unsigned long)HPDF_GetError(pdf);
				unsigned long detail = (unsigned long)HPDF_GetErrorDetail(pdf);
				pm_diag_add(d, PM_ERROR, PM_ERR_RENDER, fc->path, 0, 0,
				            "%s (libharu error 0x%04lX, detail %lu)", what, code, detail);
			} else if (e == EINVAL) {
				pm_diag_add(d, PM_ERROR, PM_ERR_RENDER, fc->path, 0, 0, "%s", what);
				if (strncmp(what, "cannot read", 11) == 0)
					pm_diag_hint(
					        d, "the PDF needs the DejaVu fonts (Debian package fonts-dejavu-core)");
			} else {
				pm_diag_add(d, PM_ERROR, PM_ERR_RENDER, fc->path, 0, 0, "%s: %s", what, strerror(e));
				pm_diag_hint(d, "the PDF needs the DejaVu fonts (Debian package fonts-dejavu-core)");
			}
			pt_fonts_free(f);
			return -1;
		}
	}
	f->warned = pm_xcalloc(NCODES / 8, 1);
	return 0;
}

/* libharu 2.3.0 gives its UTF-8 Type0 fonts a /ToUnicode CMap that uses the
 * "cidrange" operator, which a ToUnicode CMap may not contain (poppler
 * reports it; other readers may drop the text).  As CIDs are Unicode code
 * points, the correct map is the identity, written with bfrange: one range
 * per high byte, without the surrogates.  One stream serves every font. */
static HPDF_Dict to_unicode_stream(HPDF_Doc pdf)
{
	HPDF_Dict s = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	char line[64];
	size_t total = 256 - 8, done = 0;
	if (!s)
		return NULL;
	s->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	HPDF_Stream_WriteStr(s->stream, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
	                                "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
	                                "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
	                                "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	for (unsigned hi = 0; hi < 256; hi++) {
		if (hi >= 0xD8 && hi <= 0xDF)
			continue;
		if (done % 100 == 0) {
			size_t left = total - done;
			snprintf(line, sizeof line, "%zu beginbfrange\n", left > 100 ? (size_t)100 : left);
			HPDF_Stream_WriteStr(s->stream, line);
		}
		snprintf(line, sizeof line, "<%02X00> <%02XFF> <%02X00>\n", hi, hi, hi);
		HPDF_Stream_WriteStr(s->stream, line);
		done++;
		if (done % 100 == 0 || done == total)
			HPDF_Stream_WriteStr(s->stream, "endbfrange\n");
	}
	HPDF_Stream_WriteStr(s->stream, "endcmap\nCMapName currentdict /CMap defineresource pop\n"
	                                "end\nend\n");
	return s;
}

HPDF_Font pt_font(pt_fonts *f, int face)
{
	pt_face *fc = &f->face[face];
	if (fc->font || f->failed)
		return fc->font;
	fc->font = HPDF_GetFont(f->pdf, fc->name, "UTF-8");
	if (!fc->font) {
		f->failed = 1;
		return NULL;
	}
	if (!f->to_unicode)
		f->to_unicode = to_unicode_stream(f->pdf);
	if (!f->to_unicode || HPDF_Dict_Add(fc->font, "ToUnicode", f->to_unicode) != HPDF_OK) {
		f->failed = 1;
		fc->font = NULL;
	}
	return fc->font;
}

/* libharu writes, when it creates a font, a /W width array and a
 * CIDToGIDMap for every character of the font's cmap (for WenQuanYi Micro
 * Hei, 28,000 characters: a 63 KB compressed map and a 6 KB array; for each
 * DejaVu face about 20 KB of widths), whatever the text uses.  Every
 * character drawn is measured first (pt_units), so the measured ones are
 * the used ones: both are rewritten with those only.  An unused character
 * maps to glyph 0, which is never drawn. */
static int trim_font(pt_fonts *f, pt_face *fc)
{
	HPDF_FontAttr fa = (HPDF_FontAttr)fc->font->attr;
	HPDF_FontDef def = HPDF_Doc_FindFontDef(f->pdf, fc->name);
	if (!fa || !fa->descendant_font || !def || def->type != HPDF_FONTDEF_TYPE_TRUETYPE)
		return 0;
	HPDF_Array w = HPDF_Array_New(f->pdf->mmgr), run = NULL;
	if (!w)
		return -1;
	unsigned next = 0;
	for (unsigned cp = 1; cp < 0x10000; cp++) {
		if (fc->width[cp] == UNKNOWN_WIDTH)
			continue;
		if (!run || cp != next) {
			run = HPDF_Array_New(f->pdf->mmgr);
			if (!run || HPDF_Array_AddNumber(w, (HPDF_INT32)cp) != HPDF_OK ||
			    HPDF_Array_Add(w, run) != HPDF_OK)
				return -1;
		}
		if (HPDF_Array_AddNumber(run, (HPDF_INT32)fc->width[cp]) != HPDF_OK)
			return -1;
		next = cp + 1;
	}
	if (HPDF_Dict_Add(fa->descendant_font, "W", w) != HPDF_OK)
		return -1;
	if (fa->map_stream && fa->map_stream->stream) {
		HPDF_Stream st = fa->map_stream->stream;
		unsigned char *map = pm_xcalloc(0x10000, 2);
		for (unsigned cp = 1; cp < 0x10000; cp++) {
			if (fc->width[cp] == UNKNOWN_WIDTH)
				continue;
			unsigned g = HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)cp);
			map[2 * cp] = (unsigned char)(g >> 8);
			map[2 * cp + 1] = (unsigned char)g;
		}
		HPDF_MemStream_FreeData(st);
		HPDF_STATUS ret = HPDF_Stream_Write(st, map, 0x10000 * 2);
		free(map);
		if (ret != HPDF_OK)
			return -1;
	}
	return 0;
}

int pt_fonts_finish(pt_fonts *f)
{
	for (int i = 0; i < PT_NFACES; i++)
		if (f->face[i].font && trim_font(f, &f->face[i]) < 0) {
			f->failed = 1;
			return -1;
		}
	return 0;
}

unsigned pt_units(pt_fonts *f, int face, uint32_t cp)
{
	pt_face *fc = &f->face[face];
	char u[4];
	size_t k;
	HPDF_Font font;
	if (cp < 0x10000 && fc->width[cp] != UNKNOWN_WIDTH)
		return fc->width[cp];
	font = pt_font(f, face);
	if (!font)
		return 0;
	k = utf8_encode(cp, u);
	HPDF_TextWidth tw = HPDF_Font_TextWidth(font, (const HPDF_BYTE *)u, (HPDF_UINT)k);
	unsigned w = tw.width < UNKNOWN_WIDTH ? (unsigned)tw.width : UNKNOWN_WIDTH - 1;
	if (cp < 0x10000)
		fc->width[cp] = (uint16_t)w;
	mark_glyph(f, fc, cp); /* every character drawn is measured here first */
	return w;
}

uint64_t pt_str_units(pt_fonts *f, int face, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	uint64_t w = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		i += pt_decode(u + i, n - i, &cp);
		w += pt_units(f, face, cp);
	}
	return w;
}

/* ---- warnings ---------------------------------------------------------------- */

/* What a character that cannot be shown is printed as. */
static uint32_t replacement(const pt_fonts *f)
{
	return covers(&f->face[PT_REGULAR], 0xFFFD) ? 0xFFFD : '?';
}

/* Report once per document that cp is printed as the replacement. */
static void warn_char(pt_fonts *f, uint32_t cp)
{
	const char *why = cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0xFFFE || cp == 0xFFFF
	                          ? "is not a printable character"
	                  : cp > 0xFFFF ? "is outside the Basic Multilingual Plane, which libharu cannot show"
	                                : "has no glyph in the embedded fonts";
	if (f->warned[cp >> 3] >> (cp & 7) & 1)
		return;
	f->warned[cp >> 3] |= (unsigned char)(1u << (cp & 7));
	pm_diag_add(f->d, PM_WARNING, PM_ERR_RENDER, f->where.file, f->where.line, f->where.col,
	            "character U+%04lX %s; it is printed as %s", (unsigned long)cp, why,
	            replacement(f) == 0xFFFD ? "U+FFFD" : "'?'");
}

/* The face that draws cp for a character of face (the first of its
 * fallbacks that has a glyph); cp is replaced when none has. */
static int resolve(pt_fonts *f, int face, uint32_t *cp)
{
	uint32_t c = *cp;
	if (c < 0x10000)
		for (int i = 0; i < 6 && FALLBACK[face][i] >= 0; i++) {
			int g = FALLBACK[face][i];
			if (g == PT_CJK && !cjk_open(f))
				continue;
			if (covers(&f->face[g], c))
				return g;
		}
	warn_char(f, c);
	*cp = replacement(f);
	return PT_REGULAR;
}

/* ---- pool ------------------------------------------------------------------------ */

void pt_pool_init(pt_pool *p)
{
	memset(p, 0, sizeof *p);
	pm_buf_init(&p->text, 0);
}

void pt_pool_free(pt_pool *p)
{
	pm_buf_free(&p->text);
	free(p->frags);
	free(p->lf);
	free(p->lines);
	memset(p, 0, sizeof *p);
}

void pt_pool_clear(pt_pool *p)
{
	pm_buf_clear(&p->text);
	p->nfrags = p->nlf = p->nlines = 0;
	p->last_space = 1;
}

size_t pt_begin(pt_pool *p, int preserve)
{
	p->preserve = preserve;
	p->last_space = 1;
	p->prev = 0;
	p->col = 0;
	p->flow0 = p->nfrags;
	return p->nfrags;
}

static pt_frag *new_frag(pt_pool *p, int face, unsigned flags, int link)
{
	pt_frag *fr;
	p->frags = pm_xgrow(p->frags, &p->capfrags, p->nfrags + 1, sizeof *p->frags);
	fr = &p->frags[p->nfrags++];
	fr->off = p->text.len;
	fr->len = 0;
	fr->units = 0;
	fr->link = link;
	fr->face = (uint8_t)face;
	fr->flags = (uint8_t)flags;
	return fr;
}

/* The last fragment of the current flow when text in face/flags/link can be
 * appended to it, else a new one. */
static pt_frag *text_frag(pt_pool *p, int face, unsigned flags, int link, size_t add)
{
	if (p->nfrags > p->flow0) {
		pt_frag *last = &p->frags[p->nfrags - 1];
		if (last->face == face && last->flags == flags && last->link == link && last->len + add <= FRAG_MAX &&
		    last->off + last->len == p->text.len)
			return last;
	}
	return new_frag(p, face, flags, link);
}

static void put_char(pt_fonts *f, pt_pool *p, uint32_t cp, int face, unsigned flags, int link)
{
	char u[4];
	size_t k = utf8_encode(cp, u);
	pt_frag *fr = text_frag(p, face, flags, link, k);
	pm_buf_put(&p->text, u, k);
	fr->len += (uint32_t)k;
	fr->units += pt_units(f, face, cp);
	p->last_space = 0;
	p->prev = cp;
	p->col++;
}

/* n spaces (a break opportunity after them); n == 0 is a zero-width one. */
static void put_space(pt_fonts *f, pt_pool *p, size_t n, int face, unsigned flags, int link)
{
	flags |= PT_SPACE;
	flags &= ~(unsigned)PT_STRIKE;
	pt_frag *fr = NULL;
	if (p->nfrags > p->flow0) {
		pt_frag *last = &p->frags[p->nfrags - 1];
		if ((last->flags & PT_SPACE) && last->face == face && last->link == link &&
		    last->off + last->len == p->text.len && last->len + n <= FRAG_MAX)
			fr = last;
	}
	if (!fr)
		fr = new_frag(p, face, flags, link);
	for (size_t i = 0; i < n; i++)
		pm_buf_putc(&p->text, ' ');
	fr->len += (uint32_t)n;
	fr->units += (uint32_t)(n * pt_units(f, face, ' '));
	p->last_space = 1;
	p->prev = 0;
	p->col += n;
}

/* Chinese, Japanese and Korean text has no spaces between words: a line may
 * break before an ideograph, a kana, a Hangul syllable or an opening
 * bracket, except after an opening bracket, and never before the small
 * kana, the prolonged sound mark, iteration marks or closing punctuation
 * (a simple form of the Japanese kinsoku rules, UAX #14 classes ID and OP). */
static int opening(uint32_t cp)
{
	return (cp >= 0x3008 && cp <= 0x3011 && cp % 2 == 0) || cp == 0x3014 || cp == 0x3016 || cp == 0x3018 ||
	       cp == 0x301A || cp == 0x301D || cp == 0xFF08 || cp == 0xFF3B || cp == 0xFF5B || cp == 0xFF62;
}

static int cjk_break_before(uint32_t cp)
{
	static const char small_kana[] = "\x41\x43\x45\x47\x49\x63\x83\x85\x87\x8E\x95\x96";
	if (cp >= 0x3041 && cp <= 0x30FF) { /* kana */
		unsigned low = (cp - 0x3041) % 0x60 + 0x41;
		if (cp == 0x309D || cp == 0x309E || cp == 0x30FB || cp == 0x30FC || cp == 0x30FD || cp == 0x30FE ||
		    cp == 0x30F5 || cp == 0x30F6 || cp == 0x309B || cp == 0x309C)
			return 0;
		return !memchr(small_kana, (int)low, sizeof small_kana - 1);
	}
	return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	       (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x3131 && cp <= 0x318E) || (cp >= 0x3105 && cp <= 0x312F) ||
	       opening(cp);
}

void pt_add(pt_fonts *f, pt_pool *p, const char *s, size_t n, int face, unsigned flags, int link)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	flags &= ~(unsigned)(PT_SPACE | PT_BREAK);
	while (i < n) {
		uint32_t cp;
		size_t k = pm_utf8_decode(u + i, n - i, &cp);
		if (k == 0) {
			if (!f->warned_utf8) {
				f->warned_utf8 = 1;
				pm_diag_add(f->d, PM_WARNING, PM_ERR_RENDER, f->where.file, f->where.line, f->where.col,
				            "invalid UTF-8; it is printed as %s",
				            replacement(f) == 0xFFFD ? "U+FFFD" : "'?'");
			}
			cp = replacement(f);
			k = 1;
		}
		i += k;
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r') {
			if (!p->preserve) {
				if (!p->last_space)
					put_space(f, p, 1, face, flags, link);
			} else if (cp == ' ') {
				put_space(f, p, 1, face, flags, link);
			} else if (cp == '\t') {
				put_space(f, p, 4 - p->col % 4, face, flags, link);
			}
			continue;
		}
		if (cp == 0xAD) /* soft hyphen: never shown, we do not hyphenate */
			continue;
		if (cp == 0x200B) { /* zero width space: a break opportunity */
			put_space(f, p, 0, face, flags, link);
			continue;
		}
		if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0xFFFE || cp == 0xFFFF) {
			warn_char(f, cp);
			put_char(f, p, replacement(f), PT_REGULAR, flags, link);
			continue;
		}
		if (!p->last_space && p->prev && cjk_break_before(cp) && !opening(p->prev))
			put_space(f, p, 0, face, flags, link);
		int fc = resolve(f, face, &cp);
		put_char(f, p, cp, fc, flags, link);
	}
}

void pt_add_break(pt_pool *p)
{
	new_frag(p, PT_REGULAR, PT_BREAK, -1);
	p->last_space = 1;
	p->prev = 0;
	p->col = 0;
}

/* ---- measuring and breaking -------------------------------------------------------- */

void pt_measure(const pt_pool *p, size_t f0, size_t f1, uint32_t cap, uint64_t *min_units, uint64_t *max_units)
{
	uint64_t word = 0, line = 0, mn = 0, mx = 0, pend = 0;
	for (size_t i = f0; i < f1; i++) {
		const pt_frag *fr = &p->frags[i];
		if (fr->flags & (PT_SPACE | PT_BREAK)) {
			uint64_t w = word < cap ? word : cap;
			if (w > mn)
				mn = w;
			word = 0;
			if (fr->flags & PT_BREAK) {
				if (line > mx)
					mx = line;
				line = pend = 0;
			} else if (line) {
				pend += fr->units; /* counted when a word follows */
			}
			continue;
		}
		word += fr->units;
		line += pend + fr->units;
		pend = 0;
	}
	if ((word < cap ? word : cap) > mn)
		mn = word < cap ? word : cap;
	if (line > mx)
		mx = line;
	*min_units = mn;
	*max_units = mx;
}

typedef struct wrapper {
	pt_fonts *f;
	pt_pool *p;
	double limit;  /* line width in units */
	pt_line *line; /* open line (index kept in li, storage may move) */
	size_t li;
	size_t first; /* first line of this wrap */
} wrapper;

static pt_line *cur(wrapper *w)
{
	return &w->p->lines[w->li];
}

static void open_line(wrapper *w)
{
	pt_pool *p = w->p;
	p->lines = pm_xgrow(p->lines, &p->caplines, p->nlines + 1, sizeof *p->lines);
	w->li = p->nlines++;
	p->lines[w->li].f0 = p->lines[w->li].f1 = p->nlf;
	p->lines[w->li].units = 0;
}

static int line_empty(wrapper *w)
{
	return cur(w)->f1 == cur(w)->f0;
}

/* Append a copy of fr (or of its bytes [a, b) when partial) to the open line. */
static void emit(wrapper *w, const pt_frag *fr, size_t a, size_t b)
{
	pt_pool *p = w->p;
	pt_frag c = *fr;
	if (a != 0 || b != fr->len) {
		c.off = fr->off + a;
		c.len = (uint32_t)(b - a);
		c.units = (uint32_t)pt_str_units(w->f, fr->face, p->text.data + c.off, c.len);
	}
	p->lf = pm_xgrow(p->lf, &p->caplf, p->nlf + 1, sizeof *p->lf);
	p->lf[p->nlf++] = c;
	cur(w)->f1 = p->nlf;
	cur(w)->units += c.units;
}

static int break_after(uint32_t cp)
{
	return cp == '/' || cp == '-' || cp == '_' || cp == '.' || cp == ':' || cp == ',' || cp == ';' || cp == '=' ||
	       cp == '&' || cp == '?' || cp == '+' || cp == '|' || cp == '\\' || cp == ')' || cp == ']' || cp == '}';
}

/* A position inside a word: fragment index and byte offset in it. */
typedef struct wpos {
	size_t fi, off;
} wpos;

/* Emit the word bytes [a, b) (positions in fragments of pool->frags). */
static void emit_range(wrapper *w, wpos a, wpos b)
{
	for (size_t i = a.fi; i <= b.fi && i < w->p->nfrags; i++) {
		const pt_frag *fr = &w->p->frags[i];
		size_t s = i == a.fi ? a.off : 0, e = i == b.fi ? b.off : fr->len;
		if (e > s)
			emit(w, fr, s, e);
	}
}

/* Split the word of fragments [i, j) over as many lines as it needs; the
 * open line may already hold text (avail is what is left of it). */
static void split_word(wrapper *w, size_t i, size_t j, double avail)
{
	pt_pool *p = w->p;
	wpos start = {i, 0}, pos = {i, 0}, brk = {0, 0};
	double used = 0, brk_used = 0;
	int have_brk = 0;
	while (pos.fi < j) {
		const pt_frag *fr = &p->frags[pos.fi];
		if (pos.off >= fr->len) {
			pos.fi++;
			pos.off = 0;
			continue;
		}
		uint32_t cp;
		size_t k = pt_decode((const unsigned char *)p->text.data + fr->off + pos.off, fr->len - pos.off, &cp);
		double cw = pt_units(w->f, fr->face, cp);
		if (used + cw > avail && (used > 0 || !line_empty(w))) {
			wpos cut = pos;
			if (have_brk && brk_used >= avail / 3)
				cut = brk;
			emit_range(w, start, cut);
			open_line(w);
			avail = w->limit;
			start = pos = cut;
			used = 0;
			have_brk = 0;
			continue;
		}
		used += cw;
		pos.off += k;
		if (break_after(cp)) {
			brk = pos;
			brk_used = used;
			have_brk = 1;
		}
	}
	emit_range(w, start, (wpos){j - 1, p->frags[j - 1].len});
}

size_t pt_wrap(pt_fonts *f, pt_pool *p, size_t f0, size_t f1, double size, double width, size_t *n)
{
	/* half a unit of slack: a width computed from a measured word must hold it */
	wrapper w = {f, p, width * 1000.0 / (size > 0 ? size : 1) + 0.5, NULL, 0, 0};
	long pending = -1; /* space fragment between the line's text and the next word */
	int soft = 0;      /* the open line starts after a wrap, not a hard break */
	if (w.limit < 1)
		w.limit = 1;
	open_line(&w);
	w.first = w.li;
	for (size_t i = f0; i < f1;) {
		const pt_frag *fr = &p->frags[i];
		if (fr->flags & PT_BREAK) {
			open_line(&w);
			pending = -1;
			soft = 0;
			i++;
			continue;
		}
		if (fr->flags & PT_SPACE) {
			/* kept at the start of a hard line in preserving flows (indentation) */
			if (line_empty(&w) && pending < 0 && !soft && p->preserve && fr->len)
				emit(&w, fr, 0, fr->len);
			else if (!line_empty(&w))
				pending = (long)i;
			i++;
			continue;
		}
		size_t j = i;
		uint64_t wu = 0;
		while (j < f1 && !(p->frags[j].flags & (PT_SPACE | PT_BREAK)))
			wu += p->frags[j++].units;
		double su = pending >= 0 ? p->frags[pending].units : 0;
		double lw = (double)cur(&w)->units;
		if (line_empty(&w) ? (double)wu <= w.limit : lw + su + (double)wu <= w.limit) {
			if (pending >= 0 && !line_empty(&w))
				emit(&w, &p->frags[pending], 0, p->frags[pending].len);
			for (size_t k = i; k < j; k++)
				emit(&w, &p->frags[k], 0, p->frags[k].len);
		} else if ((double)wu <= w.limit) {
			open_line(&w);
			soft = 1;
			for (size_t k = i; k < j; k++)
				emit(&w, &p->frags[k], 0, p->frags[k].len);
		} else {
			double avail = w.limit;
			if (!line_empty(&w)) {
				avail = w.limit - lw - su;
				if (avail < w.limit / 4) {
					open_line(&w);
					soft = 1;
					avail = w.limit;
				} else if (pending >= 0) {
					emit(&w, &p->frags[pending], 0, p->frags[pending].len);
				}
			}
			split_word(&w, i, j, avail);
			soft = 1;
		}
		pending = -1;
		i = j;
	}
	*n = p->nlines - w.first;
	return w.first;
}
