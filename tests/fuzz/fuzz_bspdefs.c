/* SPDX-License-Identifier: MIT
** fuzz_bspdefs.c: libFuzzer target of the reader of QNX board definitions
** files (src/formats/bspdefs.h, src/formats/m4.h). The input is a
** definitions file. bspdefs_parse must never crash, read out of bounds,
** leak or run away (m4 that expands to itself stops with an error); when it
** reads, the recipe is written too. include() reads no file here. Each
** input gets fresh diagnostics, formatted.
**
** The schema comes from the session of fuzz_session.h. */
#include "fuzz_common.h"
#include "fuzz_session.h"
#include "formats/bspdefs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  mkb_session *s = fuzz_session("fuzz_bspdefs");
  char *src = fuzz_copy(data, size);
  diag_free(&s->diags);
  diag_init(&s->diags);
  bspdefs *d = bspdefs_parse(s, "fuzz.m4", src, size, NULL);
  if (d != NULL) {
    strbuf b;
    sb_init(&b);
    bspdefs_recipe(d, "fuzz", &b);
    fuzz_touch_str(b.s);
    sb_free(&b);
  }
  fuzz_print_diags(&s->diags);
  bspdefs_free(d);
  free(src);
  return 0;
}
