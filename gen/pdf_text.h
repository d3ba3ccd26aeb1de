/* pdf_text.h — text for the PDF renderer (gen/render_pdf.c): the embedded
 * TrueType faces, which characters each can show (read from the font's own
 * cmap), per-character widths, font fallback, and greedy line breaking of
 * styled text.  Internal to the library; see docs/pdf.md.
 *
 * Text goes into a pt_pool as fragments: a fragment is a run of characters
 * drawn in one face with one set of style flags, or one break opportunity
 * (a space).  A "flow" is a range of fragments (a paragraph, a table cell);
 * pt_wrap() breaks a flow into lines at a given font size and width.  Widths
 * are kept in font units (1/1000 em) so a flow measured once can be laid out
 * at any size.  Every character is checked when it is added: invalid UTF-8,
 * control characters and characters no face can show are replaced (by U+FFFD
 * when the regular face has it, else '?') and reported once each as a
 * warning, so what reaches libharu is always drawable. */
#ifndef PM_PDF_TEXT_H
#define PM_PDF_TEXT_H

#include <hpdf.h>
#include <stddef.h>
#include <stdint.h>

#include "premarket/buf.h"
#include "premarket/diag.h"

/** The faces: the first five are the TrueType files of the font folder
 *  (DejaVu); PT_CJK is the Chinese/Japanese/Korean face (the first font of
 *  a TrueType collection or a TrueType file), the last fallback of every
 *  face and also the "bold" of CJK text.  It is opened only when a
 *  character no DejaVu face has is met, and is optional: without it such
 *  characters are replaced and reported, as any other missing glyph. */
enum { PT_REGULAR, PT_BOLD, PT_ITALIC, PT_BOLD_ITALIC, PT_MONO, PT_CJK, PT_NFACES };

/** The default CJK face: WenQuanYi Micro Hei (Debian fonts-wqy-microhei). */
#define PT_CJK_DEFAULT "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"

/** Fragment flags.  PT_SPACE and PT_BREAK are set here; the others are the
 *  caller's style bits, carried through unchanged (fragments with different
 *  flags are never merged). */
enum {
	PT_SPACE = 1u << 0,  /**< a break opportunity: spaces, or nothing (U+200B) */
	PT_BREAK = 1u << 1,  /**< a hard line break */
	PT_CODE = 1u << 2,   /**< code span: drawn on a tinted background */
	PT_STRIKE = 1u << 3, /**< struck through */
	PT_LINK = 1u << 4    /**< part of a link (link >= 0) */
};

typedef struct pt_face {
	char *path;             /* owned */
	unsigned char *covered; /* bitmap over the BMP: the cmap maps it to a glyph */
	uint16_t *width;        /* per BMP code point, 1/1000 em; UINT16_MAX = unknown */
	const char *name;       /* libharu's name of the loaded font (libharu owns it) */
	HPDF_Font font;         /* created on first use */
	unsigned char *data;    /* the font file (owned), for the composite glyphs */
	size_t len, glyf, glyf_len, loca;
	unsigned nglyphs;
	int long_loca;
	unsigned char *marked; /* bitmap over the glyphs: components already marked */
} pt_face;

/** Where the text being added comes from, for warnings: file may be NULL. */
typedef struct pt_where {
	const char *file;
	unsigned line, col;
} pt_where;

typedef struct pt_fonts {
	HPDF_Doc pdf;
	pt_face face[PT_NFACES];
	unsigned char *warned; /* bitmap over U+0000..U+10FFFF: already reported */
	int warned_utf8;       /* invalid UTF-8 already reported */
	pt_where where;        /* set by the caller before adding text */
	pm_diags *d;
	int cjk_state;        /* PT_CJK: 0 = not opened yet, 1 = open, -1 = unavailable */
	HPDF_Dict to_unicode; /* the /ToUnicode CMap every face shares */
	int failed;           /* a font could not be created: stop */
} pt_fonts;

typedef struct pt_frag {
	size_t off;     /* text in pool->text (UTF-8, exactly what is drawn) */
	uint32_t len;   /* bytes */
	uint32_t units; /* width, 1/1000 em */
	int32_t link;   /* caller's link index, -1 for none */
	uint8_t face;   /* the face that draws it (after fallback) */
	uint8_t flags;
} pt_frag;

