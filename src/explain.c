#include "explain.h"
int explain_path(const mkb_system *sys, const char *path, FILE *out, diag_list *d) {
  (void)sys; (void)path; (void)out;
  diag_add(d, DIAG_ERROR, NULL, 0, 0, "explain: not written yet");
  return -1;
}
