/* SPDX-License-Identifier: MIT
** util.c: arena allocation, growable strings and a string-keyed map. */
#include "base/util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arena_block {
  struct arena_block *next;
  size_t used, cap;
  max_align_t data[];
};

#define ARENA_BLOCK 65536

void die_oom(void) {
  fputs("mkbuildfile: error: out of memory\n", stderr);
  exit(1);
}

void arena_init(arena *a) { a->head = NULL; }

void arena_free(arena *a) {
  struct arena_block *b = a->head;
  while (b) {
    struct arena_block *next = b->next;
    free(b);
    b = next;
  }
  a->head = NULL;
}

void *arena_alloc(arena *a, size_t n) {
  const size_t align = sizeof(max_align_t);
  struct arena_block *b = a->head;
  n = (n + align - 1) / align * align;
  if (n == 0) n = align;
  if (b == NULL || b->cap - b->used < n) {
    /* Large requests get a block of their own so that the current block's
    ** free tail is not wasted. */
    size_t cap = n > ARENA_BLOCK / 4 ? n : ARENA_BLOCK;
    struct arena_block *nb = malloc(sizeof *nb + cap);
    if (nb == NULL) die_oom();
    nb->used = 0;
    nb->cap = cap;
    if (b != NULL && cap != ARENA_BLOCK) {
      nb->next = b->next;  /* keep the partly used block at the head */
      b->next = nb;
    } else {
      nb->next = b;
      a->head = nb;
    }
    b = nb;
  }
  void *p = (char *)b->data + b->used;
  b->used += n;
  memset(p, 0, n);
  return p;
}

char *arena_strndup(arena *a, const char *s, size_t n) {
  char *p = arena_alloc(a, n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *arena_strdup(arena *a, const char *s) {
  return arena_strndup(a, s, strlen(s));
}

char *arena_printf(arena *a, const char *fmt, ...) {
  strbuf b;
  va_list ap;
  sb_init(&b);
  va_start(ap, fmt);
  sb_vprintf(&b, fmt, ap);
  va_end(ap);
  char *p = arena_strndup(a, b.s, b.len);
  sb_free(&b);
  return p;
}

void sb_init(strbuf *b) {
  b->s = NULL;
  b->len = b->cap = 0;
}

void sb_free(strbuf *b) {
  free(b->s);
  sb_init(b);
}

static void sb_grow(strbuf *b, size_t extra) {
  if (b->len + extra + 1 <= b->cap) return;
  size_t cap = b->cap ? b->cap : 256;
  while (cap < b->len + extra + 1) cap *= 2;
  char *s = realloc(b->s, cap);
  if (s == NULL) die_oom();
  b->s = s;
  b->cap = cap;
}

void sb_addn(strbuf *b, const char *s, size_t n) {
  sb_grow(b, n);
  memcpy(b->s + b->len, s, n);
  b->len += n;
  b->s[b->len] = '\0';
}

void sb_adds(strbuf *b, const char *s) { sb_addn(b, s, strlen(s)); }

void sb_addc(strbuf *b, char c) { sb_addn(b, &c, 1); }

void sb_vprintf(strbuf *b, const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap2);
  va_end(ap2);
  if (n < 0) return;
  sb_grow(b, (size_t)n);
  vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
  b->len += (size_t)n;
}

void sb_printf(strbuf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  sb_vprintf(b, fmt, ap);
  va_end(ap);
}

void sb_clear(strbuf *b) {
  b->len = 0;
  if (b->s) b->s[0] = '\0';
}

const char *ctl_escape(unsigned char ch, char buf[5]) {
  if (ch == '\n') return "\\n";
  if (ch == '\r') return "\\r";
  if (ch == '\t') return "\\t";
  if (ch >= 0x20 && ch != 0x7f) return NULL;
  snprintf(buf, 5, "\\x%02x", ch);
  return buf;
}

void sb_add_escaped(strbuf *b, const char *s) {
  char buf[5];
  for (; *s; s++) {
    const char *e = ctl_escape((unsigned char)*s, buf);
    if (e) sb_adds(b, e);
    else sb_addc(b, *s);
  }
}

void ptrvec_push(arena *a, ptrvec *p, void *x) {
  if (p->n == p->cap) {
    size_t cap = p->cap ? p->cap * 2 : 8;
    void **v = arena_alloc(a, cap * sizeof *v);
    if (p->n) memcpy(v, p->v, p->n * sizeof *v);
    p->v = v;
    p->cap = cap;
  }
  p->v[p->n++] = x;
}

static uint64_t hash_str(const char *s) {
  uint64_t h = 1469598103934665603ULL;  /* FNV-1a */
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
  return h;
}

void strmap_init(strmap *m) {
  m->keys = NULL;
  m->vals = NULL;
  m->n = m->cap = 0;
}

void strmap_free(strmap *m) {
  free(m->keys);
  free(m->vals);
  strmap_init(m);
}

static size_t strmap_slot(const strmap *m, const char *key) {
  size_t i = (size_t)hash_str(key) & (m->cap - 1);
  while (m->keys[i] != NULL && strcmp(m->keys[i], key) != 0)
    i = (i + 1) & (m->cap - 1);
  return i;
}

void *strmap_get(const strmap *m, const char *key) {
  if (m->cap == 0) return NULL;
  size_t i = strmap_slot(m, key);
  return m->keys[i] ? m->vals[i] : NULL;
}

void strmap_put(strmap *m, const char *key, void *val) {
  if ((m->n + 1) * 2 > m->cap) {
    strmap old = *m;
    m->cap = old.cap ? old.cap * 2 : 64;
    m->keys = calloc(m->cap, sizeof *m->keys);
    m->vals = calloc(m->cap, sizeof *m->vals);
    if (m->keys == NULL || m->vals == NULL) die_oom();
    m->n = 0;
    for (size_t i = 0; i < old.cap; i++)
      if (old.keys[i]) strmap_put(m, old.keys[i], old.vals[i]);
    free(old.keys);
    free(old.vals);
  }
  size_t i = strmap_slot(m, key);
  if (m->keys[i] == NULL) {
    m->keys[i] = key;
    m->n++;
  }
  m->vals[i] = val;
}

int edit_distance(const char *a, const char *b, int max) {
  size_t la = strlen(a), lb = strlen(b);
  if (la > 64 || lb > 64) return max + 1;
  int d[66][66];
  for (size_t i = 0; i <= la; i++) d[i][0] = (int)i;
  for (size_t j = 0; j <= lb; j++) d[0][j] = (int)j;
  for (size_t i = 1; i <= la; i++) {
    for (size_t j = 1; j <= lb; j++) {
      int cost = a[i - 1] != b[j - 1];
      int v = d[i - 1][j] + 1;
      if (d[i][j - 1] + 1 < v) v = d[i][j - 1] + 1;
      if (d[i - 1][j - 1] + cost < v) v = d[i - 1][j - 1] + cost;
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
          d[i - 2][j - 2] + 1 < v)
        v = d[i - 2][j - 2] + 1;
      d[i][j] = v;
    }
  }
  return d[la][lb] > max ? max + 1 : d[la][lb];
}

const char *mkb_nearest(const char *word, const char *const *cands, size_t n, int *dist) {
  int limit = strlen(word) <= 3 ? 1 : 2;
  const char *best = NULL;
  int bestd = limit + 1;
  for (size_t i = 0; i < n; i++) {
    int k = edit_distance(word, cands[i], bestd - 1);
    if (k < bestd) {
      bestd = k;
      best = cands[i];
    }
  }
  if (dist && best) *dist = bestd;
  return best;
}
