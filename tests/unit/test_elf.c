/* SPDX-License-Identifier: MIT
** test_elf.c: the ELF reader (src/load/elf.h) on ELF files built here, byte
** by byte: both classes and byte orders, with and without a dynamic
** section, and each way a file can be malformed, with the exact reason. */
#define _DEFAULT_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "load/elf.h"
#include "unit.h"

/* ---- a small ELF writer -------------------------------------------------- */

typedef struct image {
  unsigned char b[512];
  size_t len;
  int be, is64;
} image;

static void put(image *im, size_t off, uint64_t v, int size) {
  for (int i = 0; i < size; i++) {
    int shift = 8 * (im->be ? size - 1 - i : i);
    im->b[off + (size_t)i] = (unsigned char)(v >> shift);
  }
}

/* Offsets of the parts, as elf_make lays them out. */
#define EHSIZE(im) ((im)->is64 ? 64u : 52u)
#define PHENT(im) ((im)->is64 ? 56u : 32u)
#define DYNENT(im) ((im)->is64 ? 16u : 8u)
#define DYNOFF(im) (EHSIZE(im) + 2 * PHENT(im))
#define STROFF(im) (DYNOFF(im) + 5 * DYNENT(im))
#define BASE 0x10000u

static const char STRTAB[] = "\0libfoo.so.1\0libbar.so.2";  /* 25 bytes with the last NUL */

static void phdr(image *im, size_t at, unsigned type, uint64_t off, uint64_t va, uint64_t sz) {
  put(im, at, type, 4);
  if (im->is64) {
    put(im, at + 8, off, 8), put(im, at + 16, va, 8), put(im, at + 32, sz, 8);
  } else {
    put(im, at + 4, off, 4), put(im, at + 8, va, 4), put(im, at + 16, sz, 4);
  }
}

/* An ELF file of that class, byte order and machine; with dyn, a PT_LOAD
** over the whole file and a PT_DYNAMIC needing libfoo.so.1, whose soname
** is libbar.so.2. */
static image elf_make(int bits, int be, unsigned machine, int dyn) {
  image im;
  memset(&im, 0, sizeof im);
  im.be = be;
  im.is64 = bits == 64;
  memcpy(im.b, "\177ELF", 4);
  im.b[4] = im.is64 ? 2 : 1;
  im.b[5] = be ? 2 : 1;
  im.b[6] = 1;
  put(&im, 16, dyn ? 3 : 2, 2);
  put(&im, 18, machine, 2);
  put(&im, im.is64 ? 32 : 28, dyn ? EHSIZE(&im) : 0, im.is64 ? 8 : 4);
  put(&im, im.is64 ? 54 : 42, PHENT(&im), 2);
  put(&im, im.is64 ? 56 : 44, dyn ? 2 : 0, 2);
  im.len = EHSIZE(&im);
  if (!dyn) return im;
  size_t total = STROFF(&im) + sizeof STRTAB;
  phdr(&im, EHSIZE(&im), 1, 0, BASE, total);
  phdr(&im, EHSIZE(&im) + PHENT(&im), 2, DYNOFF(&im), BASE + DYNOFF(&im), 5 * DYNENT(&im));
  const uint64_t tags[5][2] = { { 1, 1 }, { 14, 13 }, { 5, BASE + STROFF(&im) },
                                { 10, sizeof STRTAB }, { 0, 0 } };
  for (size_t i = 0; i < 5; i++) {
    size_t at = DYNOFF(&im) + i * DYNENT(&im);
    put(&im, at, tags[i][0], im.is64 ? 8 : 4);
    put(&im, at + DYNENT(&im) / 2, tags[i][1], im.is64 ? 8 : 4);
  }
  memcpy(im.b + STROFF(&im), STRTAB, sizeof STRTAB);
  im.len = total;
  return im;
}

/* ---- the checks ------------------------------------------------------------ */

static arena A;

/* elf_read's status, and "why" or the names it read. */
static const char *read_im(const unsigned char *b, size_t len, elf_status *st, elf_info *e) {
  const char *why;
  /* a heap copy of exactly len bytes: a read past it is caught by valgrind */
  unsigned char *copy = malloc(len ? len : 1);
  if (copy == NULL) abort();
  memcpy(copy, b, len);
  *st = elf_read(copy, len, &A, e, &why);
  free(copy);
  if (*st == ELF_BAD) return why;
  if (*st == ELF_NOT) return "not ELF";
  strbuf s;
  sb_init(&s);
  sb_printf(&s, "%d-bit %s machine %u soname %s needs", e->bits, e->big_endian ? "BE" : "LE",
            e->machine, e->soname ? e->soname : "-");
  for (size_t i = 0; i < e->nneeded; i++) sb_printf(&s, " %s", e->needed[i]);
  const char *out = arena_strdup(&A, s.s);
  sb_free(&s);
  return out;
}

static const char *read_cut(const image *im, size_t len, elf_status *st) {
  elf_info e;
  return read_im(im->b, len, st, &e);
}

