/* SPDX-License-Identifier: MIT
** fuzz_common.h: what the fuzz targets share. The input is copied to a heap
** buffer of exactly `size` bytes, not NUL-terminated, so that AddressSanitizer
** (or valgrind, under the replay driver) catches any read past its end; a
** parsed model is walked so that every string and pointer in it is touched;
** the diagnostics are formatted (into /dev/null) so that their messages are
** too. */
#ifndef MKB_FUZZ_COMMON_H
#define MKB_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A heap copy of the input, exactly size bytes (malloc(0) is a valid
** zero-byte block for both glibc and ASan). */
static inline char *fuzz_copy(const uint8_t *data, size_t size) {
  static const uint8_t none[1];
  char *buf = malloc(size);
  if (buf == NULL) abort();
  memcpy(buf, data != NULL ? data : none, size);
  return buf;
}

static volatile size_t fuzz_sink;

static inline void fuzz_touch_str(const char *s) {
  if (s != NULL) fuzz_sink += strlen(s);
}

/* Touches a definition's own strings (not its children: a node's origin
** may be a whole table, and walking it from every node would be quadratic). */
static inline void fuzz_touch_def(const mkb_def *d) {
  if (d == NULL) return;
  fuzz_touch_str(d->src.file);
  fuzz_touch_str(d->src.recipe);
  fuzz_sink += (size_t)d->src.line + (size_t)d->src.col + (size_t)d->kind + (size_t)d->op;
  if (d->kind == V_STR) fuzz_touch_str(d->s);
  for (size_t i = 0; i < d->nkeys; i++) fuzz_touch_str(d->keys[i]);
}

/* Touches every string, origin and child of a parsed model. */
static inline void fuzz_walk_node(const mkb_node *n, int depth) {
  if (n == NULL || depth > 1000) return;
  fuzz_sink += (size_t)n->kind;
  if (n->kind == V_STR) fuzz_touch_str(n->s);
  fuzz_touch_str(n->why);
  fuzz_touch_def(n->origin);
  for (size_t i = 0; i < n->nitems; i++) fuzz_walk_node(n->items[i], depth + 1);
  for (size_t i = 0; i < n->nkeys; i++) {
    fuzz_touch_str(n->keys[i]);
    fuzz_walk_node(n->vals[i], depth + 1);
  }
  for (size_t i = 0; i < n->nhist; i++) fuzz_touch_def(n->hist[i].def);
  for (size_t i = 0; i < n->ndeleted; i++) fuzz_touch_str(n->deleted_keys[i]);
}

/* Formats every diagnostic (text and JSON) into /dev/null. */
static inline void fuzz_print_diags(const diag_list *d) {
  static FILE *null_out;
  if (null_out == NULL) null_out = fopen("/dev/null", "w");
  if (null_out == NULL) return;
  diag_print(d, null_out, 0);
  diag_print_json(d, null_out);
  fflush(null_out);
}

#endif
