/* SPDX-License-Identifier: MIT
** pass.c: reading a pass-through's loc and intr (pass.h). */
#include "core/pass.h"

#include <stdlib.h>
#include <string.h>

#include "base/model.h"

static int is_attr(char c) { return c && strchr("+-rwxcemdnst", c) != NULL; }

/* The attribute letters from p up to '=' or the end, into l->attrs. */
static const char *attrs(const char *p, pass_loc *l) {
  size_t n = 0;
  while (is_attr(*p)) {
    if (n + 1 < sizeof l->attrs) l->attrs[n++] = *p;
    p++;
  }
  l->attrs[n] = '\0';
  return p;
}

int pass_loc_read(const char *loc, pass_loc *l) {
  memset(l, 0, sizeof *l);
  if (loc == NULL) return 0;
  const char *p = loc;
  if (strncmp(p, "pci:", 4) == 0) {
    l->kind = PASS_PCI;
    return 0;
  }
  if (strncmp(p, "io:", 3) == 0) l->kind = PASS_IO, p += 3;
  else if (strncmp(p, "mem:", 4) == 0) p += 4;
  if ((p = mkb_size_text(p, &l->addr)) == NULL) return 0;
  l->host = l->addr;
  if (*p == ',' && p[1] >= '0' && p[1] <= '9' && (p = mkb_size_text(p + 1, &l->len)) == NULL) return 0;
  if (*p == ',') p++;
  p = attrs(p, l);
  if (*p == ',') p++;
  if (*p == '=') {
    if ((p = mkb_size_text(p + 1, &l->host)) == NULL) return 0;
    l->has_host = 1;
  }
  return *p == '\0';
}

int pass_loc_attr(const pass_loc *l, char c) {
  int add = 1, have = 0;
  for (const char *p = l->attrs; *p; p++) {
    if (*p == '+' || *p == '-') add = *p == '+';
    else if (*p == c || (*p == 'm' && strchr("rwxcstnm", c))) have = add;
  }
  return have;
}

int pass_loc_wrote(const pass_loc *l, char c) { return strchr(l->attrs, c) != NULL; }

int pass_intr_vector(const char *intr, long long *vec) {
  const char *eq = intr ? strchr(intr, '=') : NULL;
  if (eq == NULL || eq[1] < '0' || eq[1] > '9') return 0;
  *vec = strtoll(eq + 1, NULL, 0);
  return 1;
}

int pass_device_vector(const char *intr, long long *vec) {
  if (pass_intr_vector(intr, vec)) return 1;
  const char *colon = intr ? strchr(intr, ':') : NULL;
  if (colon == NULL || colon[1] < '0' || colon[1] > '9') return 0;
  *vec = strtoll(colon + 1, NULL, 0);
  return 1;
}
