/* SPDX-License-Identifier: MIT
** fuzz_build.c: libFuzzer target of the mkifs buildfile parser
** (src/formats/parse_build.h). The input is a buildfile. parse_buildfile must never
** crash, read out of bounds or leak; the model it returns is walked and its
** diagnostics formatted. Each input gets its own arena and diagnostics. */
#include "fuzz_common.h"
#include "formats/parse_build.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *src = fuzz_copy(data, size);
  arena a;
  diag_list d;
  arena_init(&a);
  diag_init(&d);
  mkb_node *m = parse_buildfile("fuzz.build", src, size, &a, &d);
  fuzz_walk_node(m, 0);
  fuzz_print_diags(&d);
  diag_free(&d);
  arena_free(&a);
  free(src);
  return 0;
}
