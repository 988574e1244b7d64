/* SPDX-License-Identifier: MIT
** wire.c: the wiring's entry points and the edits its parts share. */
#include "core/wire_int.h"

#include <stdio.h>
#include <string.h>

#include "core/entries.h"

void wire_open(wire *w, const mkb_schema *s, mkb_node *board, mkb_guest *guests, size_t n,
               arena *a, diag_list *d, ptrvec *removals) {
  memset(w, 0, sizeof *w);
  w->s = s;
  w->board = board;
  w->guests = guests;
  w->n = n;
  w->a = a;
  w->d = d;
  w->removals = removals;
  w->qnx = node_str(board, "qnx");
  if (w->qnx == NULL) w->qnx = "7.1";
  w->safe = node_bool(node_get(board, "hypervisor"), "safety", 0);
}

static diag *vreport(wire *w, diag_level lv, const mkb_node *n, const mkb_def *dflt,
                     const char *fmt, va_list ap) {
  const mkb_def *at = node_site(n);
  if (at == NULL) at = dflt;
  diag *g = diag_vadd(w->d, lv, at ? at->src.file : NULL, at ? at->src.line : 0,
                      at ? at->src.col : 0, fmt, ap);
  if (lv == DIAG_ERROR) w->errors++;
  return g;
}

diag *wire_error(wire *w, const mkb_node *n, const mkb_def *dflt, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  diag *g = vreport(w, DIAG_ERROR, n, dflt, fmt, ap);
  va_end(ap);
  return g;
}

diag *wire_warning(wire *w, const mkb_node *n, const mkb_def *dflt, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  diag *g = vreport(w, DIAG_WARNING, n, dflt, fmt, ap);
  va_end(ap);
  return g;
}

void wire_note(wire *w, diag *g, const mkb_node *n, const char *fmt, ...) {
  const mkb_def *at = node_site(n);
  if (at == NULL || g == NULL) return;
  va_list ap;
  va_start(ap, fmt);
  diag_vnote(w->d, g, at->src.file, at->src.line, at->src.col, fmt, ap);
  va_end(ap);
}

mkb_node *wire_str(wire *w, const char *s, const char *why, const mkb_def *origin) {
  return node_new_str(w->a, s, why, origin);
}

const char *wire_vdev_type(const mkb_node *v) {
  return v && v->kind == V_TABLE && v->nitems && v->items[0]->kind == V_STR ? v->items[0]->s
                                                                           : NULL;
}

mkb_node *wire_files(wire *w, const mkb_def *origin) {
  mkb_node *f = node_get(w->board, "files");
  if (f) return f;
  f = node_new(w->a, V_TABLE);
  f->why = "the wiring of the guests";
  f->origin = origin;
  node_set(w->a, w->board, "files", f);
  return f;
}

static const char *last_of(const char *p) {
  const char *s = strrchr(p, '/');
  return s ? s + 1 : p;
}

int wire_image_has(const mkb_node *img, const char *name) {
  const char *b = last_of(name);
  image_walk walk;
  image_entry e;
  entries_begin(&walk, img, NULL);  /* files, and the groups' */
  while (entries_next(&walk, &e)) {
    const mkb_node *v = e.val;
    const char *src = v->kind == V_STR ? v->s
                      : v->kind == V_TABLE && v->nitems && v->items[0]->kind == V_STR
                          ? v->items[0]->s : NULL;
    if (strcmp(e.key, name) == 0 || strcmp(last_of(e.key), b) == 0 ||
        (src && strcmp(last_of(src), b) == 0))
      return 1;
  }
  return 0;
}

void wire_add_file(wire *w, const char *target, const char *source, const char *why,
                   const mkb_def *origin) {
  mkb_node *files = wire_files(w, origin);
  if (wire_image_has(w->board, target)) return;
  mkb_node *v;
  if (source) {
    v = wire_str(w, source, why, origin);
  } else {
    v = node_new(w->a, V_BOOL);
    v->b = 1;
    v->why = why;
    v->origin = origin;
  }
  node_set(w->a, files, target, v);
}

void wire_drop_unused(wire *w, const char *name, const char *why) {
  mkb_node *files = node_get(w->board, "files");
  for (size_t k = 0; files && k < files->nkeys; k++) {
    mkb_node *v = files->vals[k];
    if (v->why != NULL || strcmp(last_of(files->keys[k]), name) != 0) continue;
    wire_warning(w, v, NULL, "'%s' is in the image but %s: left out", files->keys[k], why);
    if (w->removals) {
      mkb_removal *r = arena_alloc(w->a, sizeof *r);
      r->path = arena_printf(w->a, "files.%s", files->keys[k]);
      r->value = v;
      r->why = arena_printf(w->a, "unused component removal: %s", why);
      r->by = node_site(v);
      ptrvec_push(w->a, w->removals, r);
    }
    memmove(&files->keys[k], &files->keys[k + 1], (files->nkeys - k - 1) * sizeof *files->keys);
    memmove(&files->vals[k], &files->vals[k + 1], (files->nkeys - k - 1) * sizeof *files->vals);
    files->nkeys--;
    return;
  }
}

