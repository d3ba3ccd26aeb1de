/* render_pdf.c — the document set as one PDF, laid out with libharu from
 * the chapters' Markdown (include/premarket/pdf.h, docs/pdf.md).
 *
 * One pass per stage, each linear in the input:
 *   1. parse every chapter with cmark-gfm and list its headings (text,
 *      nesting depth, HTML-compatible slug);
 *   2. lay out the title page and the document-control page;
 *   3. lay out the table of contents without drawing it, only to count its
 *      pages (the page-number column has a fixed width, so the layout does
 *      not depend on the numbers), and add that many empty pages;
 *   4. lay out the chapters, recording the page and position of every
 *      heading, creating the bookmarks as headings come;
 *   5. draw the table of contents into the reserved pages, resolve links
 *      between chapters, and draw the running header and the "Page N of M"
 *      footer on every page but the title page.
 * Text measuring, font fallback and line breaking are in gen/pdf_text.c.
 *
 * Coordinates are PDF points, origin at the bottom left; r->y is the top of
 * the free space on the current page and goes down as blocks are laid out.
 * libharu reports errors through on_error(): the first one is kept and the
 * layout stops at the next check; nothing here aborts.  Nothing depends on
 * the clock, the environment or addresses. */
#include "file.h"
#include "hash.h"
#include "md_text.h"
#include "pdf_diagram.h"
#include "premarket/pdf.h"
#include "pdf_text.h"
#include "xalloc.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>
#include <hpdf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* the largest image file a PDF embeds */
#define PM_IMAGE_MAX_BYTES ((size_t)64 << 20)

/* ---- page and type --------------------------------------------------------- */

#define LETTER_W    612.0
#define LETTER_H    792.0
#define A4_W        595.276
#define A4_H        841.89
#define MARGIN_X    60.0
#define BODY_TOP    64.0 /* from the top edge: header above it */
#define BODY_BOTTOM 62.0 /* from the bottom edge: footer below it */

#define BODY_SIZE      10.0
#define BODY_LH        14.0
#define PARA_GAP       7.0
#define TIGHT_GAP      2.0
#define TABLE_MAX      8.5 /* table text shrinks down to TABLE_MIN to fit columns */
#define TABLE_MIN      6.5
#define TABLE_LEAD     1.3
#define ROTATE_BELOW   7.0 /* a long table whose type would be smaller gets landscape pages, */
#define ROTATE_ROWS    20  /* as does one whose words do not fit even at TABLE_MIN */
#define CELL_PADX      4.0
#define CELL_PADY      2.8
#define WORD_CAP       9000 /* a longer word counts as 9 em for a column's minimum width */
#define CODE_SIZE      8.5
#define CODE_LEAD      1.32
#define CODE_PAD       5.0
#define QUOTE_INDENT   14.0
#define BULLET_INDENT  14.0
#define MIN_WIDTH      150.0 /* nested lists and quotes stop indenting here */
#define MAX_DEPTH      48    /* deeper block or inline nesting is printed flat */
#define TOC_DEPTH      2     /* chapters, their sections and subsections */
#define TOC_NUMW       30.0
#define PX             0.75 /* points per image pixel (96 dpi) */
#define URI_MAX        4096
#define PAGES_PER_NODE 256

typedef struct rgb {
	float r, g, b;
} rgb;

static const rgb C_TEXT = {0.12f, 0.137f, 0.157f};
static const rgb C_HEAD = {0.07f, 0.196f, 0.31f};
static const rgb C_MUTED = {0.35f, 0.39f, 0.43f};
static const rgb C_LINK = {0.04f, 0.29f, 0.55f};
static const rgb C_RULE = {0.78f, 0.81f, 0.85f};
static const rgb C_RULE_DARK = {0.45f, 0.5f, 0.56f};
static const rgb C_TH = {0.9f, 0.922f, 0.945f};
static const rgb C_ZEBRA = {0.965f, 0.972f, 0.98f};
static const rgb C_CODE = {0.945f, 0.95f, 0.957f};

/* Headings are bold (h6 bold italic), in C_HEAD; h1 and h2 have a rule. */
typedef struct hstyle {
	double size, before, after; /* type size, space above and below */
} hstyle;

static const hstyle HSTYLE[7] = {
        {17.0, 14.0, 10.0}, /* [0]: a chapter title the Markdown does not give */
        {17.0, 16.0, 9.0},  {13.5, 15.0, 6.0}, {11.5, 11.0, 4.0}, {10.5, 9.0, 3.0}, {10.0, 8.0, 3.0}, {10.0, 8.0, 3.0},
};

static const char *const EXTENSIONS[] = {"table", "autolink", "strikethrough"};
static const char *const DEFAULT_FONT_DIR = "/usr/share/fonts/truetype/dejavu";
static const char *const DEFAULT_TITLE = "Premarket Cybersecurity Documentation";

/* ---- state ------------------------------------------------------------------- */

typedef struct page_rec {
	HPDF_Page page;
	const char *section; /* running header title, borrowed; NULL on the title page */
	int landscape;
} page_rec;

typedef struct heading_rec {
	int level, depth; /* depth 0 = the chapter's own leading h1 */
	char *text;       /* plain text, owned */
	char *slug;       /* the HTML renderer's id, owned */
	HPDF_Destination dest;
	size_t page;
} heading_rec;

typedef struct chap {
	cmark_node *doc;
	char *title; /* owned, clean */
	char *file;  /* "<id>.md", owned */
	const char *id;
	heading_rec *h;
	size_t nh;
	int lead_h1;
	HPDF_Destination dest;
	size_t page;
} chap;

typedef struct link_rec {
	char *uri; /* external, owned; NULL for a link to a chapter */
	long chap; /* target chapter */
	long head; /* target heading, -1 = the chapter's start */
} link_rec;

typedef struct plink {
	size_t page;
	HPDF_Rect rect;
	long link;
} plink;

typedef struct marker {
	char text[32];
	double right; /* x of the marker's right edge */
} marker;

typedef struct quote_rec {
	double x, y0; /* bar position; top of its part on the current page */
} quote_rec;

typedef struct image_rec {
	char *url;
	HPDF_Image img; /* NULL: cannot be used (already reported) */
} image_rec;

/* A diagram drawn as vectors: found while parsing, placed while laying out. */
typedef struct fig_rec {
	size_t ch;
	const char *url; /* borrowed from the cmark tree */
	const pm_diagram *dg;
	char *text; /* "Figure N: caption", owned, clean */
	size_t page;
	HPDF_Destination dest;
} fig_rec;

typedef struct R {
	HPDF_Doc pdf;
	const pm_pdf_meta *meta;
	pm_diags *d;
	pt_fonts fonts;
	int fonts_open;
	pt_pool pools[2]; /* text: [0] the block being laid out, [1] a heading kept
	                     while the table after it is prepared */
	pt_pool *pool;    /* the one text is added to */
	pt_pool thead;    /* the header row of the table being drawn */
	int measuring;    /* text is added only to be measured: no links */
	pt_pool scratch;  /* single lines: markers, header, footer */
	pm_buf tmp;       /* NUL-terminated text for libharu */
	HPDF_Encoder utf8;

	double pw, ph, left, width, top, bottom; /* page and body box */

	page_rec *pages;
	size_t npages, cappages;
	HPDF_Page page;
	size_t page_index;
	const char *section;
	double x, w, y, gap;
	int fresh;     /* nothing drawn yet on the current page */
	int landscape; /* the current page is landscape */
	int need_page; /* the next block starts a new page (orientation changed) */
	int no_gap;    /* first block of a container: no space above it */
	int tight;
	int list_depth;
	int depth;
	rgb color;

	quote_rec *quotes;
	size_t nquotes, capquotes;
	marker markers[8];
	size_t nmarkers;

	chap *chs;
	size_t nch, cur, next_head;
	HPDF_Outline *ostack;
	size_t capostack;
	size_t odepth; /* depth of the last heading's outline entry (0: the chapter) */

	link_rec *links;
	size_t nlinks, caplinks;
	plink *plinks;
	size_t nplinks, capplinks;
	image_rec *images;
	size_t nimages, capimages;
	fig_rec *figs;
	size_t nfigs, capfigs, next_fig;

	size_t toc_first, toc_pages;
	HPDF_Destination toc_dest;

	rgb fill; /* the current page's fill colour, when fill_ok */
	int fill_ok;
	int font_face; /* the current page's font, -1 = none yet */
	double font_size;

	int failed, soft; /* soft: a libharu error now is expected and handled */
	HPDF_STATUS err, detail;
} R;

/* ---- libharu errors ------------------------------------------------------------ */

static void on_error(HPDF_STATUS err, HPDF_STATUS detail, void *user)
{
	R *r = user;
	if (r->soft) {
		r->err = err;
		r->detail = detail;
		return;
	}
	if (!r->failed) {
		r->failed = 1;
		r->err = err;
		r->detail = detail;
	}
}

static const struct {
	HPDF_STATUS code;
	const char *name;
} HPDF_NAMES[] = {
        {HPDF_FAILD_TO_ALLOC_MEM, "out of memory"},
        {HPDF_FILE_IO_ERROR, "file I/O error"},
        {HPDF_FILE_OPEN_ERROR, "cannot open file"},
        {HPDF_INVALID_DOCUMENT, "invalid document"},
        {HPDF_INVALID_FONTDEF_DATA, "invalid font data"},
        {HPDF_INVALID_IMAGE, "invalid image"},
        {HPDF_INVALID_PNG_IMAGE, "invalid PNG image"},
        {HPDF_INVALID_JPEG_DATA, "invalid JPEG data"},
        {HPDF_INVALID_PARAMETER, "invalid parameter"},
        {HPDF_INVALID_DATE_TIME, "invalid date"},
        {HPDF_LIBPNG_ERROR, "libpng error"},
        {HPDF_PAGE_OUT_OF_RANGE, "too many pages"},
        {HPDF_TTF_INVALID_CMAP, "TrueType font without a usable cmap"},
        {HPDF_TTF_INVALID_FOMAT, "invalid TrueType font"},
        {HPDF_TTF_MISSING_TABLE, "TrueType font lacks a table"},
        {HPDF_TTF_CANNOT_EMBEDDING_FONT, "the font does not allow embedding"},
        {HPDF_UNSUPPORTED_JPEG_FORMAT, "unsupported JPEG format"},
        {HPDF_ZLIB_ERROR, "zlib error"},
        {HPDF_STRING_OUT_OF_RANGE, "string too long"},
        {HPDF_REAL_OUT_OF_RANGE, "number out of range"},
};

static const char *hpdf_name(HPDF_STATUS code)
{
	for (size_t i = 0; i < sizeof HPDF_NAMES / sizeof *HPDF_NAMES; i++)
		if (HPDF_NAMES[i].code == code)
			return HPDF_NAMES[i].name;
	return "see hpdf_error.h";
}

static int stopped(const R *r)
{
	return r->failed || r->fonts.failed;
}

/* ---- small helpers ------------------------------------------------------------------ */

/* A copy of s fit for a PDF text string and libharu's UTF-8 encoder:
 * invalid UTF-8, characters outside the BMP and U+FFFE/U+FFFF become U+FFFD,
 * control characters become spaces. */
static char *clean_text(const char *s)
{
	pm_buf b;
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s);
	pm_buf_init(&b, 0);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = pt_check(u + i, n - i, &cp);
		int ok = k != 0;
		if (!ok) {
			pm_buf_puts(&b, "\xEF\xBF\xBD");
			i++;
			continue;
		}
		if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
			pm_buf_putc(&b, ' ');
		else if (cp > 0xFFFF || cp == 0xFFFE || cp == 0xFFFF)
			pm_buf_puts(&b, "\xEF\xBF\xBD");
		else
			pm_buf_put(&b, u + i, k);
		i += k;
	}
	return pm_buf_detach(&b, NULL);
}

