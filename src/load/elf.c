/* SPDX-License-Identifier: MIT
** elf.c: the ELF header, the program headers and the dynamic section of a
** host file, read with every offset checked against the file's length (the
** layout is the System V ABI's, as glibc's <elf.h> spells it). */
#define _DEFAULT_SOURCE
#include "load/elf.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct reader {
  const unsigned char *p;
  size_t len;
  int be, is64;
  arena *a;
  const char **why;
} reader;

static uint64_t get(const reader *r, size_t off, int size) {
  uint64_t v = 0;
  for (int i = 0; i < size; i++) {
    unsigned char b = r->p[off + (size_t)(r->be ? i : size - 1 - i)];
    v = (v << 8) | b;
  }
  return v;
}

/* A field of a structure at base: its 32-bit or 64-bit offset and size. */
#define FIELD(r, base, o32, s32, o64, s64) \
  get((r), (base) + ((r)->is64 ? (o64) : (o32)), (r)->is64 ? (s64) : (s32))

/* Does [off, off + size) lie in the file? Written so that nothing overflows. */
static int inside(const reader *r, uint64_t off, uint64_t size) {
  return off <= r->len && size <= r->len - off;
}

/* Says what is wrong (in the reader's arena) and gives ELF_BAD. */
#define BAD(r, ...) (*(r)->why = arena_printf((r)->a, __VA_ARGS__), ELF_BAD)

/* The file offset of virtual address v: in the PT_LOAD segment that maps
** it. Returns 0 and sets *off, or -1. */
static int file_offset(const reader *r, uint64_t phoff, uint64_t phent, uint64_t phnum,
                       uint64_t v, uint64_t *off) {
  for (uint64_t i = 0; i < phnum; i++) {
    size_t ph = (size_t)(phoff + i * phent);
    if (get(r, ph, 4) != PT_LOAD) continue;
    uint64_t o = FIELD(r, ph, 4, 4, 8, 8), va = FIELD(r, ph, 8, 4, 16, 8);
    uint64_t sz = FIELD(r, ph, 16, 4, 32, 8);
    if (v >= va && v - va < sz) {
      *off = o + (v - va);
      return 0;
    }
  }
  return -1;
}

/* The string at index i of the string table [str, str + size). */
static const char *string_at(const reader *r, uint64_t str, uint64_t size, uint64_t i) {
  if (i >= size) return NULL;
  const unsigned char *s = r->p + str + i;
  const unsigned char *nul = memchr(s, '\0', (size_t)(size - i));
  return nul ? arena_strndup(r->a, (const char *)s, (size_t)(nul - s)) : NULL;
}

typedef struct dynamic {
  uint64_t off, n, ent;       /* the entries */
  uint64_t strtab, strsz;     /* DT_STRTAB (an address), DT_STRSZ */
  int has_strtab, has_strsz;
  size_t nneeded;
} dynamic;

/* First pass over the dynamic section: the string table and how many
** libraries are needed. */
static void scan_dynamic(const reader *r, dynamic *d) {
  for (uint64_t i = 0; i < d->n; i++) {
    size_t e = (size_t)(d->off + i * d->ent);
    uint64_t tag = FIELD(r, e, 0, 4, 0, 8), val = FIELD(r, e, 4, 4, 8, 8);
    if (tag == DT_NULL) break;
    if (tag == DT_NEEDED) d->nneeded++;
    if (tag == DT_STRTAB) d->strtab = val, d->has_strtab = 1;
    if (tag == DT_STRSZ) d->strsz = val, d->has_strsz = 1;
  }
}

/* The names of the dynamic section: DT_NEEDED and DT_SONAME. */
static elf_status read_names(const reader *r, const dynamic *d, uint64_t str, uint64_t strsz,
                             elf_info *out) {
  out->needed = arena_alloc(r->a, (d->nneeded + 1) * sizeof *out->needed);
  for (uint64_t i = 0; i < d->n; i++) {
    size_t e = (size_t)(d->off + i * d->ent);
    uint64_t tag = FIELD(r, e, 0, 4, 0, 8), val = FIELD(r, e, 4, 4, 8, 8);
    if (tag == DT_NULL) break;
    if (tag != DT_NEEDED && tag != DT_SONAME) continue;
    const char *s = string_at(r, str, strsz, val);
    if (s == NULL)
      return BAD(r, "the name at offset %llu of its string table (%llu bytes) is not a "
                 "string of it", (unsigned long long)val, (unsigned long long)strsz);
    if (tag == DT_SONAME) out->soname = s;
    else out->needed[out->nneeded++] = s;
  }
  return ELF_OK;
}

