/* SPDX-License-Identifier: MIT
** fuzz_qvmconf.c: libFuzzer target of the qvm configuration parser
** (src/formats/parse_qvmconf.h). The input is a .qvmconf. parse_qvmconf must never
** crash, read out of bounds or leak; the model it returns is walked, its
** architecture asked for (qvmconf_arch) and its diagnostics formatted. Each
** input gets its own arena and diagnostics.
**
** The schema comes from the session of fuzz_session.h. */
#include "fuzz_common.h"
#include "fuzz_session.h"
#include "formats/parse_qvmconf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const mkb_schema *s = fuzz_session("fuzz_qvmconf")->schema;
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