/* Parse YYYY-MM-DD (a real calendar date). */
static int parse_date(const char *s, int *y, int *m, int *dd)
{
	static const int MDAYS[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return -1;
	if (s[10])
		return -1;
	*y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	*m = (s[5] - '0') * 10 + (s[6] - '0');
	*dd = (s[8] - '0') * 10 + (s[9] - '0');
	if (*y < 1 || *m < 1 || *m > 12 || *dd < 1 || *dd > MDAYS[*m - 1])
		return -1;
	if (*m == 2 && *dd == 29 && !((*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0))
		return -1;
	return 0;
}

static int is_type(cmark_node *n, const char *name)
{
	const char *t = cmark_node_get_type_string(n);
	return t && strcmp(t, name) == 0;
}

/* ---- drawing primitives ------------------------------------------------------------- */

/* The fill colour and font of the current page are remembered, so a line
 * of a table costs no state operators it does not need. */
static void set_fill(R *r, rgb c)
{
	if (r->fill_ok && r->fill.r == c.r && r->fill.g == c.g && r->fill.b == c.b)
		return;
	HPDF_Page_SetRGBFill(r->page, c.r, c.g, c.b);
	r->fill = c;
	r->fill_ok = 1;
}

static void set_font(R *r, int face, double size)
{
	if (r->font_face == face && r->font_size == size)
		return;
	HPDF_Page_SetFontAndSize(r->page, pt_font(&r->fonts, face), (HPDF_REAL)size);
	r->font_face = face;
	r->font_size = size;
}

static void use_page(R *r, size_t i)
{
	r->page = r->pages[i].page;
	r->page_index = i;
	r->fill_ok = 0;
	r->font_face = -1;
}

static void fill_rect(R *r, double x, double y, double w, double h, rgb c)
{
	set_fill(r, c);
	HPDF_Page_Rectangle(r->page, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)w, (HPDF_REAL)h);
	HPDF_Page_Fill(r->page);
}

static void line(R *r, double x1, double y1, double x2, double y2, double width, rgb c)
{
	HPDF_Page_SetRGBStroke(r->page, c.r, c.g, c.b);
	HPDF_Page_SetLineWidth(r->page, (HPDF_REAL)width);
	HPDF_Page_MoveTo(r->page, (HPDF_REAL)x1, (HPDF_REAL)y1);
	HPDF_Page_LineTo(r->page, (HPDF_REAL)x2, (HPDF_REAL)y2);
	HPDF_Page_Stroke(r->page);
}

/* The baseline of a line of text of size in a line box of height lh whose
 * top is at top. */
static double baseline(double top, double size, double lh)
{
	return top - (lh - size) / 2 - size * 0.8;
}

/* A jump to the top of page scrolled to y = top.  FitH rather than XYZ:
 * libharu refuses XYZ without a zoom factor, and a fixed zoom would
 * override the reader's. */
static HPDF_Destination make_dest(HPDF_Page page, double top)
{
	HPDF_Destination dst = HPDF_Page_CreateDestination(page);
	if (dst)
		HPDF_Destination_SetFitH(dst, (HPDF_REAL)top);
	return dst;
}

static void add_link_annot(R *r, long li, double x0, double y0, double x1, double y1)
{
	HPDF_Rect rect = {(HPDF_REAL)x0, (HPDF_REAL)y0, (HPDF_REAL)x1, (HPDF_REAL)y1};
	const link_rec *L = &r->links[li];
	if (L->uri) {
		HPDF_Annotation a = HPDF_Page_CreateURILinkAnnot(r->page, rect, L->uri);
		if (a)
			HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
		return;
	}
	r->plinks = pm_xgrow(r->plinks, &r->capplinks, r->nplinks + 1, sizeof *r->plinks);
	r->plinks[r->nplinks++] = (plink){r->page_index, rect, li};
}

/* Draw one laid-out line of pool p with its left end at x. */
static void draw_line(R *r, const pt_pool *p, const pt_line *ln, double x, double base, double size, rgb color)
{
	HPDF_Page pg = r->page;
	double k = size / 1000.0, xx = x;

	/* code spans: one tint from the first to the last character of a run */
	for (size_t i = ln->f0; i < ln->f1;) {
		const pt_frag *fr = &p->lf[i];
		if (!(fr->flags & PT_CODE) || (fr->flags & PT_SPACE)) {
			xx += fr->units * k;
			i++;
			continue;
		}
		size_t j = i;
		double w = 0, wend = 0;
		while (j < ln->f1 && (p->lf[j].flags & PT_CODE)) {
			w += p->lf[j].units * k;
			if (!(p->lf[j].flags & PT_SPACE))
				wend = w;
			j++;
		}
		fill_rect(r, xx - 1, base - size * 0.24, wend + 2, size * 1.1, C_CODE);
		xx += w;
		i = j;
	}

	HPDF_Page_BeginText(pg);
	xx = x;
	for (size_t i = ln->f0; i < ln->f1;) {
		const pt_frag *fr = &p->lf[i];
		int is_link = (fr->flags & PT_LINK) != 0, ink = 0;
		size_t j = i;
		double w = 0;
		pm_buf_clear(&r->tmp);
		while (j < ln->f1 && p->lf[j].face == fr->face && ((p->lf[j].flags & PT_LINK) != 0) == is_link) {
			const pt_frag *g = &p->lf[j];
			pm_buf_put(&r->tmp, p->text.data + g->off, g->len);
			ink |= !(g->flags & PT_SPACE) && g->len;
			w += g->units * k;
			j++;
		}
		if (ink) {
			set_font(r, fr->face, size);
			set_fill(r, is_link ? C_LINK : color);
			HPDF_Page_TextOut(pg, (HPDF_REAL)xx, (HPDF_REAL)base, r->tmp.data);
		}
		xx += w;
		i = j;
	}
	HPDF_Page_EndText(pg);

	xx = x;
	for (size_t i = ln->f0; i < ln->f1;) {
		const pt_frag *fr = &p->lf[i];
		double w = fr->units * k;
		if ((fr->flags & PT_STRIKE) && !(fr->flags & PT_SPACE))
			line(r, xx, base + size * 0.3, xx + w, base + size * 0.3, size * 0.06, color);
		if ((fr->flags & PT_LINK) && fr->link >= 0) {
			size_t j = i + 1;
			double x1 = xx + w;
			while (j < ln->f1 && p->lf[j].link == fr->link) {
				x1 += p->lf[j].units * k;
				j++;
			}
			add_link_annot(r, fr->link, xx, base - size * 0.25, x1, base + size * 0.9);
			xx = x1;
			i = j;
			continue;
		}
		xx += w;
		i++;
	}
}

/* Draw text on one line at baseline base: align 'l' (x is the left end),
 * 'r' (x is the right end) or 'c' (x is the centre); text wider than maxw
 * (if > 0) is cut with an ellipsis.  Returns the width drawn. */
static double draw_str(R *r, const char *text, int face, double size, double x, double base, int align, double maxw,
                       rgb color)
{
	pt_pool *s = &r->scratch;
	size_t f0, f1, n, l0, e0, en = 0, el = 0;
	double w, ew = 0;
	pt_where saved = r->fonts.where;
	r->fonts.where = (pt_where){NULL, 0, 0};
	pt_pool_clear(s);
	f0 = pt_begin(s, 0);
	pt_add(&r->fonts, s, text, strlen(text), face, 0, -1);
	f1 = s->nfrags;
	l0 = pt_wrap(&r->fonts, s, f0, f1, size, maxw > 0 ? maxw : 1e7, &n);
	if (n > 1) {
		e0 = pt_begin(s, 0);
		pt_add(&r->fonts, s, "\xE2\x80\xA6", 3, face, 0, -1);
		el = pt_wrap(&r->fonts, s, e0, s->nfrags, size, 1e7, &en);
		ew = s->lines[el].units * size / 1000.0;
		l0 = pt_wrap(&r->fonts, s, f0, f1, size, maxw - ew > 1 ? maxw - ew : 1, &n);
	}
	r->fonts.where = saved;
	w = s->lines[l0].units * size / 1000.0 + (n > 1 ? ew : 0);
	if (align == 'r')
		x -= w;
	else if (align == 'c')
		x -= w / 2;
	draw_line(r, s, &s->lines[l0], x, base, size, color);
	if (n > 1)
		draw_line(r, s, &s->lines[el], x + w - ew, base, size, color);
	return w;
}

/* ---- pages and vertical flow ------------------------------------------------------------- */

/* The bars of block quotes [from, nquotes) from the top of their part on
 * this page down to r->y. */
static void draw_quote_bars(R *r, size_t from)
{
	for (size_t i = from; i < r->nquotes; i++)
		if (r->quotes[i].y0 > r->y)
			fill_rect(r, r->quotes[i].x, r->y, 2.5, r->quotes[i].y0 - r->y, C_RULE);
}

/* The orientation of the pages to come: landscape for tables too wide for
 * a portrait page.  An empty page turns at once. */
static void set_orientation(R *r, int landscape)
{
	double w = r->meta->a4 ? A4_W : LETTER_W, h = r->meta->a4 ? A4_H : LETTER_H;
	r->landscape = landscape;
	r->pw = landscape ? h : w;
	r->ph = landscape ? w : h;
	r->left = MARGIN_X;
	r->width = r->pw - 2 * MARGIN_X;
	r->top = r->ph - BODY_TOP;
	r->bottom = BODY_BOTTOM;
}

static void new_page(R *r)
{
	if (r->page)
		draw_quote_bars(r, 0);
	HPDF_Page pg = HPDF_AddPage(r->pdf);
	if (pg) {
		HPDF_Page_SetWidth(pg, (HPDF_REAL)r->pw);
		HPDF_Page_SetHeight(pg, (HPDF_REAL)r->ph);
	}
	r->pages = pm_xgrow(r->pages, &r->cappages, r->npages + 1, sizeof *r->pages);
	r->pages[r->npages] = (page_rec){pg, r->section, r->landscape};
	r->npages++;
	use_page(r, r->npages - 1);
	r->y = r->top;
	r->fresh = 1;
	r->gap = 0;
	r->need_page = 0;
	for (size_t i = 0; i < r->nquotes; i++)
		r->quotes[i].y0 = r->top;
}

static void set_gap(R *r, double g)
{
	if (g > r->gap)
		r->gap = g;
}

/* Make room for the first h points of a block: the pending gap, then a new
 * page when it does not fit (and the page is not empty). */
static void start_block(R *r, double h)
{
	double g = r->fresh || r->no_gap ? 0 : r->gap;
	if (r->need_page) {
		new_page(r);
		r->x = r->left;
		r->w = r->width;
	} else if (!r->fresh && r->y - g - h < r->bottom)
		new_page(r);
	else
		r->y -= g;
	r->gap = 0;
	r->no_gap = 0;
}

/* Draw the pending list markers on the baseline base. */
static void flush_markers(R *r, double base)
{
	for (size_t i = 0; i < r->nmarkers; i++)
		draw_str(r, r->markers[i].text, PT_REGULAR, BODY_SIZE, r->markers[i].right, base, 'r', 0, C_TEXT);
	r->nmarkers = 0;
}

/* Draw lines [l0, l0+n) of the pool as a paragraph at r->x, breaking pages
 * between lines. */
static void draw_flow(R *r, size_t l0, size_t n, double size, double lh, rgb color, int align)
{
	for (size_t i = 0; i < n && !stopped(r); i++) {
		const pt_line *ln = &r->pool->lines[l0 + i];
		double lw = ln->units * size / 1000.0, x = r->x;
		if (r->y - lh < r->bottom && !r->fresh)
			new_page(r);
		double base = baseline(r->y, size, lh);
		flush_markers(r, base);
		if (align == 'c')
			x += (r->w - lw) / 2;
		else if (align == 'r')
			x += r->w - lw;
		draw_line(r, r->pool, ln, x, base, size, color);
		r->y -= lh;
		r->fresh = 0;
	}
}

/* ---- links ----------------------------------------------------------------------------- */

/* The chapter whose id is the n bytes at s, or -1. */
static long find_chapter(const R *r, const char *s, size_t n)
{
	for (size_t i = 0; i < r->nch; i++)
		if (strlen(r->chs[i].id) == n && memcmp(r->chs[i].id, s, n) == 0)
			return (long)i;
	return -1;
}

static long new_link(R *r, char *uri, long target, long head)
{
	r->links = pm_xgrow(r->links, &r->caplinks, r->nlinks + 1, sizeof *r->links);
	r->links[r->nlinks] = (link_rec){uri, target, head};
	return (long)r->nlinks++;
}

/* A link for url, or -1 for none: http, https and mailto URLs are kept
 * (percent-encoding what a PDF URI may not hold; an absurdly long one stays
 * text); "<id>.md", "<id>.md#slug" and "#slug" of our chapters become
 * jumps; anything else stays text.  A scheme is what precedes the first ':'
 * when no '/', '?' or '#' comes before it, compared case-insensitively. */
static long make_link(R *r, const char *url)
{
	static const char *const ALLOWED[] = {"http", "https", "mailto"};
	const char *p = url;
	char scheme[8];
	size_t n;
	if (!url || r->measuring)
		return -1;
	while (*p && (unsigned char)*p <= 0x20)
		p++;
	if (!*p)
		return -1;
	n = strcspn(p, ":/?#");
	if (p[n] == ':') {
		int ok = 0;
		if (n >= sizeof scheme || strlen(p) > URI_MAX)
			return -1;
		for (size_t i = 0; i < n; i++)
			scheme[i] = (char)(p[i] >= 'A' && p[i] <= 'Z' ? p[i] - 'A' + 'a' : p[i]);
		scheme[n] = '\0';
		for (size_t i = 0; i < sizeof ALLOWED / sizeof *ALLOWED; i++)
			ok |= strcmp(scheme, ALLOWED[i]) == 0;
		if (!ok)
			return -1;
		pm_buf b;
		pm_buf_init(&b, 0);
		for (const unsigned char *u = (const unsigned char *)p; *u; u++) {
			if (*u <= 0x20 || *u >= 0x7F || *u == '(' || *u == ')' || *u == '\\')
				pm_buf_printf(&b, "%%%02X", *u);
			else
				pm_buf_putc(&b, *u);
		}
		return new_link(r, pm_buf_detach(&b, NULL), -1, -1);
	}
	/* relative: a chapter, maybe with a heading */
	const char *hash = strchr(p, '#');
	size_t base = hash ? (size_t)(hash - p) : strlen(p);
	long ch;
	if (p[0] == '.' && p[1] == '/') {
		p += 2;
		base -= 2;
	}
	if (base == 0)
		ch = (long)r->cur;
	else if (base > 3 && memcmp(p + base - 3, ".md", 3) == 0)
		ch = find_chapter(r, p, base - 3);
	else
		return -1;
	if (ch < 0)
		return -1;
	long head = -1;
	if (hash && hash[1]) {
		const chap *c = &r->chs[ch];
		for (size_t i = 0; i < c->nh; i++)
			if (strcmp(c->h[i].slug, hash + 1) == 0) {
				head = (long)i;
				break;
			}
	}
	return new_link(r, NULL, ch, head);
}

/* ---- inline content ------------------------------------------------------------------------- */

static int face_of(int bold, int italic)
{
	return bold && italic ? PT_BOLD_ITALIC : bold ? PT_BOLD : italic ? PT_ITALIC : PT_REGULAR;
}

static void add_str(R *r, const char *s, int face, unsigned flags, long link)
{
	if (s)
		pt_add(&r->fonts, r->pool, s, strlen(s), face, flags, (int)link);
}

static void add_inlines(R *r, cmark_node *parent, int bold, int italic, unsigned flags, long link, int depth)
{
	if (depth > MAX_DEPTH) { /* absurd nesting: its text, flat */
		char *t = pm_md_plain_text(parent);
		add_str(r, t, face_of(bold, italic), flags, link);
		free(t);
		return;
	}
	for (cmark_node *n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) {
		int face = face_of(bold, italic);
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
			add_str(r, cmark_node_get_literal(n), face, flags, link);
			break;
		case CMARK_NODE_CODE:
			add_str(r, cmark_node_get_literal(n), PT_MONO, flags | PT_CODE, link);
			break;
		case CMARK_NODE_SOFTBREAK:
			add_str(r, " ", face, flags, link);
			break;
		case CMARK_NODE_LINEBREAK:
			pt_add_break(r->pool);
			break;
		case CMARK_NODE_EMPH:
			add_inlines(r, n, bold, 1, flags, link, depth + 1);
			break;
		case CMARK_NODE_STRONG:
			add_inlines(r, n, 1, italic, flags, link, depth + 1);
			break;
		case CMARK_NODE_LINK: {
			long li = link >= 0 ? link : make_link(r, cmark_node_get_url(n));
			add_inlines(r, n, bold, italic, li >= 0 ? flags | PT_LINK : flags, li, depth + 1);
			break;
		}
		case CMARK_NODE_IMAGE: /* an image within text: its description */
			add_inlines(r, n, bold, 1, flags, link, depth + 1);
			break;
		case CMARK_NODE_HTML_INLINE: /* raw HTML is left out, as in the HTML pages */
			break;
		default:
			add_inlines(r, n, bold, italic, is_type(n, "strikethrough") ? flags | PT_STRIKE : flags, link,
			            depth + 1);
			break;
		}
	}
}