void wire_run(wire *w, mkb_node *line) {
  mkb_node *script = node_get(w->board, "script");
  if (script == NULL) {
    script = node_new(w->a, V_TABLE);
    script->why = line->why;
    script->origin = line->origin;
    node_set(w->a, w->board, "script", script);
  }
  node_push(w->a, script, line);
}

mkb_node *wire_find_line(wire *w, const mkb_def *list, const char *name, size_t *at) {
  mkb_node *script = node_get(w->board, "script");
  for (size_t i = 0; script && i < script->nitems; i++) {
    mkb_node *l = script->items[i];
    if (l->kind != V_TABLE || l->nitems == 0 || l->items[0]->kind != V_STR) continue;
    const char *p = last_of(l->items[0]->s);
    if ((list && io_has(list, p)) || (name && strcmp(p, name) == 0)) {
      if (at) *at = i;
      return l;
    }
  }
  return NULL;
}

void wire_libpath(wire *w, const char *dir, const char *why, const mkb_def *origin) {
  mkb_node *env = node_get(w->board, "env");
  mkb_node *lp = node_get(env, "LD_LIBRARY_PATH");
  if (lp == NULL || lp->kind != V_TABLE) {
    if (lp && lp->kind == V_STR) {
      size_t k = strlen(dir);
      for (const char *p = lp->s; *p; p += strcspn(p, ":"), p += *p == ':')
        if (strcspn(p, ":") == k && strncmp(p, dir, k) == 0) return;
      node_set(w->a, env, "LD_LIBRARY_PATH",
               wire_str(w, arena_printf(w->a, "%s:%s", lp->s, dir), why, origin));
    }
    return;  /* no library path at all: the boot rules say so */
  }
  for (size_t i = 0; i < lp->nitems; i++)
    if (lp->items[i]->kind == V_STR && strcmp(lp->items[i]->s, dir) == 0) return;
  node_push(w->a, lp, wire_str(w, dir, why, origin));
}

const char *wire_guest_dir(arena *a, const mkb_node *board, const mkb_guest *g) {
  const mkb_node *dp = node_get(board, "data_partition");
  const char *mount = node_str(dp, "mount"), *dir = node_str(dp, "dir");
  if (mount == NULL) mount = "/";
  if (dir == NULL) dir = "guests";
  while (*dir == '/') dir++;
  size_t k = strlen(mount);
  while (k > 1 && mount[k - 1] == '/') k--;
  return arena_printf(a, "%.*s%s%s/%s", (int)k, mount, k == 1 && mount[0] == '/' ? "" : "/",
                      dir, g->name);
}

/* ---- entry points --------------------------------------------------------- */

int wire_guests(const mkb_schema *s, mkb_node *board, mkb_guest *guests, size_t n, arena *a,
                diag_list *d) {
  wire w;
  wire_open(&w, s, board, guests, n, a, d, NULL);
  wire_net_guests(&w);
  wire_disk_guests(&w);
  wire_pass_guests(&w);
  wire_part_guests(&w);
  return w.errors;
}

int wire_host(const mkb_schema *s, mkb_node *board, mkb_guest *guests, size_t n, arena *a,
              diag_list *d, ptrvec *removals) {
  wire w;
  wire_open(&w, s, board, guests, n, a, d, removals);
  /* The order of the commands: the data partition the guests' files are on,
  ** the SMMU manager, pci-server, the disks, the network. */
  wire_part_host(&w);
  wire_smmu_host(&w);
  wire_pci_host(&w);
  wire_disk_host(&w);
  wire_net_host(&w);
  wire_vdevs_host(&w);
  return w.errors;
}

int wire_on_partition(const mkb_guest *g) { return node_bool(g->model, "partition", 0); }

int wire_declared_vdev(const mkb_node *board, const char *so) {
  const mkb_node *v = node_get(node_get(board, "hypervisor"), "vdevs");
  for (size_t i = 0; v && i < v->nitems; i++) {
    if (v->items[i]->kind != V_STR) continue;
    char a[256], b[256];
    snprintf(a, sizeof a, "vdev-%s.so", v->items[i]->s);
    snprintf(b, sizeof b, "vdev-%s-safety.so", v->items[i]->s);
    if (strcmp(so, a) == 0 || strcmp(so, b) == 0) return 1;
  }
  return 0;
}

int wire_partition_provides(const mkb_node *board, const char *path) {
  const mkb_node *dp = node_get(board, "data_partition");
  return node_get(node_get(dp, "files"), path) != NULL;
}

void wire_as_base(const mkb_schema *s, mkb_node *guest, const char *name, arena *a) {
  diag_list d;
  diag_init(&d);
  mkb_guest g = { name, guest, NULL };
  wire w;
  wire_open(&w, s, node_new(a, V_TABLE), &g, 1, a, &d, NULL);
  wire_net_guests(&w);
  wire_disk_guests(&w);
  diag_free(&d);
}

const char *wire_writes(const char *key) {
  return strcmp(key, "to") == 0 ? "peer" : strcmp(key, "disk") == 0 ? "hostdev" : NULL;
}
