/* pdf_diagram.h — a laid-out diagram (gen/diagram.h) drawn on a PDF page as
 * vector graphics, for the PDF renderer (gen/render_pdf.c). */
#ifndef PM_PDF_DIAGRAM_H
#define PM_PDF_DIAGRAM_H

#include "diagram.h"
#include "pdf_text.h"

/**
 * Draw dg on page with its top left corner at (x, top) in PDF points (y
 * up), scaled by s: paths with MoveTo/LineTo/CurveTo and fill/stroke, text
 * in the embedded faces of fonts (characters they cannot show are replaced
 * and reported as pt_add() does).  scratch and tmp are work space.  Leaves
 * the page's graphics state as it found it (q ... Q).
 */
void pdf_draw_diagram(HPDF_Page page, pt_fonts *fonts, pt_pool *scratch, pm_buf *tmp, const pm_diagram *dg, double x,
                      double top, double s);

#endif