static void where_node(R *r, cmark_node *n)
{
	const chap *c = r->cur < r->nch ? &r->chs[r->cur] : NULL;
	r->fonts.where = (pt_where){c ? c->file : NULL, c ? (unsigned)cmark_node_get_start_line(n) : 0,
	                            c ? (unsigned)cmark_node_get_start_column(n) : 0};
}

/* ---- blocks ---------------------------------------------------------------------------------- */

static void layout_blocks(R *r, cmark_node *parent);

static double para_gap(const R *r)
{
	return r->tight ? TIGHT_GAP : PARA_GAP;
}

static void layout_paragraph_flow(R *r, size_t f0, size_t f1, rgb color)
{
	size_t n, l0 = pt_wrap(&r->fonts, r->pool, f0, f1, BODY_SIZE, r->w, &n);
	start_block(r, (n < 2 ? (double)n : 2.0) * BODY_LH);
	draw_flow(r, l0, n, BODY_SIZE, BODY_LH, color, 'l');
}

static void layout_paragraph(R *r, cmark_node *node)
{
	size_t f0;
	pt_pool_clear(r->pool);
	where_node(r, node);
	f0 = pt_begin(r->pool, 0);
	add_inlines(r, node, 0, 0, 0, -1, 0);
	set_gap(r, para_gap(r));
	layout_paragraph_flow(r, f0, r->pool->nfrags, r->color);
	set_gap(r, para_gap(r));
}

/* Open an outline entry for a heading of depth (1 = under the chapter). */
static void outline_heading(R *r, size_t depth, const char *text, HPDF_Destination dest)
{
	if (depth == 0 || !r->ostack[depth - 1])
		return;
	r->ostack = pm_xgrow(r->ostack, &r->capostack, depth + 2, sizeof *r->ostack);
	HPDF_Outline o = HPDF_CreateOutline(r->pdf, r->ostack[depth - 1], text, r->utf8);
	if (o) {
		HPDF_Outline_SetOpened(o, HPDF_FALSE);
		if (dest)
			HPDF_Outline_SetDestination(o, dest);
	}
	r->ostack[depth] = o;
	r->odepth = o ? depth : depth - 1;
}

/* Draw the heading text already in the pool as flow [f0, f1) in style hs;
 * level 1 and 2 get a rule under them.  keep is how much of the next block
 * must fit on the page with it.  Returns the destination of its top. */
static HPDF_Destination draw_heading(R *r, size_t f0, size_t f1, const hstyle *hs, int level, double keep)
{
	size_t n, l0;
	double lh = hs->size * 1.25, rule = level <= 2 ? 6.0 : 0;
	HPDF_Destination dest;
	l0 = pt_wrap(&r->fonts, r->pool, f0, f1, hs->size, r->w, &n);
	set_gap(r, hs->before);
	start_block(r, (double)n * lh + rule + hs->after + keep);
	dest = make_dest(r->page, r->y + 4);
	draw_flow(r, l0, n, hs->size, lh, C_HEAD, 'l');
	if (rule) {
		r->y -= 3;
		line(r, r->x, r->y, r->x + r->w, r->y, level == 1 ? 1.2 : 0.6, level == 1 ? C_HEAD : C_RULE);
		r->y -= rule - 3;
	}
	set_gap(r, hs->after);
	return dest;
}

static int heading_level(cmark_node *node)
{
	int level = cmark_node_get_heading_level(node);
	return level < 1 || level > 6 ? 6 : level;
}

/* The heading's text, as a new flow of the (cleared) pool: returns its start. */
static size_t heading_text(R *r, cmark_node *node)
{
	size_t f0;
	pt_pool_clear(r->pool);
	where_node(r, node);
	f0 = pt_begin(r->pool, 0);
	add_inlines(r, node, 1, heading_level(node) == 6, 0, -1, 0);
	return f0;
}

/* Draw the heading whose text is flow [f0, end of pool), record where it is
 * and give it its bookmark. */
static void heading_place(R *r, cmark_node *node, size_t f0, double keep)
{
	chap *c = &r->chs[r->cur];
	int level = heading_level(node);
	size_t k = r->next_head++;
	heading_rec *h = k < c->nh ? &c->h[k] : NULL;
	HPDF_Destination dest = draw_heading(r, f0, r->pool->nfrags, &HSTYLE[level], level, keep);
	if (!h)
		return;
	if (h->depth == 0) { /* the chapter's own title: its bookmark is the chapter's */
		h->dest = c->dest;
		h->page = c->page;
		return;
	}
	h->dest = dest;
	h->page = r->page_index;
	outline_heading(r, (size_t)h->depth, h->text, dest);
}

static void layout_heading(R *r, cmark_node *node)
{
	/* kept with the next block: the heading and two lines of text */
	heading_place(r, node, heading_text(r, node), 2 * BODY_LH);
}

static size_t count_children(cmark_node *n)
{
	size_t k = 0;
	for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c))
		k++;
	return k;
}

static void layout_list(R *r, cmark_node *node)
{
	static const char *const BULLETS[] = {"\xE2\x80\xA2", "\xE2\x97\xA6", "\xE2\x96\xAA"};
	int ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
	int start = cmark_node_get_list_start(node);
	int paren = cmark_node_get_list_delim(node) == CMARK_PAREN_DELIM;
	int tight = cmark_node_get_list_tight(node), saved_tight = r->tight;
	double indent = BULLET_INDENT, sx = r->x, sw = r->w;
	size_t n = count_children(node), i = 0;
	if (ordered) {
		char widest[32];
		long last = (long)start + (long)(n ? n - 1 : 0);
		snprintf(widest, sizeof widest, "%ld%c", last, paren ? ')' : '.');
		indent = pt_str_units(&r->fonts, PT_REGULAR, widest, strlen(widest)) * BODY_SIZE / 1000.0 + 6;
		if (indent < 16)
			indent = 16;
	}
	set_gap(r, para_gap(r));
	if (r->w - indent >= MIN_WIDTH) {
		r->x += indent;
		r->w -= indent;
	}
	r->list_depth++;
	for (cmark_node *item = cmark_node_first_child(node); item && !stopped(r); item = cmark_node_next(item), i++) {
		marker *m;
		if (r->nmarkers == sizeof r->markers / sizeof *r->markers)
			r->nmarkers--; /* absurdly nested: the outermost markers are lost */
		m = &r->markers[r->nmarkers++];
		if (ordered)
			snprintf(m->text, sizeof m->text, "%ld%c", (long)start + (long)i, paren ? ')' : '.');
		else
			snprintf(m->text, sizeof m->text, "%s", BULLETS[(r->list_depth - 1) % 3]);
		m->right = r->x - (ordered ? 5 : 5.5);
		if (i > 0)
			set_gap(r, tight ? TIGHT_GAP : PARA_GAP);
		r->tight = tight;
		layout_blocks(r, item);
		if (r->nmarkers) { /* an empty item: its marker alone */
			start_block(r, BODY_LH);
			flush_markers(r, baseline(r->y, BODY_SIZE, BODY_LH));
			r->y -= BODY_LH;
			r->fresh = 0;
		}
	}
	r->list_depth--;
	r->tight = saved_tight;
	r->x = sx;
	r->w = sw;
	set_gap(r, para_gap(r));
}

static void layout_quote(R *r, cmark_node *node)
{
	double sx = r->x, sw = r->w;
	rgb saved = r->color;
	set_gap(r, PARA_GAP);
	start_block(r, 2 * BODY_LH);
	r->quotes = pm_xgrow(r->quotes, &r->capquotes, r->nquotes + 1, sizeof *r->quotes);
	r->quotes[r->nquotes++] = (quote_rec){r->x, r->y};
	if (r->w - QUOTE_INDENT >= MIN_WIDTH) {
		r->x += QUOTE_INDENT;
		r->w -= QUOTE_INDENT;
	}
	r->color = C_MUTED;
	r->no_gap = 1;
	layout_blocks(r, node);
	r->gap = 0;
	draw_quote_bars(r, r->nquotes - 1); /* its last part: from its top to here */
	r->nquotes--;
	r->color = saved;
	r->x = sx;
	r->w = sw;
	set_gap(r, PARA_GAP);
}

static void layout_code(R *r, cmark_node *node)
{
	const char *lit = cmark_node_get_literal(node);
	size_t len = lit ? strlen(lit) : 0, f0, n, l0, done = 0;
	double lh = CODE_SIZE * CODE_LEAD;
	pt_pool_clear(r->pool);
	where_node(r, node);
	f0 = pt_begin(r->pool, 1);
	while (len && lit[len - 1] == '\n')
		len--;
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(lit + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - lit) : len;
		pt_add(&r->fonts, r->pool, lit + i, e - i, PT_MONO, 0, -1);
		if (nl)
			pt_add_break(r->pool);
		i = e + 1;
	}
	l0 = pt_wrap(&r->fonts, r->pool, f0, r->pool->nfrags, CODE_SIZE, r->w - 2 * CODE_PAD, &n);
	set_gap(r, PARA_GAP);
	start_block(r, (n < 3 ? (double)n : 3.0) * lh + 2 * CODE_PAD);
	while (done < n && !stopped(r)) {
		double avail = r->y - r->bottom - 2 * CODE_PAD;
		size_t k = avail > 0 ? (size_t)(avail / lh) : 0;
		if (k == 0 && !r->fresh) {
			new_page(r);
			continue;
		}
		if (k == 0)
			k = 1;
		if (k > n - done)
			k = n - done;
		double h = (double)k * lh + 2 * CODE_PAD;
		fill_rect(r, r->x, r->y - h, r->w, h, C_CODE);
		flush_markers(r, baseline(r->y - CODE_PAD, BODY_SIZE, lh));
		double top = r->y - CODE_PAD;
		for (size_t i = 0; i < k; i++, top -= lh)
			draw_line(r, r->pool, &r->pool->lines[l0 + done + i], r->x + CODE_PAD,
			          baseline(top, CODE_SIZE, lh), CODE_SIZE, C_TEXT);
		r->y -= h;
		r->fresh = 0;
		done += k;
		if (done < n)
			new_page(r);
	}
	set_gap(r, PARA_GAP);
}

