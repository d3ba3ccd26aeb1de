/* json.h — writing JSON strings into a pm_buf (escaping per RFC 8259). */
#ifndef PM_JSON_H
#define PM_JSON_H
#include "premarket/buf.h"
/** Append s as a JSON string literal (quotes included); NULL writes null. */
void pm_json_str(pm_buf *b, const char *s);
#endif
