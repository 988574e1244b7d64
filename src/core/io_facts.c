/* SPDX-License-Identifier: MIT
** io_facts.c: reading the schema's table 'io' (io_facts.h). */
#include "core/io_facts.h"

#include <string.h>

const mkb_def *io_get(const mkb_def *t, const char *key) {
  for (size_t i = 0; t && t->kind == V_TABLE && i < t->nkeys; i++)
    if (strcmp(t->keys[i], key) == 0) return t->vals[i];
  return NULL;
}

const char *io_str(const mkb_def *t, const char *key) {
  const mkb_def *v = io_get(t, key);
  return v && v->kind == V_STR ? v->s : NULL;
}

long long io_int(const mkb_def *t, const char *key, long long dflt) {
  const mkb_def *v = io_get(t, key);
  return v && v->kind == V_INT ? v->i : dflt;
}

int io_has(const mkb_def *list, const char *s) {
  for (size_t i = 0; s && list && i < list->nitems; i++)
    if (list->items[i]->kind == V_STR && strcmp(list->items[i]->s, s) == 0) return 1;
  return 0;
}

const char *io_word(arena *a, const char *w, const io_var *v, size_t n) {
  if (strchr(w, '{') == NULL) return w;
  strbuf b;
  sb_init(&b);
  for (const char *p = w; *p;) {
    const char *close = *p == '{' ? strchr(p, '}') : NULL;
    size_t k = 0;
    while (close && k < n && (strlen(v[k].name) != (size_t)(close - p - 1) ||
                              strncmp(v[k].name, p + 1, (size_t)(close - p - 1)) != 0))
      k++;
    if (close && k < n && v[k].value) {
      sb_adds(&b, v[k].value);
      p = close + 1;
    } else {
      sb_addc(&b, *p++);
    }
  }
  const char *out = arena_strdup(a, b.s ? b.s : "");
  sb_free(&b);
  return out;
}

static mkb_node *made(arena *a, mkb_kind k, const char *why, const mkb_def *origin) {
  mkb_node *n = node_new(a, k);
  n->why = why;
  n->origin = origin;
  return n;
}

mkb_node *io_line(arena *a, const mkb_def *tmpl, const io_var *v, size_t n,
                  const char *const *members, size_t nmembers, const char *why,
                  const mkb_def *origin) {
  mkb_node *line = made(a, V_TABLE, why, origin);
  for (size_t i = 0; tmpl && i < tmpl->nitems; i++) {
    const mkb_def *w = tmpl->items[i];
    if (w->kind == V_STR) {
      node_push(a, line, node_new_str(a, io_word(a, w->s, v, n), why, origin));
      continue;
    }
    /* a repeat group: its words once per member, {member} filled in */
    for (size_t m = 0; w->kind == V_TABLE && m < nmembers; m++) {
      io_var mv[16];
      size_t k = 0;
      for (; k < n && k < 15; k++) mv[k] = v[k];
      mv[k].name = "member";
      mv[k++].value = members[m];
      for (size_t j = 0; j < w->nitems; j++)
        if (w->items[j]->kind == V_STR)
          node_push(a, line, node_new_str(a, io_word(a, w->items[j]->s, mv, k), why, origin));
    }
  }
  for (size_t i = 0; tmpl && i < tmpl->nkeys; i++) {
    const mkb_def *x = tmpl->vals[i];
    if (x->kind != V_BOOL) continue;
    mkb_node *b = made(a, V_BOOL, why, origin);
    b->b = x->b;
    node_set(a, line, tmpl->keys[i], b);
  }
  return line;
}

/* Every path (a member name, or NAME.SUB) the wiring reads. */
static const char *const needed[] = {
  "net", "net.bind_dir", "net.qvm_dir", "net.interface", "net.versions",
  "disk", "disk.prefix", "disk.device", "disk.ram", "disk.loopback", "disk.wait", "disk.support",
  "pci", "pci.module_dir", "pci.source_dir", "pci.qvm_support", "pci.hw_variable",
  "pci.hw_section", "pci.server", "pci.config_option", "pci.start",
  "smmu", "smmu.program", "smmu.safety_suffix", "smmu.start", "smmu.module",
  "partition", "partition.mount", "partition.start", NULL
};

int io_facts_check(const mkb_def *io, const char *path, diag_list *d) {
  for (int i = 0; needed[i]; i++) {
    const char *dot = strchr(needed[i], '.');
    const mkb_def *t = io;
    if (dot) {
      char top[16];
      size_t k = (size_t)(dot - needed[i]);
      memcpy(top, needed[i], k);
      top[k] = '\0';
      t = io_get(io, top);
    }
    if (io_get(t, dot ? dot + 1 : needed[i])) continue;
    diag_add(d, DIAG_ERROR, NULL, 0, 0, "schema %s: 'io' needs '%s'", path, needed[i]);
    return -1;
  }
  return 0;
}
