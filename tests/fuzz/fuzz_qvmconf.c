/* SPDX-License-Identifier: MIT
** fuzz_qvmconf.c: libFuzzer target of the qvm configuration parser
** (src/formats/parse_qvmconf.h). The input is a .qvmconf. parse_qvmconf must never
** crash, read out of bounds or leak; the model it returns is walked, its
** architecture asked for (qvmconf_arch) and its diagnostics formatted. Each
** input gets its own arena and diagnostics.
**
** The schema comes from a session opened once, on the first input, on the
** project root: $MKB_ROOT, else the MKB_FUZZ_ROOT the build defines (the
** source tree). It is closed at exit, so that a leak checker sees only what
** an input leaked. */
#include "fuzz_common.h"
#include "core/session.h"
#include "formats/parse_qvmconf.h"

#ifndef MKB_FUZZ_ROOT
#define MKB_FUZZ_ROOT "."
#endif

static mkb_session session;
static int session_state; /* 0 not opened, 1 open */

static void close_session(void) {
  if (session_state == 1) session_close(&session);
  session_state = 0;
}

static const mkb_schema *fuzz_schema(void) {
  if (session_state == 0) {
    const char *root = getenv("MKB_ROOT");
    if (root == NULL || *root == '\0') root = MKB_FUZZ_ROOT;
    mkb_options o;
    memset(&o, 0, sizeof o);
    if (session_open(&session, root, &o) != 0 || session.schema == NULL) {
      diag_print(&session.diags, stderr, 0);
      fprintf(stderr, "fuzz_qvmconf: cannot load the schema from root '%s' "
              "(set MKB_ROOT to the project root)\n", root);
      session_close(&session);
      exit(2);
    }
    session_state = 1;
    atexit(close_session);
  }
  return session.schema;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const mkb_schema *s = fuzz_schema();
  char *src = fuzz_copy(data, size);
  arena a;
  diag_list d;
  arena_init(&a);
  diag_init(&d);
  mkb_node *m = parse_qvmconf("fuzz.qvmconf", src, size, s, &a, &d);
  fuzz_walk_node(m, 0);
  if (m != NULL) fuzz_touch_str(qvmconf_arch(m, s));
  fuzz_print_diags(&d);
  diag_free(&d);
  arena_free(&a);
  free(src);
  return 0;
}