/* The dynamic section of the segment at ph, and the names in it. */
static elf_status read_dynamic(const reader *r, size_t ph, uint64_t phoff, uint64_t phent,
                               uint64_t phnum, elf_info *out) {
  dynamic d = { 0 };
  d.off = FIELD(r, ph, 4, 4, 8, 8);
  uint64_t size = FIELD(r, ph, 16, 4, 32, 8);
  d.ent = r->is64 ? 16 : 8;
  if (!inside(r, d.off, size))
    return BAD(r, "its dynamic section (%llu bytes at offset %llu) runs past the end of the "
               "file (%zu bytes)", (unsigned long long)size, (unsigned long long)d.off, r->len);
  d.n = size / d.ent;
  scan_dynamic(r, &d);
  if (d.nneeded == 0 && !d.has_strtab) return ELF_OK;
  uint64_t str;
  if (!d.has_strtab || file_offset(r, phoff, phent, phnum, d.strtab, &str) != 0 ||
      str > r->len)
    return BAD(r, "its string table (address 0x%llx) is not in a segment of the file",
               (unsigned long long)d.strtab);
  uint64_t strsz = r->len - str;
  if (d.has_strsz && d.strsz < strsz) strsz = d.strsz;
  return read_names(r, &d, str, strsz, out);
}

/* The ELF header: class, byte order, machine, where the program headers
** are. */
static elf_status read_header(reader *r, elf_info *out, uint64_t *phoff, uint64_t *phent,
                              uint64_t *phnum) {
  if (r->len < EI_NIDENT)
    return BAD(r, "it ends inside its identification (%zu of %d bytes)", r->len, EI_NIDENT);
  int cls = r->p[EI_CLASS], data = r->p[EI_DATA];
  if (cls != ELFCLASS32 && cls != ELFCLASS64)
    return BAD(r, "its class is %d, neither 32-bit (1) nor 64-bit (2)", cls);
  if (data != ELFDATA2LSB && data != ELFDATA2MSB)
    return BAD(r, "its byte order is %d, neither little (1) nor big endian (2)", data);
  r->is64 = cls == ELFCLASS64;
  r->be = data == ELFDATA2MSB;
  size_t ehsize = r->is64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr);
  if (r->len < ehsize)
    return BAD(r, "it ends inside its header (%zu of %zu bytes)", r->len, ehsize);
  out->bits = r->is64 ? 64 : 32;
  out->big_endian = r->be;
  out->machine = (unsigned)get(r, 18, 2);
  *phoff = FIELD(r, 0, 28, 4, 32, 8);
  *phent = FIELD(r, 0, 42, 2, 54, 2);
  *phnum = FIELD(r, 0, 44, 2, 56, 2);
  uint64_t need = r->is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr);
  if (*phnum == 0) return ELF_OK;
  if (*phent < need)
    return BAD(r, "its program headers are %llu bytes each, less than %llu",
               (unsigned long long)*phent, (unsigned long long)need);
  if (!inside(r, *phoff, *phent * *phnum))
    return BAD(r, "its program headers (%llu bytes at offset %llu) run past the end of the "
               "file (%zu bytes)", (unsigned long long)(*phent * *phnum),
               (unsigned long long)*phoff, r->len);
  return ELF_OK;
}

elf_status elf_read(const unsigned char *buf, size_t len, arena *a, elf_info *out,
                    const char **why) {
  memset(out, 0, sizeof *out);
  *why = NULL;
  if (len < SELFMAG || memcmp(buf, ELFMAG, SELFMAG) != 0) return ELF_NOT;
  reader r = { buf, len, 0, 0, a, why };
  uint64_t phoff, phent, phnum;
  elf_status st = read_header(&r, out, &phoff, &phent, &phnum);
  if (st != ELF_OK) return st;
  for (uint64_t i = 0; i < phnum; i++) {
    size_t ph = (size_t)(phoff + i * phent);
    if (get(&r, ph, 4) == PT_DYNAMIC) return read_dynamic(&r, ph, phoff, phent, phnum, out);
  }
  return ELF_OK;
}

#define SMALL_FILE (64 * 1024)

elf_status elf_read_file(const char *path, arena *a, elf_info *out, const char **why) {
  memset(out, 0, sizeof *out);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  struct stat st;
  if (fd < 0 || fstat(fd, &st) != 0) {
    *why = arena_printf(a, "cannot read it: %s", strerror(errno));
    if (fd >= 0) close(fd);
    return ELF_BAD;
  }
  size_t len = (size_t)st.st_size;
  if (!S_ISREG(st.st_mode) || len == 0) {
    close(fd);
    *why = NULL;
    return ELF_NOT;
  }
  /* A small file is read in one call: cheaper than mapping it, which costs
  ** two calls and a page fault per page touched. */
  if (len <= SMALL_FILE) {
    unsigned char *buf = malloc(len);
    if (buf == NULL) die_oom();
    ssize_t got = pread(fd, buf, len, 0);
    int err = errno;
    close(fd);
    elf_status s = ELF_BAD;
    if (got != (ssize_t)len)
      *why = arena_printf(a, "cannot read it: %s", got < 0 ? strerror(err) : "it is changing");
    else
      s = elf_read(buf, len, a, out, why);
    free(buf);
    return s;
  }
  void *map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (map == MAP_FAILED) {
    *why = arena_printf(a, "cannot map it: %s", strerror(errno));
    return ELF_BAD;
  }
  elf_status s = elf_read(map, len, a, out, why);
  munmap(map, len);
  return s;
}