static void layout_rule(R *r)
{
	set_gap(r, 6);
	start_block(r, 12);
	flush_markers(r, baseline(r->y, BODY_SIZE, BODY_LH));
	line(r, r->x, r->y - 6, r->x + r->w, r->y - 6, 0.8, C_RULE);
	r->y -= 12;
	r->fresh = 0;
	set_gap(r, 6);
}

/* ---- tables ------------------------------------------------------------------------------------ */

/* A table is laid out in two streaming passes over its rows, so its memory
 * does not grow with its length: the first measures every cell (widest
 * word, widest line, mean line) to fit the columns; the second rebuilds
 * each row's text, breaks it into lines and draws it.  Only the header row
 * is kept, in r->thead, to be drawn again on every page. */

typedef struct tcell {
	size_t f0, f1; /* flow in a pool */
	size_t l0, nl; /* its lines */
} tcell;

typedef struct table {
	size_t nrows, ncols;
	int header;           /* row 0 is a header row, repeated on every page */
	char *align;          /* per column: 'l', 'c', 'r' */
	unsigned char *nocap; /* per column: long words count whole (no break) */
	double min_row_h;     /* body rows are at least this tall */
	double max_size;
	int zebra;
	int rotate;         /* may get landscape pages when too wide */
	const double *frac; /* NULL, or each column's share of the width */
	/* the text, one of: */
	cmark_node **rows;       /* a Markdown table's row nodes */
	const char *const *text; /* nrows * ncols strings */
	const int *face;         /* with text: per column face, NULL = regular */
} table;

static void table_init(table *t, size_t nrows, size_t ncols)
{
	memset(t, 0, sizeof *t);
	t->nrows = nrows;
	t->ncols = ncols;
	t->align = pm_xcalloc(ncols + 1, 1);
	t->nocap = pm_xcalloc(ncols + 1, 1);
	memset(t->align, 'l', ncols);
	t->max_size = TABLE_MAX;
	t->zebra = 1;
	t->rotate = 1;
}

static void table_free(table *t)
{
	free(t->align);
	free(t->nocap);
	free(t->rows);
}

/* Add the text of row i to pool p, one flow per cell. */
static void row_text(R *r, const table *t, size_t i, pt_pool *p, tcell *cells)
{
	pt_pool *saved = r->pool;
	size_t c = 0;
	int head = t->header && i == 0;
	r->pool = p;
	if (t->rows) {
		where_node(r, t->rows[i]);
		for (cmark_node *cell = cmark_node_first_child(t->rows[i]); cell && c < t->ncols;
		     cell = cmark_node_next(cell), c++) {
			cells[c].f0 = pt_begin(p, 0);
			add_inlines(r, cell, head, 0, 0, -1, 0);
			cells[c].f1 = p->nfrags;
		}
	} else {
		r->fonts.where = (pt_where){NULL, 0, 0};
		for (; c < t->ncols; c++) {
			const char *s = t->text[i * t->ncols + c];
			cells[c].f0 = pt_begin(p, 0);
			add_str(r, s ? s : "", head ? PT_BOLD : t->face ? t->face[c] : PT_REGULAR, 0, -1);
			cells[c].f1 = p->nfrags;
		}
	}
	for (; c < t->ncols; c++) /* missing cells are empty */
		cells[c].f0 = cells[c].f1 = pt_begin(p, 0);
	r->pool = saved;
}

typedef struct tlay {
	double *x; /* ncols + 1 column edges */
	double size, lh, padx;
	tcell *head;   /* the header row's cells, in r->thead */
	tcell *cells;  /* the current row's, in r->pool */
	double head_h; /* height of the header row, 0 = none */
	double first;  /* height the table needs where it starts */
	int repeat;    /* draw the header again on each new page */
	int turned;    /* the table turned the page to landscape */
} tlay;

/* Break the cells of a row into lines; returns the row's height. */
static double row_wrap(R *r, const table *t, const tlay *L, pt_pool *p, tcell *cells, int head)
{
	size_t most = 1;
	for (size_t c = 0; c < t->ncols; c++) {
		cells[c].l0 = pt_wrap(&r->fonts, p, cells[c].f0, cells[c].f1, L->size,
		                      L->x[c + 1] - L->x[c] - 2 * L->padx, &cells[c].nl);
		if (cells[c].nl > most)
			most = cells[c].nl;
	}
	double h = (double)most * L->lh + 2 * CELL_PADY;
	return !head && h < t->min_row_h ? t->min_row_h : h;
}

/* Draw lines from[c].. of each cell of a row (in pool p), as many as fit
 * when fit is set (at least one), else all; advances from[].  Returns 1
 * when the row is complete.  kind: 'h' header, 'z' zebra stripe, 0 plain. */
static int draw_row(R *r, const table *t, const tlay *L, const pt_pool *p, const tcell *cells, double rowh,
                    size_t *from, int fit, int kind)
{
	size_t nc = t->ncols, left = 0, k;
	for (size_t c = 0; c < nc; c++) {
		size_t rem = cells[c].nl > from[c] ? cells[c].nl - from[c] : 0;
		if (rem > left)
			left = rem;
	}
	k = left;
	if (fit) {
		double avail = r->y - r->bottom - 2 * CELL_PADY;
		size_t can = avail > L->lh ? (size_t)(avail / L->lh) : 1;
		if (k > can)
			k = can;
	}
	double h = (double)k * L->lh + 2 * CELL_PADY;
	if (!fit && h < rowh)
		h = rowh;
	double w = L->x[nc] - L->x[0];
	if (kind == 'h')
		fill_rect(r, L->x[0], r->y - h, w, h, C_TH);
	else if (kind == 'z')
		fill_rect(r, L->x[0], r->y - h, w, h, C_ZEBRA);
	flush_markers(r, baseline(r->y - CELL_PADY, BODY_SIZE, L->lh));
	for (size_t c = 0; c < nc; c++) {
		double top = r->y - CELL_PADY, cw = L->x[c + 1] - L->x[c] - 2 * L->padx;
		for (size_t i = 0; i < k && from[c] < cells[c].nl; i++, from[c]++, top -= L->lh) {
			const pt_line *ln = &p->lines[cells[c].l0 + from[c]];
			double lw = ln->units * L->size / 1000.0, x = L->x[c] + L->padx;
			if (t->align[c] == 'r')
				x += cw - lw;
			else if (t->align[c] == 'c')
				x += (cw - lw) / 2;
			draw_line(r, p, ln, x, baseline(top, L->size, L->lh), L->size, C_TEXT);
		}
	}
	r->y -= h;
	r->fresh = 0;
	line(r, L->x[0], r->y, L->x[nc], r->y, kind == 'h' ? 0.9 : 0.4, kind == 'h' ? C_RULE_DARK : C_RULE);
	return k == left;
}

/* The vertical rules of the part of the table on this page. */
static void close_part(R *r, const table *t, const tlay *L, double top)
{
	for (size_t c = 0; c <= t->ncols; c++)
		line(r, L->x[c], top, L->x[c], r->y, 0.4, C_RULE);
}

/* The top rule of the part of the table on this page, and the header row
 * when it repeats.  Returns the top. */
static double open_part(R *r, const table *t, const tlay *L, int with_head)
{
	double top = r->y;
	line(r, L->x[0], top, L->x[t->ncols], top, 0.6, C_RULE_DARK);
	if (with_head && L->head_h > 0) {
		size_t *from = pm_xcalloc(t->ncols + 1, sizeof *from);
		draw_row(r, t, L, &r->thead, L->head, L->head_h, from, 0, 'h');
		free(from);
	}
	return top;
}

/* Column widths for width W: the type size is the largest, down to
 * TABLE_MIN, at which every column's widest word fits (long words count as
 * WORD_CAP); then, as browsers do, every column gets its minimum and the
 * rest of the width goes to the columns in proportion to how much more
 * they could use.  When even the minimums do not fit, the columns whose
 * minimum comes from long words give way first.  Returns 1 when the
 * minimums fit. */
static int table_fit(const table *t, const uint64_t *mn, const uint64_t *mx, const double *mean, double x0, double W,
                     tlay *L)
{
	size_t nc = t->ncols;
	double smin = 0, smax = 0, soft = 0, units = 0;
	double *minw = pm_xcalloc(nc, sizeof *minw), *maxw = pm_xcalloc(nc, sizeof *maxw);
	double *hard = pm_xcalloc(nc, sizeof *hard);
	double fixed, all = 0;
	L->padx = nc >= 8 ? 2.5 : CELL_PADX;
	fixed = nc * 2 * L->padx;
	L->size = t->max_size;
	for (size_t c = 0; c < nc; c++) {
		units += (double)mn[c];
		all += (double)mx[c];
	}
	if (units > 0 && fixed + units * L->size / 1000 > W) {
		L->size = (W - fixed) * 1000 / units;
		L->size = (double)(long)(L->size * 4) / 4; /* quarter points: tidy numbers */
	}
	/* when the columns cannot all have their natural width, leave a tenth of
	 * the width to share, so that long texts do not wrap into towers */
	while (fixed + all * L->size / 1000 > W && fixed + units * L->size / 1000 > 0.9 * W && L->size > TABLE_MIN)
		L->size -= 0.25;
	if (L->size < TABLE_MIN)
		L->size = TABLE_MIN;
	L->lh = L->size * TABLE_LEAD;
	for (size_t c = 0; c < nc; c++) {
		minw[c] = mn[c] * L->size / 1000 + 2 * L->padx;
		maxw[c] = mx[c] * L->size / 1000 + 2 * L->padx;
		if (minw[c] < 2 * L->padx + L->size)
			minw[c] = 2 * L->padx + L->size;
		if (maxw[c] < minw[c])
			maxw[c] = minw[c];
		/* what a column cannot give: a short word (5 em) */
		hard[c] = 2 * L->padx + 5 * L->size;
		if (hard[c] > minw[c])
			hard[c] = minw[c];
		smin += minw[c];
		smax += maxw[c];
		soft += minw[c] - hard[c];
	}
	/* between the two: widths in proportion to each column's typical text
	 * (its mean line length), kept within its minimum and maximum, which
	 * evens out the number of lines across the columns (water-filling) */
	double lambda = 0;
	if (smax > W && smin <= W) {
		double lo = 0, hi = 0;
		for (size_t c = 0; c < nc; c++) {
			double d = mean[c] * L->size / 1000 + 2 * L->padx;
			if (maxw[c] / d > hi)
				hi = maxw[c] / d;
		}
		for (int it = 0; it < 60; it++) {
			double mid = (lo + hi) / 2, sum = 0;
			for (size_t c = 0; c < nc; c++) {
				double w = mid * (mean[c] * L->size / 1000 + 2 * L->padx);
				sum += w < minw[c] ? minw[c] : w > maxw[c] ? maxw[c] : w;
			}
			if (sum < W)
				lo = mid;
			else
				hi = mid;
		}
		lambda = lo;
	}
	L->x[0] = x0;
	if (t->frac) {
		for (size_t c = 0; c < nc; c++)
			L->x[c + 1] = L->x[c] + W * t->frac[c];
		L->x[nc] = x0 + W;
		free(minw);
		free(maxw);
		free(hard);
		return 1;
	}
	double used = 0;
	for (size_t c = 0; c < nc; c++) {
		double w;
		if (smax <= W) {
			w = maxw[c] + (W - smax) * maxw[c] / smax;
		} else if (smin <= W) {
			w = lambda * (mean[c] * L->size / 1000 + 2 * L->padx);
			w = w < minw[c] ? minw[c] : w > maxw[c] ? maxw[c] : w;
		} else if (smin - soft <= W)
			w = minw[c] - (minw[c] - hard[c]) * (smin - W) / soft;
		else
			w = W * minw[c] / smin;
		L->x[c + 1] = L->x[c] + w;
		used += w;
	}
	/* what the bisection left over (a fraction of a point) goes to the widest */
	if (used < W && smin <= W && smax > W) {
		size_t widest = 0;
		for (size_t c = 1; c < nc; c++)
			if (L->x[c + 1] - L->x[c] > L->x[widest + 1] - L->x[widest])
				widest = c;
		for (size_t c = widest + 1; c <= nc; c++)
			L->x[c] += W - used;
	}
	L->x[nc] = x0 + W; /* no rounding drift at the right edge */
	free(minw);
	free(maxw);
	free(hard);
	return smin <= W + 0.01;
}

