/* SPDX-License-Identifier: MIT
** fuzz_elf.c: libFuzzer target of the ELF reader (src/load/elf.h). The
** input is any file a sysroot may hold. elf_read must never crash, read
** outside the input or loop without bound; what it returns is touched: the
** names of an ELF file, or the reason a malformed one is refused. Each
** input gets its own arena. */
#include "fuzz_common.h"
#include "load/elf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  unsigned char *buf = (unsigned char *)fuzz_copy(data, size);
  arena a;
  arena_init(&a);
  elf_info e;
  const char *why = NULL;
  elf_status st = elf_read(buf, size, &a, &e, &why);
  if (st == ELF_OK) {
    fuzz_touch_str(e.soname);
    for (size_t i = 0; i < e.nneeded; i++) fuzz_touch_str(e.needed[i]);
    fuzz_sink += (size_t)e.machine + (size_t)e.bits + (size_t)e.big_endian;
  } else if (st == ELF_BAD) {
    if (why == NULL) abort();  /* a refusal always says why */
    fuzz_touch_str(why);
  }
  arena_free(&a);
  free(buf);
  return 0;
}