static void test_good(void) {
  elf_status st;
  image im = elf_make(64, 0, 62, 1);
  CHECK_STR(read_cut(&im, im.len, &st),
            "64-bit LE machine 62 soname libbar.so.2 needs libfoo.so.1");
  CHECK_INT(st, ELF_OK);
  im = elf_make(32, 1, 20, 1);
  CHECK_STR(read_cut(&im, im.len, &st),
            "32-bit BE machine 20 soname libbar.so.2 needs libfoo.so.1");
  im = elf_make(64, 1, 183, 1);
  CHECK_STR(read_cut(&im, im.len, &st),
            "64-bit BE machine 183 soname libbar.so.2 needs libfoo.so.1");
  im = elf_make(32, 0, 40, 0);
  CHECK_STR(read_cut(&im, im.len, &st), "32-bit LE machine 40 soname - needs");
  CHECK_INT(st, ELF_OK);
}

static void test_not_elf(void) {
  elf_status st;
  elf_info e;
  CHECK_STR(read_im((const unsigned char *)"#!/bin/sh\n", 10, &st, &e), "not ELF");
  CHECK_INT(st, ELF_NOT);
  CHECK_STR(read_im((const unsigned char *)"\177EL", 3, &st, &e), "not ELF");
  CHECK_STR(read_im((const unsigned char *)"", 0, &st, &e), "not ELF");
}

static void test_malformed(void) {
  elf_status st;
  image im = elf_make(64, 0, 62, 1);
  CHECK_STR(read_cut(&im, 4, &st), "it ends inside its identification (4 of 16 bytes)");
  CHECK_INT(st, ELF_BAD);
  CHECK_STR(read_cut(&im, 60, &st), "it ends inside its header (60 of 64 bytes)");
  CHECK_STR(read_cut(&im, 100, &st), "its program headers (112 bytes at offset 64) run past the "
            "end of the file (100 bytes)");
  CHECK_STR(read_cut(&im, DYNOFF(&im) + 20, &st), "its dynamic section (80 bytes at offset "
            "176) runs past the end of the file (196 bytes)");
  /* cut inside the soname: the name runs to the end of the file */
  CHECK_STR(read_cut(&im, im.len - 3, &st), "the name at offset 13 of its string table (22 "
            "bytes) is not a string of it");
  image c = im;
  c.b[4] = 3;
  CHECK_STR(read_cut(&c, c.len, &st), "its class is 3, neither 32-bit (1) nor 64-bit (2)");
  c = im;
  c.b[5] = 0;
  CHECK_STR(read_cut(&c, c.len, &st), "its byte order is 0, neither little (1) nor big endian (2)");
  c = im;
  put(&c, 54, 20, 2);  /* e_phentsize */
  CHECK_STR(read_cut(&c, c.len, &st), "its program headers are 20 bytes each, less than 56");
  c = im;
  put(&c, DYNOFF(&c) + 2 * DYNENT(&c) + 8, 0x900000, 8);  /* DT_STRTAB outside PT_LOAD */
  CHECK_STR(read_cut(&c, c.len, &st), "its string table (address 0x900000) is not in a "
            "segment of the file");
  c = im;
  put(&c, DYNOFF(&c) + 8, 999, 8);  /* DT_NEEDED past the string table */
  CHECK_STR(read_cut(&c, c.len, &st), "the name at offset 999 of its string table (25 bytes) "
            "is not a string of it");
  c = im;
  put(&c, 32, UINT64_MAX - 8, 8);  /* e_phoff: offset + size would overflow */
  CHECK_STR(read_cut(&c, c.len, &st), "its program headers (112 bytes at offset "
            "18446744073709551607) run past the end of the file (281 bytes)");
}

/* Writes the image, padded with zeros to size bytes, to a new file. */
static const char *write_padded(const image *im, size_t size) {
  char *path = arena_strdup(&A, "/tmp/mkb-test-elf-XXXXXX");
  int fd = mkstemp(path);
  if (fd < 0) return NULL;
  FILE *f = fdopen(fd, "wb");
  fwrite(im->b, 1, im->len, f);
  for (size_t i = im->len; i < size; i++) fputc(0, f);
  fclose(f);
  return path;
}

static void test_file(void) {
  elf_info e;
  const char *why;
  CHECK_INT(elf_read_file("/nonexistent/x", &A, &e, &why), ELF_BAD);
  CHECK_STR(why, "cannot read it: No such file or directory");
  CHECK_INT(elf_read_file(".", &A, &e, &why), ELF_NOT);
  /* a small file is read at once, a large one mapped: the same answer */
  image im = elf_make(32, 1, 20, 1);
  const size_t sizes[2] = { im.len, 200 * 1024 };
  for (int i = 0; i < 2; i++) {
    const char *path = write_padded(&im, sizes[i]);
    CHECK(path != NULL);
    if (path == NULL) continue;
    CHECK_INT(elf_read_file(path, &A, &e, &why), ELF_OK);
    CHECK_INT(e.nneeded, 1);
    CHECK_STR(e.nneeded ? e.needed[0] : "", "libfoo.so.1");
    CHECK_STR(e.soname, "libbar.so.2");
    remove(path);
  }
}

int main(void) {
  arena_init(&A);
  test_good();
  test_not_elf();
  test_malformed();
  test_file();
  arena_free(&A);
  return unit_report();
}