static void turn_page(R *r, int landscape)
{
	if (r->fresh && r->page && r->npages) {
		set_orientation(r, landscape);
		HPDF_Page_SetWidth(r->page, (HPDF_REAL)r->pw);
		HPDF_Page_SetHeight(r->page, (HPDF_REAL)r->ph);
		r->pages[r->page_index].landscape = landscape;
		r->y = r->top;
	} else {
		set_orientation(r, landscape);
		new_page(r);
	}
	r->x = r->left;
	r->w = r->width;
}

/* Measure every cell and fit the columns to the width; break the header
 * and the first row into lines to know where the table can start.  A
 * top-level table whose columns do not fit a portrait page turns the page
 * to landscape (see ROTATE_BELOW).  Free L with table_draw(). */
static void table_prepare(R *r, const table *t, tlay *L)
{
	size_t nc = t->ncols, nr = t->nrows;
	uint64_t *mn = pm_xcalloc(nc + 1, sizeof *mn), *mx = pm_xcalloc(nc + 1, sizeof *mx);
	double *mean = pm_xcalloc(nc + 1, sizeof *mean);

	memset(L, 0, sizeof *L);
	L->x = pm_xcalloc(nc + 1, sizeof *L->x);
	L->head = pm_xcalloc(nc + 1, sizeof *L->head);
	L->cells = pm_xcalloc(nc + 1, sizeof *L->cells);
	if (nc == 0 || nr == 0)
		goto done;
	size_t body0 = t->header && nr > 1 ? 1 : 0; /* the mean is over the body rows */
	r->measuring = 1;
	for (size_t i = 0; i < nr && !stopped(r); i++) {
		pt_pool_clear(r->pool);
		row_text(r, t, i, r->pool, L->cells);
		for (size_t c = 0; c < nc; c++) {
			uint64_t a, b;
			pt_measure(r->pool, L->cells[c].f0, L->cells[c].f1, t->nocap[c] ? UINT32_MAX : WORD_CAP, &a,
			           &b);
			if (a > mn[c])
				mn[c] = a;
			if (b > mx[c])
				mx[c] = b;
			if (i >= body0)
				mean[c] += (double)b / (double)(nr - body0);
		}
	}
	r->measuring = 0;
	int fits = table_fit(t, mn, mx, mean, r->x, r->w, L);
	if ((!fits || (L->size < ROTATE_BELOW && nr > ROTATE_ROWS)) && !r->landscape && r->x == r->left &&
	    r->nquotes == 0 && t->rotate) {
		turn_page(r, 1);
		L->turned = 1;
		table_fit(t, mn, mx, mean, r->x, r->w, L);
	}
	size_t row = 0;
	if (t->header) {
		pt_pool_clear(&r->thead);
		row_text(r, t, 0, &r->thead, L->head);
		L->head_h = row_wrap(r, t, L, &r->thead, L->head, 1);
		row = 1;
	}
	L->first = L->head_h;
	if (row < nr) {
		pt_pool_clear(r->pool);
		row_text(r, t, row, r->pool, L->cells);
		L->first += row_wrap(r, t, L, r->pool, L->cells, 0);
	}
	double body = r->top - r->bottom;
	if (L->first > body)
		L->first = body / 2;
done:
	free(mn);
	free(mx);
	free(mean);
}

/* Draw a prepared table, row by row, with its header row repeated after
 * each page break; rows are kept whole unless taller than a page.  Frees L. */
static void table_draw(R *r, const table *t, tlay *L)
{
	size_t nc = t->ncols, nr = t->nrows;
	size_t *from = pm_xcalloc(nc + 1, sizeof *from);
	double body = r->top - r->bottom;

	if (nc == 0 || nr == 0)
		goto done;
	set_gap(r, PARA_GAP);
	start_block(r, L->first);
	double top = open_part(r, t, L, 1);
	L->repeat = L->head_h > 0 && L->head_h <= body / 3;
	for (size_t row = t->header ? 1 : 0; row < nr && !stopped(r); row++) {
		int kind = t->zebra && (row - (size_t)t->header) % 2 == 1 ? 'z' : 0;
		pt_pool_clear(r->pool);
		row_text(r, t, row, r->pool, L->cells);
		double h = row_wrap(r, t, L, r->pool, L->cells, 0);
		memset(from, 0, nc * sizeof *from);
		if (r->y - h < r->bottom) {
			/* a row taller than a page starts here if a few lines fit */
			int tall = h > body - (L->repeat ? L->head_h : 0);
			if (!tall || r->y - r->bottom < 3 * L->lh + 2 * CELL_PADY) {
				close_part(r, t, L, top);
				new_page(r);
				top = open_part(r, t, L, L->repeat);
			}
			if (r->y - h < r->bottom) {
				while (!draw_row(r, t, L, r->pool, L->cells, h, from, 1, kind) && !stopped(r)) {
					close_part(r, t, L, top);
					new_page(r);
					top = open_part(r, t, L, L->repeat);
				}
				continue;
			}
		}
		draw_row(r, t, L, r->pool, L->cells, h, from, 0, kind);
	}
	close_part(r, t, L, top);
	set_gap(r, PARA_GAP);
	if (L->turned) { /* back to portrait for what follows, on a new page */
		set_orientation(r, 0);
		r->x = r->left;
		r->w = r->width;
		r->need_page = 1;
	}
done:
	free(L->x);
	free(L->head);
	free(L->cells);
	free(from);
}

static void layout_table(R *r, const table *t)
{
	tlay L;
	table_prepare(r, t, &L);
	table_draw(r, t, &L);
}

/* The table of a Markdown table node. */
static void table_from_node(cmark_node *node, table *t)
{
	size_t nc = cmark_gfm_extensions_get_table_columns(node), nr = count_children(node), i = 0;
	uint8_t *al = cmark_gfm_extensions_get_table_alignments(node);
	table_init(t, nr, nc);
	t->rows = pm_xcalloc(nr + 1, sizeof *t->rows);
	for (size_t c = 0; c < nc && al; c++)
		t->align[c] = al[c] == 'c' || al[c] == 'r' ? (char)al[c] : 'l';
	for (cmark_node *row = cmark_node_first_child(node); row; row = cmark_node_next(row), i++) {
		t->rows[i] = row;
		if (i == 0 && cmark_gfm_extensions_get_table_row_is_header(row))
			t->header = 1;
	}
}

static void layout_table_node(R *r, cmark_node *node)
{
	table t;
	table_from_node(node, &t);
	layout_table(r, &t);
	table_free(&t);
}

/* A heading right before a table: the table is prepared first, so that the
 * heading goes where the table starts (a new page, a landscape page) and
 * is never left alone at the foot of a page. */
static void layout_heading_table(R *r, cmark_node *heading, cmark_node *tnode)
{
	table t;
	tlay L;
	size_t f0;
	r->pool = &r->pools[1];
	f0 = heading_text(r, heading);
	r->pool = &r->pools[0];
	table_from_node(tnode, &t);
	table_prepare(r, &t, &L);
	r->pool = &r->pools[1];
	heading_place(r, heading, f0, L.first);
	r->pool = &r->pools[0];
	table_draw(r, &t, &L);
	table_free(&t);
}

/* ---- images ------------------------------------------------------------------------------------- */

/* A paragraph of images only (and white space between them). */
static int image_only(cmark_node *para)
{
	int any = 0;
	for (cmark_node *n = cmark_node_first_child(para); n; n = cmark_node_next(n)) {
		cmark_node_type t = cmark_node_get_type(n);
		if (t == CMARK_NODE_IMAGE) {
			any = 1;
		} else if (t == CMARK_NODE_TEXT) {
			const char *s = cmark_node_get_literal(n);
			if (s && s[strspn(s, " \t")])
				return 0;
		} else if (t != CMARK_NODE_SOFTBREAK && t != CMARK_NODE_LINEBREAK) {
			return 0;
		}
	}
	return any;
}

/* The image at url, loaded once; NULL (with a warning) when it cannot be used. */
static HPDF_Image load_image(R *r, cmark_node *node, const char *url)
{
	const char *dir = r->meta->image_dir ? r->meta->image_dir : ".";
	char *path = NULL;
	const char *why = NULL;
	unsigned char magic[8] = {0};
	HPDF_Image img = NULL;
	for (size_t i = 0; i < r->nimages; i++)
		if (strcmp(r->images[i].url, url) == 0)
			return r->images[i].img;
	size_t n = strcspn(url, ":/?#");
	if (!*url)
		why = "it has no path";
	else if (url[n] == ':' || url[0] == '/' || url[0] == '\\')
		why = "only relative paths to local files are used";
	else if (strstr(url, "..") || strchr(url, '\\') || strpbrk(url, "?#"))
		why = "the path may not contain \"..\", '\\', '?' or '#'";
	/* read whole through gen/file.c: a regular file under the cap (a FIFO
	 * or a device named as an image is refused, never waited on), then
	 * handed to libharu from memory */
	pm_buf data;
	pm_buf_init(&data, PM_IMAGE_MAX_BYTES + 1);
	char whybuf[256];
	if (!why) {
		path = pm_xasprintf("%s/%s", dir, url);
		pm_diags fd;
		pm_diags_init(&fd);
		if (pm_file_read(path, PM_IMAGE_MAX_BYTES, PM_FILE_AT_PATH, NULL, &data, &fd) != 0) {
			const char *msg = fd.n ? fd.v[0].msg : "";
			if (strncmp(msg, "cannot open: ", 13) == 0)
				snprintf(whybuf, sizeof whybuf, "it cannot be opened (%s)", msg + 13);
			else
				snprintf(whybuf, sizeof whybuf, "it is %s", msg);
			why = whybuf;
		} else if (data.len < 8)
			why = "it is not a PNG or JPEG file";
		else
			memcpy(magic, data.data, sizeof magic);
		pm_diags_free(&fd);
	}
	if (!why) {
		r->soft = 1;
		r->err = 0;
		const HPDF_BYTE *bytes = (const HPDF_BYTE *)data.data;
		if (data.len > 0xFFFFFFFFu)
			why = "it is too large";
		else if (memcmp(magic, "\x89PNG\r\n\x1A\n", 8) == 0)
			img = HPDF_LoadPngImageFromMem(r->pdf, bytes, (HPDF_UINT)data.len);
		else if (magic[0] == 0xFF && magic[1] == 0xD8 && magic[2] == 0xFF)
			img = HPDF_LoadJpegImageFromMem(r->pdf, bytes, (HPDF_UINT)data.len);
		else
			why = "it is not a PNG or JPEG file";
		r->soft = 0;
		if (!img && !why) {
			why = "libharu cannot read it";
			HPDF_ResetError(r->pdf);
		}
	}
	if (why) {
		where_node(r, node);
		pm_diag_add(r->d, PM_WARNING, PM_ERR_RENDER, r->fonts.where.file, r->fonts.where.line,
		            r->fonts.where.col, "image \"%s\" is left out: %s; its description is printed instead", url,
		            why);
		if (img == NULL && r->err && strcmp(why, "libharu cannot read it") == 0)
			pm_diag_hint(r->d, "libharu error 0x%04lX (%s)", (unsigned long)r->err, hpdf_name(r->err));
	}
	r->images = pm_xgrow(r->images, &r->capimages, r->nimages + 1, sizeof *r->images);
	r->images[r->nimages++] = (image_rec){pm_xstrdup(url), img};
	pm_buf_free(&data);
	free(path);
	return img;
}

/* The diagram the build handed over for url, or NULL. */
static const pm_diagram *find_diagram(const R *r, const char *url)
{
	for (size_t i = 0; url && r->meta->diagram_urls && r->meta->diagrams && i < r->meta->n_diagrams; i++)
		if (r->meta->diagram_urls[i] && r->meta->diagrams[i] && strcmp(r->meta->diagram_urls[i], url) == 0)
			return r->meta->diagrams[i];
	return NULL;
}

/* The largest scale (at most 1) that fits w x h into the body box of a
 * page of the given orientation, below a caption of cap_h. */
