/* json.c — JSON string escaping (RFC 8259 section 7). */
#include "json.h"

void pm_json_str(pm_buf *b, const char *s)
{
	if (!s) {
		pm_buf_puts(b, "null");
		return;
	}
	pm_buf_putc(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		switch (c) {
		case '"':
			pm_buf_puts(b, "\\\"");
			break;
		case '\\':
			pm_buf_puts(b, "\\\\");
			break;
		case '\n':
			pm_buf_puts(b, "\\n");
			break;
		case '\r':
			pm_buf_puts(b, "\\r");
			break;
		case '\t':
			pm_buf_puts(b, "\\t");
			break;
		default:
			if (c < 0x20)
				pm_buf_printf(b, "\\u%04x", c);
			else
				pm_buf_putc(b, c);
		}
	}
	pm_buf_putc(b, '"');
}
