/* SPDX-License-Identifier: MIT
** elf.h: what the closure check needs of an ELF file on the host: the
** machine it runs on, its byte order and class, its soname and the
** libraries it needs (DT_NEEDED). 32- and 64-bit, both byte orders. Any
** byte string is a valid input: a file that is not ELF says so, a
** malformed one says what is wrong with it; nothing is read outside the
** bytes given. */
#ifndef MKB_ELF_H
#define MKB_ELF_H

#include <stddef.h>

#include "base/util.h"

typedef struct elf_info {
  int bits;               /* 32 or 64 */
  int big_endian;
  unsigned machine;       /* e_machine */
  const char *soname;     /* DT_SONAME, or NULL */
  size_t nneeded;
  const char **needed;    /* DT_NEEDED, in file order */
} elf_info;

typedef enum { ELF_BAD = -1, ELF_NOT = 0, ELF_OK = 1 } elf_status;

/* Reads the ELF file held in buf[0..len). ELF_NOT when it does not start
** with the ELF magic; ELF_BAD with *why (allocated in a: "its program
** headers end at byte 4152, past the end of the file (4096 bytes)") when
** it is malformed; ELF_OK with *out filled, its strings copied into a. */
elf_status elf_read(const unsigned char *buf, size_t len, arena *a, elf_info *out,
                    const char **why);

/* The same for the file at path: read at once when small, else mapped, so
** that only the pages the headers and the dynamic section sit in are
** touched. A file that cannot be opened or read is ELF_BAD with the
** system's reason; anything but a regular file, or an empty one, is
** ELF_NOT. */
elf_status elf_read_file(const char *path, arena *a, elf_info *out, const char **why);

#endif