static double fit_scale(R *r, int landscape, double w, double h, double cap_h)
{
	double pw = r->meta->a4 ? A4_W : LETTER_W, ph = r->meta->a4 ? A4_H : LETTER_H;
	double bw = (landscape ? ph : pw) - 2 * MARGIN_X,
	       bh = (landscape ? pw : ph) - BODY_TOP - BODY_BOTTOM - cap_h - 8;
	double s = 1;
	if (w * s > bw)
		s = bw / w;
	if (h * s > bh)
		s = bh / h;
	return s;
}

/* A diagram as vector graphics: scaled to fit the page, on a landscape page
 * when a portrait one would shrink it below 80 % and landscape shows it
 * markedly larger, with "Figure N: ..." below it. */
static void layout_diagram(R *r, cmark_node *n, const pm_diagram *dg, const char *url)
{
	double dw, dh;
	pm_diagram_size(dg, &dw, &dh);
	fig_rec *fig = NULL;
	for (size_t i = r->next_fig; i < r->nfigs && !fig; i++)
		if (r->figs[i].ch == r->cur && strcmp(r->figs[i].url, url) == 0) {
			fig = &r->figs[i];
			r->next_fig = i + 1;
		}
	size_t f0, cn = 0, cl = 0;
	pt_pool_clear(r->pool);
	where_node(r, n);
	f0 = pt_begin(r->pool, 0);
	if (fig) {
		add_str(r, fig->text, PT_ITALIC, 0, -1);
	} else {
		char *alt = pm_md_plain_text(n);
		add_str(r, alt, PT_ITALIC, 0, -1);
		free(alt);
	}
	if (r->pool->nfrags > f0)
		cl = pt_wrap(&r->fonts, r->pool, f0, r->pool->nfrags, 8.5, r->width, &cn);
	double cap_h = cn ? (double)cn * 11.5 + 4 : 0;
	int turned = 0;
	double s = fit_scale(r, r->landscape, dw, dh, cap_h);
	if (!r->landscape && s < 0.8 && dw > dh && fit_scale(r, 1, dw, dh, cap_h) > s * 1.12 && r->list_depth == 0 &&
	    r->nquotes == 0) {
		turn_page(r, 1);
		turned = 1;
		s = fit_scale(r, 1, dw, dh, cap_h);
		if (r->pool->nfrags > f0)
			cl = pt_wrap(&r->fonts, r->pool, f0, r->pool->nfrags, 8.5, r->w, &cn);
	}
	if (dw * s > r->w)
		s = r->w / dw;
	double w = dw * s, h = dh * s;
	set_gap(r, PARA_GAP);
	start_block(r, h + cap_h);
	flush_markers(r, baseline(r->y, BODY_SIZE, BODY_LH));
	double x = r->x + (r->w - w) / 2;
	pdf_draw_diagram(r->page, &r->fonts, &r->scratch, &r->tmp, dg, x, r->y, s);
	r->fill_ok = 0;
	r->font_face = -1;
	if (fig) {
		fig->page = r->page_index;
		fig->dest = make_dest(r->page, r->y + 4);
		/* its bookmark, under the section it is in */
		HPDF_Outline up = r->ostack ? r->ostack[r->odepth] ? r->ostack[r->odepth] : r->ostack[0] : NULL;
		HPDF_Outline o = up ? HPDF_CreateOutline(r->pdf, up, fig->text, r->utf8) : NULL;
		if (o && fig->dest)
			HPDF_Outline_SetDestination(o, fig->dest);
	}
	r->y -= h + 4;
	r->fresh = 0;
	if (cn)
		draw_flow(r, cl, cn, 8.5, 11.5, C_MUTED, 'c');
	set_gap(r, PARA_GAP);
	if (turned) { /* back to portrait for what follows, on a new page */
		set_orientation(r, 0);
		r->x = r->left;
		r->w = r->width;
		r->need_page = 1;
	}
}

static void layout_images(R *r, cmark_node *para)
{
	for (cmark_node *n = cmark_node_first_child(para); n && !stopped(r); n = cmark_node_next(n)) {
		if (cmark_node_get_type(n) != CMARK_NODE_IMAGE)
			continue;
		const char *url = cmark_node_get_url(n);
		const pm_diagram *dg = find_diagram(r, url);
		if (dg) {
			layout_diagram(r, n, dg, url);
			continue;
		}
		HPDF_Image img = load_image(r, n, url ? url : "");
		size_t f0, cn = 0, cl = 0;
		pt_pool_clear(r->pool);
		where_node(r, n);
		f0 = pt_begin(r->pool, 0);
		if (!img) {
			char *alt = pm_md_plain_text(n);
			add_str(r, "Image not included: ", PT_ITALIC, 0, -1);
			add_str(r, *alt ? alt : url ? url : "", PT_ITALIC, 0, -1);
			free(alt);
		} else {
			add_inlines(r, n, 0, 1, 0, -1, 0);
		}
		if (r->pool->nfrags > f0)
			cl = pt_wrap(&r->fonts, r->pool, f0, r->pool->nfrags, 8.5, r->w, &cn);
		double cap_h = cn ? (double)cn * 11.5 + 4 : 0;
		if (!img) {
			set_gap(r, PARA_GAP);
			start_block(r, (double)cn * 11.5);
			draw_flow(r, cl, cn, 8.5, 11.5, C_MUTED, 'c');
			set_gap(r, PARA_GAP);
			continue;
		}
		double iw = HPDF_Image_GetWidth(img) * PX, ih = HPDF_Image_GetHeight(img) * PX;
		double maxh = (r->top - r->bottom) * 0.8 - cap_h, s = 1;
		if (iw <= 0 || ih <= 0)
			continue;
		if (iw * s > r->w)
			s = r->w / iw;
		if (ih * s > maxh)
			s = maxh / ih;
		iw *= s;
		ih *= s;
		set_gap(r, PARA_GAP);
		start_block(r, ih + cap_h);
		flush_markers(r, baseline(r->y, BODY_SIZE, BODY_LH));
		HPDF_Page_DrawImage(r->page, img, (HPDF_REAL)(r->x + (r->w - iw) / 2), (HPDF_REAL)(r->y - ih),
		                    (HPDF_REAL)iw, (HPDF_REAL)ih);
		r->y -= ih + 4;
		r->fresh = 0;
		if (cn)
			draw_flow(r, cl, cn, 8.5, 11.5, C_MUTED, 'c');
		set_gap(r, PARA_GAP);
	}
}

/* ---- the block walk ---------------------------------------------------------------------------- */

static void layout_block(R *r, cmark_node *n)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_PARAGRAPH:
		if (image_only(n))
			layout_images(r, n);
		else
			layout_paragraph(r, n);
		break;
	case CMARK_NODE_HEADING:
		layout_heading(r, n);
		break;
	case CMARK_NODE_LIST:
		layout_list(r, n);
		break;
	case CMARK_NODE_ITEM:
		layout_blocks(r, n);
		break;
	case CMARK_NODE_BLOCK_QUOTE:
		layout_quote(r, n);
		break;
	case CMARK_NODE_CODE_BLOCK:
		layout_code(r, n);
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		layout_rule(r);
		break;
	case CMARK_NODE_HTML_BLOCK: /* raw HTML is left out, as in the HTML pages */
		break;
	default:
		if (is_type(n, "table"))
			layout_table_node(r, n);
		else
			layout_blocks(r, n);
		break;
	}
}

/* The heading nodes of a subtree, in document order, so that headings in a
 * subtree printed flat keep the count of r->next_head. */
static size_t count_headings(cmark_node *node)
{
	size_t k = 0;
	cmark_event_type ev;
	cmark_iter *it = cmark_iter_new(node);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(cmark_iter_get_node(it)) == CMARK_NODE_HEADING)
			k++;
	cmark_iter_free(it);
	return k;
}

static void layout_blocks(R *r, cmark_node *parent)
{
	if (r->depth >= MAX_DEPTH) { /* absurd nesting: the text, flat */
		char *t = pm_md_plain_text(parent);
		size_t f0;
		r->next_head += count_headings(parent);
		pt_pool_clear(r->pool);
		where_node(r, parent);
		f0 = pt_begin(r->pool, 0);
		add_str(r, t, PT_REGULAR, 0, -1);
		free(t);
		set_gap(r, PARA_GAP);
		layout_paragraph_flow(r, f0, r->pool->nfrags, r->color);
		return;
	}
	r->depth++;
	for (cmark_node *n = cmark_node_first_child(parent); n && !stopped(r); n = cmark_node_next(n)) {
		cmark_node *next = cmark_node_next(n);
		if (cmark_node_get_type(n) == CMARK_NODE_HEADING && next && is_type(next, "table")) {
			layout_heading_table(r, n, next);
			n = next;
			continue;
		}
		layout_block(r, n);
	}
	r->depth--;
}

/* ---- chapters ----------------------------------------------------------------------------------- */

/* Feed the Markdown to cmark with invalid UTF-8 and NUL replaced by
 * U+FFFD; one warning per chapter says where the first was. */
static void feed_clean(R *r, cmark_parser *parser, const chap *c, const char *md, size_t len)
{
	const unsigned char *s = (const unsigned char *)md;
	size_t i = 0, run = 0, bad = 0;
	unsigned line = 1, col = 1, bl = 0, bc = 0;
	while (i < len) {
		uint32_t cp;
		unsigned char ch = s[i];
		size_t k = ch ? pt_check(s + i, len - i, &cp) : 0;
		if (k == 0) {
			if (!bad++) {
				bl = line;
				bc = col;
			}
			if (i > run)
				cmark_parser_feed(parser, md + run, i - run);
			cmark_parser_feed(parser, "\xEF\xBF\xBD", 3);
			i++;
			run = i;
			col++;
			continue;
		}
		if (ch == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
		i += k;
	}
	if (len > run)
		cmark_parser_feed(parser, md + run, len - run);
	if (bad)
		pm_diag_add(r->d, PM_WARNING, PM_ERR_RENDER, c->file, bl, bc,
		            "invalid UTF-8 (%zu byte%s); it is printed as U+FFFD", bad, bad == 1 ? "" : "s");
}

/* A diagram image alone in its paragraph becomes a figure of the contents:
 * "Figure N: " and its description. */
static void add_figure(R *r, size_t ch, cmark_node *img)
{
	cmark_node *para = cmark_node_parent(img);
	const char *url = cmark_node_get_url(img);
	const pm_diagram *dg = find_diagram(r, url);
	if (!dg || !para || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH || !image_only(para))
		return;
	char *alt = pm_md_plain_text(img), *cleaned = clean_text(alt);
	const char *cap = cleaned;
	if (strncmp(cap, "Figure: ", 8) == 0)
		cap += 8;
	r->figs = pm_xgrow(r->figs, &r->capfigs, r->nfigs + 1, sizeof *r->figs);
	fig_rec *f = &r->figs[r->nfigs++];
	memset(f, 0, sizeof *f);
	f->ch = ch;
	f->url = url;
	f->dg = dg;
	f->text = pm_xasprintf("Figure %zu: %s", r->nfigs, cap);
	f->page = (size_t)-1;
	free(cleaned);
	free(alt);
}

/* Parse chapter i and list its headings with their depth under the chapter
 * and their slug. */
static int parse_chapter(R *r, size_t i, const pm_pdf_chapter *src)
{
	chap *c = &r->chs[i];
	cmark_parser *parser = cmark_parser_new(CMARK_OPT_DEFAULT);
	pm_slugset slugs;
	memset(&slugs, 0, sizeof slugs);
	int *stack = NULL;
	size_t sn = 0, scap = 0, cap = 0;
	cmark_event_type ev;
	c->id = src->id;
	c->file = pm_xasprintf("%s.md", src->id);
	for (size_t k = 0; k < sizeof EXTENSIONS / sizeof *EXTENSIONS; k++) {
		cmark_syntax_extension *ext = cmark_find_syntax_extension(EXTENSIONS[k]);
		if (!ext || !cmark_parser_attach_syntax_extension(parser, ext)) {
			cmark_parser_free(parser);
			return pm_diag_add(r->d, PM_ERROR, PM_ERR_RENDER, NULL, 0, 0,
			                   "cmark-gfm extension \"%s\" is not available", EXTENSIONS[k]);
		}
	}
	feed_clean(r, parser, c, src->markdown ? src->markdown : "", src->markdown ? src->len : 0);
	c->doc = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	if (!c->doc)
		return pm_diag_add(r->d, PM_ERROR, PM_ERR_RENDER, c->file, 0, 0,
		                   "cmark-gfm could not parse the Markdown");
	cmark_node *first = cmark_node_first_child(c->doc);
	c->lead_h1 =
	        first && cmark_node_get_type(first) == CMARK_NODE_HEADING && cmark_node_get_heading_level(first) == 1;
	cmark_iter *it = cmark_iter_new(c->doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_IMAGE)
			add_figure(r, i, n);
		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_HEADING)
			continue;
		c->h = pm_xgrow(c->h, &cap, c->nh + 1, sizeof *c->h);
		heading_rec *h = &c->h[c->nh++];
		char *raw = pm_md_plain_text(n);
		memset(h, 0, sizeof *h);
		h->level = cmark_node_get_heading_level(n);
		h->slug = pm_xstrdup(pm_slug_claim(&slugs, raw));
		h->text = clean_text(raw);
		free(raw);
		if (n == first && c->lead_h1) {
			h->depth = 0;
			continue;
		}
		while (sn && stack[sn - 1] >= h->level)
			sn--;
		stack = pm_xgrow(stack, &scap, sn + 1, sizeof *stack);
		stack[sn++] = h->level;
		h->depth = (int)sn;
	}
	cmark_iter_free(it);
	free(stack);
	pm_slugset_free(&slugs);
	c->title = clean_text(src->title ? src->title : c->lead_h1 ? c->h[0].text : src->id);
	return 0;
}

