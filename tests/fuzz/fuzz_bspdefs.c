/* SPDX-License-Identifier: MIT
** fuzz_bspdefs.c: libFuzzer target of the reader of QNX board definitions
** files (src/formats/bspdefs.h, src/formats/m4.h). The input is a
** definitions file. bspdefs_parse must never crash, read out of bounds,
** leak or run away (m4 that expands to itself stops with an error); when it
** reads, the recipe is written too. include() reads no file here. Each
** input gets fresh diagnostics, formatted.
**
** The schema comes from a session opened once, on the first input, on the
** project root: $MKB_ROOT, else the MKB_FUZZ_ROOT the build defines (the
** source tree). It is closed at exit, so that a leak checker sees only what
** an input leaked. */
#include "fuzz_common.h"
#include "core/session.h"
#include "formats/bspdefs.h"

#ifndef MKB_FUZZ_ROOT
#define MKB_FUZZ_ROOT "."
#endif

static mkb_session session;
static int session_state; /* 0 not opened, 1 open */

static void close_session(void) {
  if (session_state == 1) session_close(&session);
  session_state = 0;
}

static mkb_session *fuzz_session(void) {
  if (session_state == 0) {
    const char *root = getenv("MKB_ROOT");
    if (root == NULL || *root == '\0') root = MKB_FUZZ_ROOT;
    mkb_options o;
    memset(&o, 0, sizeof o);
    if (session_open(&session, root, &o) != 0 || session.schema == NULL) {
      diag_print(&session.diags, stderr, 0);
      fprintf(stderr, "fuzz_bspdefs: cannot load the schema from root '%s' "
              "(set MKB_ROOT to the project root)\n", root);
      session_close(&session);
      exit(2);
    }
    session_state = 1;
    atexit(close_session);
  }
  return &session;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  mkb_session *s = fuzz_session();
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