typedef struct pt_line {
	size_t f0, f1;  /* fragments [f0, f1) of pool->lf */
	uint64_t units; /* natural width, 1/1000 em */
} pt_line;

typedef struct pt_pool {
	pm_buf text;
	pt_frag *frags;
	size_t nfrags, capfrags;
	pt_frag *lf; /* the fragments of the lines (words may be split) */
	size_t nlf, caplf;
	pt_line *lines;
	size_t nlines, caplines;
	size_t flow0;   /* first fragment of the current flow */
	size_t col;     /* characters since the flow's last line start (tabs) */
	int preserve;   /* current flow keeps every space (code blocks) */
	int last_space; /* the flow so far ends with a space (or is empty) */
	uint32_t prev;  /* the flow's last character (0: none, or a space) */
} pt_pool;

/**
 * Open the five faces of dir (DejaVuSans.ttf, DejaVuSans-Bold.ttf,
 * DejaVuSans-Oblique.ttf, DejaVuSans-BoldOblique.ttf, DejaVuSansMono.ttf):
 * read each cmap, and load each into pdf with embedding on.  cjk is the CJK
 * face's file (NULL = PT_CJK_DEFAULT), opened later, on first need.
 * Returns 0, or -1 with a PM_ERR_RENDER diagnostic naming the file; on
 * failure nothing is left to free.  Free with pt_fonts_free().
 */
int pt_fonts_open(pt_fonts *f, HPDF_Doc pdf, const char *dir, const char *cjk, pm_diags *d);
void pt_fonts_free(pt_fonts *f);

/** The libharu font of a face, created on first use (NULL on failure, with
 *  f->failed set). */
HPDF_Font pt_font(pt_fonts *f, int face);

/** Before saving: reduce each font's widths and CIDToGIDMap to the
 *  characters measured (which include every one drawn).  0, or -1. */
int pt_fonts_finish(pt_fonts *f);

/** Width of code point cp (which face can show) in 1/1000 em. */
unsigned pt_units(pt_fonts *f, int face, uint32_t cp);

/** Width of a UTF-8 string already checked by pt_add(), in 1/1000 em. */
uint64_t pt_str_units(pt_fonts *f, int face, const char *s, size_t n);

void pt_pool_init(pt_pool *p);
void pt_pool_free(pt_pool *p);
/** Forget all text, fragments and lines; keep the storage. */
void pt_pool_clear(pt_pool *p);

/** Start a flow: returns the index of its first fragment.  preserve keeps
 *  every space and tab (as four spaces) instead of collapsing runs. */
size_t pt_begin(pt_pool *p, int preserve);
/** Append UTF-8 text s[0..n) in face with the caller's flags and link. */
void pt_add(pt_fonts *f, pt_pool *p, const char *s, size_t n, int face, unsigned flags, int link);
/** Append a hard line break. */
void pt_add_break(pt_pool *p);

/** The widest unbreakable piece (long words count at most cap units) and the
 *  widest hard-broken line of fragments [f0, f1), in 1/1000 em. */
void pt_measure(const pt_pool *p, size_t f0, size_t f1, uint32_t cap, uint64_t *min_units, uint64_t *max_units);

/**
 * Break fragments [f0, f1) into lines no wider than width points at size
 * points: greedy, at spaces; a word wider than a line is split, preferably
 * after '/', '-', '_', '.', ':' ..., else between characters.  Appends the
 * lines to p->lines and returns the index of the first; *n gets how many
 * (at least 1, an empty flow gives one empty line).
 */
size_t pt_wrap(pt_fonts *f, pt_pool *p, size_t f0, size_t f1, double size, double width, size_t *n);

/** Decode the UTF-8 sequence at s[0..n) (already checked): returns its
 *  length and sets *cp. */
size_t pt_decode(const unsigned char *s, size_t n, uint32_t *cp);

/** The length of the well-formed UTF-8 sequence at s[0..n) (RFC 3629), with
 *  its code point in *cp, or 0 when it is not one. */
size_t pt_check(const unsigned char *s, size_t n, uint32_t *cp);

#endif