static void layout_chapter(R *r, size_t i)
{
	chap *c = &r->chs[i];
	r->cur = i;
	r->next_head = 0;
	r->section = c->title;
	r->x = r->left;
	r->w = r->width;
	r->color = C_TEXT;
	r->tight = 0;
	r->nmarkers = 0;
	new_page(r);
	c->page = r->page_index;
	c->dest = make_dest(r->page, r->ph);
	r->ostack = pm_xgrow(r->ostack, &r->capostack, 2, sizeof *r->ostack);
	r->ostack[0] = HPDF_CreateOutline(r->pdf, NULL, c->title, r->utf8);
	r->odepth = 0;
	if (r->ostack[0]) {
		HPDF_Outline_SetOpened(r->ostack[0], HPDF_FALSE);
		HPDF_Outline_SetDestination(r->ostack[0], c->dest);
	}
	if (!c->lead_h1) { /* the chapter title, styled as its h1 would be */
		size_t f0;
		pt_pool_clear(r->pool);
		r->fonts.where = (pt_where){NULL, 0, 0};
		f0 = pt_begin(r->pool, 0);
		add_str(r, c->title, PT_BOLD, 0, -1);
		draw_heading(r, f0, r->pool->nfrags, &HSTYLE[0], 1, 2 * BODY_LH);
	}
	layout_blocks(r, c->doc);
}

/* ---- front matter ------------------------------------------------------------------------------- */

static const char *or_none(const char *s)
{
	return s && *s ? s : "not stated";
}

/* A paragraph of plain text at r->y. */
static void text_para(R *r, const char *s, int face, double size, double lh, rgb color, int align)
{
	size_t f0, n, l0;
	pt_pool_clear(r->pool);
	r->fonts.where = (pt_where){NULL, 0, 0};
	f0 = pt_begin(r->pool, 0);
	add_str(r, s, face, 0, -1);
	l0 = pt_wrap(&r->fonts, r->pool, f0, r->pool->nfrags, size, r->w, &n);
	start_block(r, (double)n * lh);
	draw_flow(r, l0, n, size, lh, color, align);
}

static HPDF_Destination front_heading(R *r, const char *s, int level)
{
	size_t f0;
	pt_pool_clear(r->pool);
	r->fonts.where = (pt_where){NULL, 0, 0};
	f0 = pt_begin(r->pool, 0);
	add_str(r, s, PT_BOLD, 0, -1);
	return draw_heading(r, f0, r->pool->nfrags, &HSTYLE[level], level, 2 * BODY_LH);
}

/* A two-column table of labels (bold) and values kv[2i], kv[2i+1]; a NULL
 * value is shown as "not stated". */
static void kv_table(R *r, const char *const *kv, size_t n)
{
	static const int FACES[] = {PT_BOLD, PT_REGULAR};
	const char **text = pm_xcalloc(2 * n + 1, sizeof *text);
	table t;
	for (size_t k = 0; k < n; k++) {
		text[2 * k] = kv[2 * k];
		text[2 * k + 1] = or_none(kv[2 * k + 1]);
	}
	table_init(&t, n, 2);
	t.zebra = 0;
	t.max_size = 9.5;
	t.text = text;
	t.face = FACES;
	layout_table(r, &t);
	table_free(&t);
	free(text);
}

static void title_page(R *r)
{
	const pm_pdf_meta *m = r->meta;
	const char *title = m->title ? m->title : DEFAULT_TITLE;
	char *version = m->device_version ? pm_xasprintf("Software version %s", m->device_version) : NULL;
	const char *kv[] = {
	        "Device",        m->device,     "Software version", m->device_version, "Manufacturer",
	        m->manufacturer, "US importer", m->importer,        "Submission type", m->submission_type,
	        "Document ID",   m->doc_id,     "Revision",         m->revision,       "Date",
	        m->date,
	};
	r->section = NULL;
	new_page(r);
	r->y = r->ph - 120;
	fill_rect(r, r->left, r->y + 28, r->width, 5, C_HEAD);
	if (m->manufacturer)
		text_para(r, m->manufacturer, PT_REGULAR, 12, 16, C_MUTED, 'l');
	r->gap = 10;
	text_para(r, title, PT_BOLD, 26, 32, C_HEAD, 'l');
	r->gap = 28;
	text_para(r, m->device, PT_BOLD, 18, 23, C_TEXT, 'l');
	if (version) {
		r->gap = 4;
		text_para(r, version, PT_REGULAR, 13, 17, C_MUTED, 'l');
	}
	r->gap = 30;
	start_block(r, 2);
	line(r, r->left, r->y, r->left + r->width, r->y, 0.8, C_RULE_DARK);
	r->gap = 22;
	kv_table(r, kv, sizeof kv / sizeof *kv / 2);
	r->gap = 0;
	if (r->y > r->bottom + 80) {
		r->y = r->bottom + 60;
		char *note = pm_xasprintf(
		        "This documentation was generated%s%s from the manufacturer's security model of the "
		        "device. It is a controlled document: the manufacturer reviews and approves it under "
		        "its quality system before submission.",
		        m->tool_version ? " by " : "", m->tool_version ? m->tool_version : "");
		text_para(r, note, PT_REGULAR, 8.5, 12, C_MUTED, 'l');
		free(note);
	}
	free(version);
	HPDF_Outline o = HPDF_CreateOutline(r->pdf, NULL, "Title page", r->utf8);
	if (o)
		HPDF_Outline_SetDestination(o, make_dest(r->pages[0].page, r->ph));
}

static void control_page(R *r)
{
	const pm_pdf_meta *m = r->meta;
	const char *title = m->title ? m->title : DEFAULT_TITLE;
	const char *kv[] = {
	        "Document ID", m->doc_id,   "Title", title,   "Device",       m->device,
	        "Revision",    m->revision, "Date",  m->date, "Generated by", m->tool_version,
	};
	static const char *const SIGN[] = {
	        "Role",
	        "Name and function",
	        "Signature",
	        "Date",
	        "Prepared by",
	        "",
	        "",
	        "",
	        "Reviewed by",
	        "",
	        "",
	        "",
	        "Approved by",
	        "",
	        "",
	        "",
	};
	static const double SIGN_FRAC[] = {0.18, 0.34, 0.33, 0.15};
	r->section = "Document control";
	r->x = r->left;
	r->w = r->width;
	new_page(r);
	HPDF_Destination dest = front_heading(r, "Document control", 1);
	HPDF_Outline o = HPDF_CreateOutline(r->pdf, NULL, "Document control", r->utf8);
	if (o)
		HPDF_Outline_SetDestination(o, dest);
	kv_table(r, kv, sizeof kv / sizeof *kv / 2);

	front_heading(r, "Approval", 3);
	table t;
	table_init(&t, 4, 4);
	t.header = 1;
	t.zebra = 0;
	t.min_row_h = 30;
	t.max_size = 9;
	t.text = SIGN;
	t.frac = SIGN_FRAC;
	layout_table(r, &t);
	table_free(&t);

	front_heading(r, "Input files", 3);
	text_para(r,
	          m->n_inputs ? "The documents were generated from these files. The SHA-256 digest of each "
	                        "file identifies the exact input; recompute it (sha256sum FILE) to verify."
	                      : "No input files were listed.",
	          PT_REGULAR, BODY_SIZE, BODY_LH, C_TEXT, 'l');
	set_gap(r, PARA_GAP);
	if (m->n_inputs) {
		static const int FACES[] = {PT_REGULAR, PT_MONO};
		const char **text = pm_xcalloc(2 * (m->n_inputs + 1), sizeof *text);
		text[0] = "File";
		text[1] = "SHA-256";
		for (size_t i = 0; i < m->n_inputs; i++) {
			text[2 * i + 2] = m->input_files[i];
			text[2 * i + 3] = m->input_sha256[i];
		}
		table_init(&t, m->n_inputs + 1, 2);
		t.header = 1;
		t.nocap[1] = 1; /* a digest on one line */
		t.max_size = 8;
		t.text = text;
		t.face = FACES;
		layout_table(r, &t);
		table_free(&t);
		free(text);
	}
}

/* ---- table of contents ----------------------------------------------------------------------------- */

typedef struct toc_ent {
	size_t ch;
	long head; /* -1: the chapter itself; -2: a figure (fig), -3: the "Figures" heading */
	int depth;
	size_t fig;
} toc_ent;

static toc_ent *toc_entries(const R *r, size_t *n)
{
	toc_ent *v = NULL;
	size_t cap = 0;
	*n = 0;
	for (size_t i = 0; i < r->nch; i++) {
		v = pm_xgrow(v, &cap, *n + 1, sizeof *v);
		v[(*n)++] = (toc_ent){i, -1, 0, 0};
		for (size_t k = 0; k < r->chs[i].nh; k++) {
			int dp = r->chs[i].h[k].depth;
			if (dp >= 1 && dp <= TOC_DEPTH) {
				v = pm_xgrow(v, &cap, *n + 1, sizeof *v);
				v[(*n)++] = (toc_ent){i, (long)k, dp, 0};
			}
		}
	}
	/* the figures, after the chapters */
	for (size_t k = 0; k < r->nfigs; k++) {
		v = pm_xgrow(v, &cap, *n + 2, sizeof *v);
		if (k == 0)
			v[(*n)++] = (toc_ent){0, -3, 0, 0};
		v[(*n)++] = (toc_ent){r->figs[k].ch, -2, 1, k};
	}
	return v;
}

/* Lay out the table of contents; draw it into the reserved pages when draw
 * is set.  The layout does not depend on the page numbers, so the count of
 * a dry run is the count of the real one.  Returns the number of pages. */
static size_t toc_layout(R *r, const toc_ent *v, size_t n, int draw)
{
	size_t pg = 0;
	int at_top = 1;
	double y;
	if (draw) {
		use_page(r, r->toc_first);
		r->x = r->left;
		r->w = r->width;
		r->y = r->top;
		r->fresh = 1;
		r->gap = 0;
		r->need_page = 0;
		r->nmarkers = 0;
		r->toc_dest = front_heading(r, "Contents", 1);
	}
	/* the same start in both runs: below the heading, its rule and its gap */
	y = r->top - (HSTYLE[1].size * 1.25 + 6 + HSTYLE[1].after + 4);
	for (size_t i = 0; i < n && !stopped(r); i++) {
		const toc_ent *e = &v[i];
		const chap *c = &r->chs[e->ch];
		const fig_rec *fg = e->head == -2 ? &r->figs[e->fig] : e->head == -3 ? &r->figs[0] : NULL;
		const char *text = e->head == -2   ? fg->text
		                   : e->head == -3 ? "Figures"
		                   : e->head < 0   ? c->title
		                                   : c->h[e->head].text;
		double size = e->depth == 0 ? 10.5 : e->depth == 1 ? 9.5 : 9;
		double lh = size * 1.38, indent = e->depth * 14.0;
		double gap = e->depth == 0 ? 8 : 1;
		int face = e->depth == 0 ? PT_BOLD : PT_REGULAR;
		size_t nl, f0, l0;
		pt_pool_clear(r->pool);
		r->fonts.where = (pt_where){NULL, 0, 0};
		f0 = pt_begin(r->pool, 0);
		add_str(r, text, face, 0, -1);
		l0 = pt_wrap(&r->fonts, r->pool, f0, r->pool->nfrags, size, r->width - indent - TOC_NUMW - 12, &nl);
		double h = (double)nl * lh;
		if (!at_top && y - gap - h < r->bottom) {
			pg++;
			y = r->top;
			at_top = 1;
			if (draw && r->toc_first + pg < r->npages) {
				use_page(r, r->toc_first + pg);
			}
		} else if (!at_top) {
			y -= gap;
		}
		at_top = 0;
		if (draw) {
			size_t target = fg ? fg->page : e->head < 0 ? c->page : c->h[e->head].page;
			HPDF_Destination dest = fg ? fg->dest : e->head < 0 ? c->dest : c->h[e->head].dest;
			char num[32];
			double base = 0, x = r->left + indent, end = x;
			for (size_t k = 0; k < nl; k++) {
				const pt_line *ln = &r->pool->lines[l0 + k];
				base = baseline(y - (double)k * lh, size, lh);
				draw_line(r, r->pool, ln, x, base, size, e->depth == 0 ? C_HEAD : C_TEXT);
				end = x + ln->units * size / 1000.0;
			}
			if (target == (size_t)-1) /* a figure the layout did not reach */
				num[0] = 0;
			else
				snprintf(num, sizeof num, "%zu", target + 1);
			double right = r->left + r->width;
			double nw = draw_str(r, num, face, size, right, base, 'r', 0, C_TEXT);
			if (right - nw - 4 > end + 6) {
				static const HPDF_UINT16 DOTS[] = {1, 3};
				HPDF_Page_SetLineCap(r->page, HPDF_ROUND_END);
				HPDF_Page_SetDash(r->page, DOTS, 2, 0);
				line(r, end + 4, base + 1, right - nw - 4, base + 1, 0.7, C_MUTED);
				HPDF_Page_SetDash(r->page, NULL, 0, 0);
				HPDF_Page_SetLineCap(r->page, HPDF_BUTT_END);
			}
			if (dest) {
				HPDF_Rect rect = {(HPDF_REAL)x, (HPDF_REAL)(y - h), (HPDF_REAL)right, (HPDF_REAL)y};
				HPDF_Annotation a = HPDF_Page_CreateLinkAnnot(r->page, rect, dest);
				if (a)
					HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
			}
		}
		y -= h;
	}
	return pg + 1;
}

