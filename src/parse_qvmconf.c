#include "parse_qvmconf.h"
mkb_node *parse_qvmconf(const char *display, const char *src, size_t len, const mkb_schema *s, arena *a, diag_list *d) {
  (void)src; (void)len; (void)a; (void)s;
  diag_add(d, DIAG_ERROR, display, 0, 0, "the qvmconf parser is not written yet");
  return NULL;
}
const char *qvmconf_arch(const mkb_node *guest, const mkb_schema *s) { (void)guest; (void)s; return NULL; }