/* ---- running header and footer ---------------------------------------------------------------------- */

static void furniture(R *r)
{
	const pm_pdf_meta *m = r->meta;
	char *left = m->device_version ? pm_xasprintf("%s %s", m->device, m->device_version) : pm_xstrdup(m->device);
	char *foot = m->doc_id && m->revision ? pm_xasprintf("%s \xC2\xB7 Revision %s", m->doc_id, m->revision)
	             : m->doc_id              ? pm_xstrdup(m->doc_id)
	             : m->revision            ? pm_xasprintf("Revision %s", m->revision)
	                                      : pm_xstrdup("");
	for (size_t i = 1; i < r->npages && !stopped(r); i++) {
		char num[64];
		const char *sec = r->pages[i].section ? r->pages[i].section : "";
		set_orientation(r, r->pages[i].landscape);
		double right = r->left + r->width, hy = r->ph - 40, fy = 36;
		use_page(r, i);
		double sw = draw_str(r, sec, PT_REGULAR, 8, right, hy, 'r', r->width * 0.5, C_MUTED);
		draw_str(r, left, PT_BOLD, 8, r->left, hy, 'l', r->width - sw - 16, C_MUTED);
		line(r, r->left, hy - 6, right, hy - 6, 0.5, C_RULE);
		line(r, r->left, fy + 12, right, fy + 12, 0.5, C_RULE);
		snprintf(num, sizeof num, "Page %zu of %zu", i + 1, r->npages);
		double nw = draw_str(r, num, PT_REGULAR, 8, right, fy, 'r', 0, C_MUTED);
		draw_str(r, foot, PT_REGULAR, 8, r->left, fy, 'l', r->width - nw - 16, C_MUTED);
	}
	free(left);
	free(foot);
}

/* Links between chapters, now that every heading has its page. */
static void resolve_links(R *r)
{
	for (size_t i = 0; i < r->nplinks; i++) {
		const plink *p = &r->plinks[i];
		const link_rec *L = &r->links[p->link];
		const chap *c = &r->chs[L->chap];
		HPDF_Destination dest = L->head >= 0 ? c->h[L->head].dest : c->dest;
		if (!dest)
			continue;
		HPDF_Annotation a = HPDF_Page_CreateLinkAnnot(r->pages[p->page].page, p->rect, dest);
		if (a)
			HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
	}
}

/* ---- the document --------------------------------------------------------------------------------- */

static int check_args(const pm_pdf_meta *m, const pm_pdf_chapter *ch, size_t n, const pm_buf *out, pm_diags *d)
{
	int y, mo, dd;
	if (!m || !out || (n && !ch))
		return pm_diag_add(d, PM_ERROR, PM_ERR_USAGE, NULL, 0, 0, "PDF: missing argument");
	if (!m->device)
		return pm_diag_add(d, PM_ERROR, PM_ERR_USAGE, NULL, 0, 0, "PDF: no device name");
	if (m->date && parse_date(m->date, &y, &mo, &dd) < 0)
		return pm_diag_add(d, PM_ERROR, PM_ERR_USAGE, NULL, 0, 0,
		                   "PDF: date \"%s\" is not a YYYY-MM-DD calendar date", m->date);
	if (m->n_inputs && (!m->input_files || !m->input_sha256))
		return pm_diag_add(d, PM_ERROR, PM_ERR_USAGE, NULL, 0, 0,
		                   "PDF: %zu input files but no names or digests", m->n_inputs);
	for (size_t i = 0; i < n; i++) {
		if (!ch[i].id || !*ch[i].id)
			return pm_diag_add(d, PM_ERROR, PM_ERR_USAGE, NULL, 0, 0, "PDF: chapter %zu has no id", i + 1);
		if (!ch[i].markdown && ch[i].len)
			return pm_diag_add(d, PM_ERROR, PM_ERR_USAGE, NULL, 0, 0,
			                   "PDF: chapter \"%s\" has no Markdown text", ch[i].id);
	}
	return 0;
}

static void set_info(R *r)
{
	const pm_pdf_meta *m = r->meta;
	struct {
		HPDF_InfoType type;
		const char *value;
	} info[] = {
	        {HPDF_INFO_TITLE, m->title ? m->title : DEFAULT_TITLE},
	        {HPDF_INFO_AUTHOR, m->manufacturer},
	        {HPDF_INFO_SUBJECT, m->device},
	        {HPDF_INFO_KEYWORDS, m->doc_id},
	        {HPDF_INFO_CREATOR, m->tool_version ? m->tool_version : "premarket"},
	};
	for (size_t i = 0; i < sizeof info / sizeof *info; i++) {
		if (!info[i].value)
			continue;
		char *v = clean_text(info[i].value);
		HPDF_SetInfoAttr(r->pdf, info[i].type, v);
		free(v);
	}
	int y, mo, dd;
	if (m->date && parse_date(m->date, &y, &mo, &dd) == 0) {
		HPDF_Date date = {y, mo, dd, 0, 0, 0, 'Z', 0, 0};
		HPDF_SetInfoDateAttr(r->pdf, HPDF_INFO_CREATION_DATE, date);
		HPDF_SetInfoDateAttr(r->pdf, HPDF_INFO_MOD_DATE, date);
	}
}

/* Save the document into out. */
static int save(R *r, pm_buf *out)
{
	unsigned char chunk[65536];
	if (pt_fonts_finish(&r->fonts) < 0 || HPDF_SaveToStream(r->pdf) != HPDF_OK)
		return -1;
	HPDF_ResetStream(r->pdf);
	for (;;) {
		HPDF_UINT32 n = sizeof chunk;
		HPDF_STATUS st = HPDF_ReadFromStream(r->pdf, chunk, &n);
		if (n && pm_buf_put(out, chunk, n) < 0)
			return -2;
		if (st == HPDF_STREAM_EOF || n == 0)
			break;
		if (st != HPDF_OK)
			return -1;
	}
	return 0;
}

static void free_all(R *r)
{
	for (size_t i = 0; i < r->nch; i++) {
		chap *c = &r->chs[i];
		if (c->doc)
			cmark_node_free(c->doc);
		for (size_t k = 0; k < c->nh; k++) {
			free(c->h[k].text);
			free(c->h[k].slug);
		}
		free(c->h);
		free(c->title);
		free(c->file);
	}
	free(r->chs);
	for (size_t i = 0; i < r->nlinks; i++)
		free(r->links[i].uri);
	free(r->links);
	free(r->plinks);
	for (size_t i = 0; i < r->nimages; i++)
		free(r->images[i].url);
	free(r->images);
	for (size_t i = 0; i < r->nfigs; i++)
		free(r->figs[i].text);
	free(r->figs);
	free(r->pages);
	free(r->quotes);
	free(r->ostack);
	pt_pool_free(&r->pools[0]);
	pt_pool_free(&r->pools[1]);
	pt_pool_free(&r->thead);
	pt_pool_free(&r->scratch);
	pm_buf_free(&r->tmp);
	if (r->fonts_open)
		pt_fonts_free(&r->fonts);
	if (r->pdf)
		HPDF_Free(r->pdf);
}

int pm_render_pdf(const pm_pdf_meta *meta, const pm_pdf_chapter *ch, size_t n, pm_buf *out, pm_diags *d)
{
	R r;
	size_t mark, ntoc = 0;
	int overflow, rc = 0;
	toc_ent *toc = NULL;
	if (check_args(meta, ch, n, out, d) < 0)
		return -1;
	mark = out->len;
	overflow = out->overflow;
	memset(&r, 0, sizeof r);
	r.meta = meta;
	r.d = d;
	pt_pool_init(&r.pools[0]);
	pt_pool_init(&r.pools[1]);
	pt_pool_init(&r.thead);
	r.pool = &r.pools[0];
	pt_pool_init(&r.scratch);
	pm_buf_init(&r.tmp, 0);
	set_orientation(&r, 0);
	r.x = r.left;
	r.w = r.width;
	r.color = C_TEXT;

	r.pdf = HPDF_New(on_error, &r);
	if (!r.pdf) {
		free_all(&r);
		return pm_diag_add(d, PM_ERROR, PM_ERR_RENDER, NULL, 0, 0, "libharu cannot create a document");
	}
	HPDF_SetCompressionMode(r.pdf, HPDF_COMP_ALL);
	/* a two-level page tree: one /Pages node holds at most 8191 pages */
	HPDF_SetPagesConfiguration(r.pdf, PAGES_PER_NODE);
	HPDF_UseUTFEncodings(r.pdf);
	HPDF_SetCurrentEncoder(r.pdf, "UTF-8");
	HPDF_SetPageMode(r.pdf, HPDF_PAGE_MODE_USE_OUTLINE);
	r.utf8 = HPDF_GetEncoder(r.pdf, "UTF-8");
	if (r.failed)
		goto fail;
	if (pt_fonts_open(&r.fonts, r.pdf, meta->font_dir ? meta->font_dir : DEFAULT_FONT_DIR, meta->cjk_font, d) < 0) {
		free_all(&r);
		return -1;
	}
	r.fonts_open = 1;
	set_info(&r);

	cmark_gfm_core_extensions_ensure_registered();
	r.chs = pm_xcalloc(n ? n : 1, sizeof *r.chs);
	r.nch = n;
	for (size_t i = 0; i < n; i++)
		if (parse_chapter(&r, i, &ch[i]) < 0) {
			free_all(&r);
			return -1;
		}

	title_page(&r);
	control_page(&r);
	toc = toc_entries(&r, &ntoc);
	if (ntoc) {
		r.toc_pages = toc_layout(&r, toc, ntoc, 0);
		r.section = "Contents";
		r.toc_first = r.npages;
		for (size_t i = 0; i < r.toc_pages; i++)
			new_page(&r);
		r.toc_dest = make_dest(r.pages[r.toc_first].page, r.ph);
		HPDF_Outline o = HPDF_CreateOutline(r.pdf, NULL, "Contents", r.utf8);
		if (o)
			HPDF_Outline_SetDestination(o, r.toc_dest);
	}
	for (size_t i = 0; i < n && !stopped(&r); i++)
		layout_chapter(&r, i);
	if (ntoc && !stopped(&r))
		toc_layout(&r, toc, ntoc, 1);
	if (!stopped(&r))
		resolve_links(&r);
	if (!stopped(&r))
		furniture(&r);
	if (stopped(&r))
		goto fail;
	int s = save(&r, out);
	if (s == -2) {
		rc = pm_diag_add(d, PM_ERROR, PM_ERR_RENDER, NULL, 0, 0, "PDF exceeds the output size limit");
		goto undo;
	}
	if (s < 0 || r.failed)
		goto fail;
	free(toc);
	free_all(&r);
	return 0;

fail:
	if (r.failed)
		rc = pm_diag_add(d, PM_ERROR, PM_ERR_RENDER, NULL, 0, 0, "libharu error 0x%04lX (%s), detail %lu",
		                 (unsigned long)r.err, hpdf_name(r.err), (unsigned long)r.detail);
	else
		rc = pm_diag_add(d, PM_ERROR, PM_ERR_RENDER, NULL, 0, 0, "libharu could not create a font");
undo:
	pm_buf_truncate(out, mark);
	out->overflow = overflow;
	free(toc);
	free_all(&r);
	return rc;
}
