/* SPDX-License-Identifier: MIT
** derive.c: the hypervisor wiring of hosts and guests. */
#include "core/derive.h"

#include <string.h>

#include "core/entries.h"
#include "core/wire.h"

static int has_item(const mkb_node *list, const char *s) {
  for (size_t i = 0; list && i < list->nitems; i++)
    if (list->items[i]->kind == V_STR && strcmp(list->items[i]->s, s) == 0) return 1;
  return 0;
}

static mkb_node *ensure_table(arena *a, mkb_node *parent, const char *key, const char *why,
                              const mkb_def *origin) {
  mkb_node *n = node_get(parent, key);
  if (n == NULL) {
    n = node_new(a, V_TABLE);
    n->why = why;
    n->origin = origin;
    node_set(a, parent, key, n);
  }
  return n;
}

static const mkb_def *site_or(const mkb_node *n, const mkb_def *dflt) {
  const mkb_def *s = node_site(n);
  return s ? s : dflt;
}

/* The folder of the guests' files in the host image: the recipe's, or the
** schema's default (a board with guests and no hypervisor table has none
** filled in). */
static const char *vm_dir(const mkb_schema *s, const mkb_node *hv, const char *key) {
  const char *dir = node_str(hv, key);
  const schema_type *f = schema_field(schema_field(s->board, "hypervisor"), key);
  if (dir == NULL && f && f->dflt && f->dflt->kind == V_STR) dir = f->dflt->s;
  return dir ? dir : "";
}

/* ---- guests -------------------------------------------------------------- */

/* Why a pass names a device it was given by name (a pass that names one
** for another reason, wire_pass.c's, says that reason). */
static const char given_by_name[] = "the device given to the guest";

static mkb_node *device_pass(arena *a, const mkb_node *dev, const char *name,
                             const mkb_def *origin) {
  mkb_node *rec = node_new(a, V_TABLE);
  rec->origin = origin;
  rec->why = arena_printf(a, "pass \"%s\": the board's device", name);
  node_set(a, rec, "device", node_new_str(a, name, given_by_name, origin));
  const char *keys[2] = { "loc", "intr" };
  for (int k = 0; k < 2; k++) {
    mkb_node *v = node_get(dev, keys[k]);
    if (v) node_set(a, rec, keys[k], v);
  }
  return rec;
}

int derive_guest(const mkb_schema *s, mkb_node *board, mkb_guest *g, arena *a, diag_list *d) {
  mkb_node *m = g->model;
  int errors = 0;
  if (node_get(m, "system") == NULL)
    node_set(a, m, "system", node_new_str(a, g->name, "the guest's name", g->site));
  mkb_node *arch = node_get(board, "arch");
  if (node_get(m, "arch") == NULL && arch)
    node_set(a, m, "arch", node_new_str(a, arch->s, "the host's architecture", node_site(arch)));
  const char *garch = node_str(m, "arch");
  mkb_node *ifs = node_get(m, "ifs");
  if (ifs && node_get(ifs, "arch") == NULL && garch)
    node_set(a, ifs, "arch", node_new_str(a, garch, "the guest's architecture", node_site(ifs)));
  if (ifs && node_get(m, "load") == NULL) {
    const char *dir = vm_dir(s, node_get(board, "hypervisor"), "image_dir");
    mkb_node *load = node_new(a, V_TABLE);
    load->why = "the guest's own image";
    load->origin = node_site(ifs);
    node_push(a, load, node_new_str(a, arena_printf(a, "%s/%s.ifs", dir, g->name),
                                    "the guest's own image, mapped by the host", node_site(ifs)));
    node_set(a, m, "load", load);
  }
  /* A device of the board passed by name becomes its pass lines: "spi0",
  ** or { device = "spi0", intr = ... }, which wire_pass.c completes. */
  mkb_node *pass = node_get(m, "pass");
  mkb_node *devices = node_get(board, "devices");
  for (size_t i = 0; pass && i < pass->nitems; i++) {
    mkb_node *e = pass->items[i];
    mkb_node *en = e->kind == V_TABLE ? node_get(e, "device") : e;
    if (en == NULL || en->kind != V_STR) continue;
    mkb_node *dev = node_get(devices, en->s);
    if (dev == NULL) {
      const mkb_def *at = node_site(en);
      const char *best = devices ? mkb_nearest(en->s, devices->keys, devices->nkeys, NULL) : NULL;
      if (best)
        diag_add(d, DIAG_ERROR, at ? at->src.file : NULL, at ? at->src.line : 0,
                 at ? at->src.col : 0, "guest '%s' passes '%s', which is not a device of the "
                 "board; did you mean '%s'?", g->name, en->s, best);
      else
        diag_add(d, DIAG_ERROR, at ? at->src.file : NULL, at ? at->src.line : 0,
                 at ? at->src.col : 0, "guest '%s' passes '%s', which is not a device of the "
                 "board (a board lists its devices in 'devices')", g->name, en->s);
      errors++;
      continue;
    }
    if (e->kind == V_STR) pass->items[i] = device_pass(a, dev, e->s, node_site(e));
  }
  return errors;
}

/* ---- the host ---------------------------------------------------------- */

/* QNX 8.0 has the hypervisor in the kernel, which startup enables; QNX
** 7.x binds it into procnto as a module. */
static int wires_startup(const mkb_node *board) {
  const char *qnx = node_str(board, "qnx");
  return qnx && strcmp(qnx, "8.0") == 0;
}

/* The modules QNX 7.x binds for the hypervisor: the safety variant (QHS)
** needs the safety module and APS, and the safety kernel. */
#define SAFETY_SUFFIX "-safety"

static size_t kernel_modules(int safe, const char *want[2]) {
  want[0] = safe ? "qvm-safety" : "qvm";
  want[1] = safe ? "aps-safety" : NULL;
  return safe ? 2 : 1;
}

static int ends_with(const char *s, const char *tail) {
  size_t n = strlen(s), k = strlen(tail);
  return n >= k && strcmp(s + n - k, tail) == 0;
}

static void wire_kernel(mkb_node *board, arena *a, const mkb_node *enable, int safe,
                        const mkb_node *safety) {
  mkb_node *kernel = node_get(board, "kernel");
  if (kernel == NULL || kernel->kind != V_TABLE) return;
  const mkb_def *why_def = node_site(safe ? safety : enable);
  mkb_node *mods = ensure_table(a, kernel, "modules", "hypervisor host", why_def);
  const char *want[2];
  size_t nwant = kernel_modules(safe, want);
  for (size_t i = 0; i < nwant; i++) {
    if (has_item(mods, want[i])) continue;
    node_push(a, mods, node_new_str(a, want[i],
                                    safe ? "hypervisor.safety: the safety hypervisor module"
                                         : "hypervisor.enable: the hypervisor module of QNX 7.x",
                                    why_def));
  }
  if (safe && kernel->nitems > 0 && kernel->items[0]->kind == V_STR &&
      !ends_with(kernel->items[0]->s, SAFETY_SUFFIX))
    kernel->items[0] = node_new_str(a, arena_printf(a, "%s" SAFETY_SUFFIX, kernel->items[0]->s),
                                    "hypervisor.safety: the safety kernel", why_def);
}

/* On QNX 8.0, startup's option -Q enables the hypervisor. It goes after
** the CPU-count option when there is one, where QNX's own examples put it
** (startup-iMX8QM -P 1 -Q enable,el2-host -W -vv). A plain enable lets
** startup choose the mode the CPU has; a host_mode forces one (lua/schema.lua
** says why). */
#define STARTUP_OPTION "-Q"

static void wire_startup(mkb_node *board, arena *a, const mkb_node *enable) {
  mkb_node *st = node_get(board, "startup");
  if (st == NULL || st->kind != V_TABLE || st->nitems == 0) return;
  for (size_t i = 1; i < st->nitems; i++)
    if (st->items[i]->kind == V_STR && strncmp(st->items[i]->s, STARTUP_OPTION, 2) == 0) return;
  const char *arch = node_str(board, "arch");
  mkb_node *hv = node_get(board, "hypervisor");
  const char *mode = node_str(hv, "host_mode");
  const char *val = "enable";
  if (arch && strcmp(arch, "x86_64") != 0 && mode)
    val = arena_printf(a, "enable,%s-host", mode);
  size_t at = 1;
  for (size_t i = 1; i < st->nitems; i++) {
    const mkb_node *it = st->items[i];
    if (it->kind != V_STR || strncmp(it->s, "-P", 2) != 0) continue;
    at = i + 1;
    if (it->s[2] == '\0' && i + 1 < st->nitems) at = i + 2;  /* "-P", "1" */
    break;
  }
  const mkb_def *why = node_site(enable);
  mkb_node *q = node_new_str(a, STARTUP_OPTION, "hypervisor.enable on QNX 8.0: startup enables it",
                             why);
  mkb_node *v = node_new_str(a, val, "hypervisor.enable on QNX 8.0: startup enables it", why);
  mkb_node **items = arena_alloc(a, (st->nitems + 2) * sizeof *items);
  size_t w = 0;
  for (size_t i = 0; i < st->nitems; i++) {
    if (i == at) items[w++] = q, items[w++] = v;
    items[w++] = st->items[i];
  }
  if (at >= st->nitems) items[w++] = q, items[w++] = v;
  st->items = items;
  st->nitems = w;
}

/* Adds target=source to the files of img, or the plain name target when
** source is NULL, unless an entry of img (in a group too) is target. */
static void add_file(arena *a, const mkb_node *img, mkb_node *files, const char *target,
                     const char *source, const char *why, const mkb_def *origin) {
  if (entries_find(img, target, NULL)) return;
  mkb_node *v;
  if (source) {
    v = node_new_str(a, source, why, origin);
  } else {
    v = node_new(a, V_BOOL);
    v->b = 1;
    v->why = why;
    v->origin = origin;
  }
  node_set(a, files, target, v);
}

static const char *basename_of(const char *p) {
  const char *s = strrchr(p, '/');
  return s ? s + 1 : p;
}

const char *derive_script_program(arena *a, const mkb_node *line) {
  if (line->kind == V_TABLE)
    return line->nitems && line->items[0]->kind == V_STR ? line->items[0]->s : NULL;
  if (line->kind != V_STR) return NULL;
  const char *p = line->s;
  while (*p == ' ' || *p == '\t') p++;
  if (*p == '[') {  /* skip a modifier group */
    const char *e = strchr(p, ']');
    if (e == NULL) return NULL;
    p = e + 1;
    while (*p == ' ' || *p == '\t') p++;
  }
  /* skip VAR=value words */
  for (;;) {
    size_t k = strcspn(p, " \t");
    if (k == 0) return NULL;
    if (memchr(p, '=', k) == NULL) return arena_strndup(a, p, k);
    p += k;
    while (*p == ' ' || *p == '\t') p++;
  }
}

/* Takes the host driver of a device given to a guest out of the image and
** the startup script: the host may not drive what a guest owns. */
static void record(arena *a, ptrvec *removals, const char *path, const mkb_node *value,
                   const char *why, const mkb_def *by) {
  mkb_removal *r = arena_alloc(a, sizeof *r);
  r->path = path;
  r->value = value;
  r->why = why;
  r->by = by;
  ptrvec_push(a, removals, r);
}

static void remove_driver(arena *a, mkb_node *board, const mkb_node *dev, const char *devname,
                          const char *gname, const char *how, const mkb_def *by,
                          ptrvec *removals) {
  const char *why = arena_printf(a, "the host driver of device '%s', given to guest '%s'%s%s",
                                 devname, gname, how ? " by " : "", how ? how : "");
  const mkb_node *drv = node_get(dev, "driver");
  const mkb_node *progs = node_get(drv, "programs");
  const mkb_node *files = node_get(drv, "files");
  mkb_node *script = node_get(board, "script");
  for (size_t i = 0; script && progs && i < script->nitems;) {
    const char *p = derive_script_program(a, script->items[i]);
    int drop = 0;
    for (size_t k = 0; p && k < progs->nitems && !drop; k++)
      drop = progs->items[k]->kind == V_STR &&
             (strcmp(p, progs->items[k]->s) == 0 ||
              strcmp(basename_of(p), progs->items[k]->s) == 0);
    if (drop) {
      record(a, removals, "script", script->items[i], why, by);
      memmove(&script->items[i], &script->items[i + 1],
              (script->nitems - i - 1) * sizeof *script->items);
      script->nitems--;
    } else {
      i++;
    }
  }
  /* Every entry of that target, in 'files' and in the groups. */
  for (size_t k = 0; files && k < files->nitems; k++) {
    if (files->items[k]->kind != V_STR) continue;
    mkb_node *map, *v;
    while ((v = entries_find(board, files->items[k]->s, &map)) != NULL) {
      record(a, removals, arena_printf(a, "files.%s", files->items[k]->s), v, why, by);
      node_remove_key(map, files->items[k]->s);
    }
  }
}

/* The -safety file exists only for the vdevs QNX certifies; qvm-safety
** runs the others as they are, or refuses them (boot.c says which). */
const char *derive_vdev_so(arena *a, const vdev_type *vt, int safe) {
  int variant = safe && vt->safety == VDEV_CERTIFIED;
  return arena_printf(a, "vdev-%s%s.so", vt->name, variant ? SAFETY_SUFFIX : "");
}

int derive_is_vdev_so(const char *target, const char *source) {
  const char *b = basename_of(source ? source : target);
  size_t n = strlen(b);
  return strncmp(b, "vdev-", 5) == 0 && n > 8 && strcmp(b + n - 3, ".so") == 0;
}

/* Does an entry of the image (in 'files' or a group) hold so? */
static int has_so(arena *a, const mkb_node *img, const char *so) {
  image_walk w;
  image_entry e;
  entries_begin(&w, img, a);
  while (entries_next(&w, &e)) {
    const mkb_node *v = e.val;
    const char *src = v->kind == V_STR ? v->s
                      : v->kind == V_TABLE && v->nitems && v->items[0]->kind == V_STR ? v->items[0]->s
                      : e.key;
    if (strcmp(basename_of(src), so) == 0 || strcmp(basename_of(e.key), so) == 0) return 1;
  }
  return 0;
}

/* The wiring of one host, guest by guest. */
typedef struct host {
  const mkb_schema *s;
  mkb_node *board, *files;
  arena *a;
  ptrvec *removals;
  int safe;
  const char *arch, *cfg, *img;
  strmap used;               /* vdev .so names a guest uses */
} host;

/* The guest's configuration and image, and the files it asks the host for
** (a guest on the data partition keeps them there, wire.h). */
static void add_guest_files(host *h, const mkb_guest *g) {
  arena *a = h->a;
  if (wire_on_partition(g)) return;
  add_file(a, h->board, h->files, arena_printf(a, "%s/%s.qvmconf", h->cfg, g->name),
           arena_printf(a, "guests/%s/%s.qvmconf", g->name, g->name),
           arena_printf(a, "the configuration of guest '%s'", g->name), g->site);
  mkb_node *ifs = node_get(g->model, "ifs");
  if (ifs)
    add_file(a, h->board, h->files, arena_printf(a, "%s/%s.ifs", h->img, g->name),
             arena_printf(a, "guests/%s/%s.ifs", g->name, g->name),
             arena_printf(a, "the image of guest '%s'", g->name), site_or(ifs, g->site));
  mkb_node *hf = node_get(g->model, "host_files");
  for (size_t k = 0; hf && k < hf->nkeys; k++)
    if (entries_find(h->board, hf->keys[k], NULL) == NULL)
      node_set(a, h->files, hf->keys[k], hf->vals[k]);
}

/* One vdev-TYPE.so per vdev type in use (none for one built into qvm on
** aarch64le), unless the board lists it itself. */
static void add_vdev_sos(host *h, const mkb_guest *g) {
  arena *a = h->a;
  mkb_node *vdevs = node_get(g->model, "vdevs");
  for (size_t k = 0; vdevs && k < vdevs->nkeys; k++) {
    mkb_node *v = vdevs->vals[k];
    if (v->nitems == 0 || v->items[0]->kind != V_STR) continue;
    const vdev_type *vt = schema_vdev(h->s, v->items[0]->s);
    if (vt == NULL || (vt->implicit && h->arch && strcmp(h->arch, "aarch64le") == 0)) continue;
    const char *so = derive_vdev_so(a, vt, h->safe);
    if (strmap_get(&h->used, so)) continue;
    strmap_put(&h->used, so, (void *)so);
    if (has_so(a, h->board, so)) continue;
    add_file(a, h->board, h->files, arena_printf(a, "/lib/dll/%s", so), so,
             arena_printf(a, "used by guest '%s', vdev '%s'", g->name, vdevs->keys[k]),
             site_or(v->items[0], g->site));
  }
}

/* The board's devices the guest is given leave the host with their
** drivers (by name, or by their registers or interrupt: wire_pass.c). */
static void pass_through(host *h, const mkb_guest *g) {
  mkb_node *pass = node_get(g->model, "pass");
  for (size_t k = 0; pass && k < pass->nitems; k++) {
    mkb_node *p = pass->items[k];
    const mkb_node *dn = node_get(p, "device");
    if (dn && dn->kind == V_STR)
      remove_driver(h->a, h->board, node_get(node_get(h->board, "devices"), dn->s), dn->s,
                    g->name, dn->why == given_by_name ? NULL : dn->why, site_or(p, g->site),
                    h->removals);
  }
}

/* The script line that starts the guest: qvm @CONFIG & (wire.h). */
static void add_start_line(host *h, const mkb_guest *g) {
  if (!node_bool(g->model, "autostart", 1)) return;
  mkb_node *script = ensure_table(h->a, h->board, "script", "the guests' start lines", g->site);
  node_push(h->a, script, wire_start_line(h->s, h->board, g, h->cfg, h->a));
}

/* Unused component removal: a vdev .so that no guest uses leaves. */
static void drop_unused_sos(host *h, diag_list *d) {
  mkb_node *files = h->files;
  for (size_t k = 0; k < files->nkeys;) {
    mkb_node *v = files->vals[k];
    const char *src = v->kind == V_STR ? v->s : NULL;
    const char *so = basename_of(src ? src : files->keys[k]);
    if (!derive_is_vdev_so(files->keys[k], src) || v->why != NULL || strmap_get(&h->used, so) ||
        wire_declared_vdev(h->board, so)) {
      k++;
      continue;
    }
    const mkb_def *at = node_site(v);
    /* vdev-TYPE.so or vdev-TYPE-safety.so: the declaration that keeps it */
    size_t n = strlen(so) - 8;
    if (n > 7 && strcmp(so + 5 + n - 7, "-safety") == 0) n -= 7;
    diag_add(d, DIAG_WARNING, at ? at->src.file : NULL, at ? at->src.line : 0,
             at ? at->src.col : 0, "'%s' is in the image but no guest uses it: left out (a guest "
             "started outside the recipes keeps it with hypervisor = { vdevs = { \"%.*s\" } })",
             files->keys[k], (int)n, so + 5);
    record(h->a, h->removals, arena_printf(h->a, "files.%s", files->keys[k]), v,
           "unused component removal: no guest uses this vdev", node_site(v));
    node_remove_key(files, files->keys[k]);
  }
}

/* A file the recipes deleted that the wiring puts back (a guest's
** configuration, qvm, a vdev it uses): the delete cannot take, and is not
** ignored either. Returns the errors reported. */
static int refuse_deleted(const mkb_node *files, diag_list *d) {
  int errors = 0;
  for (size_t i = 0; files && i < files->ndeleted; i++) {
    const mkb_node *v = node_get(files, files->deleted_keys[i]);
    const mkb_def *at = files->deleted[i] ? files->deleted[i]->origin : NULL;
    if (v == NULL || v->why == NULL) continue;
    diag *g = diag_add(d, DIAG_ERROR, at ? at->src.file : NULL, at ? at->src.line : 0,
                       at ? at->src.col : 0, "'files.%s' cannot be deleted: the hypervisor "
                       "wiring puts it in the image (%s)", files->deleted_keys[i], v->why);
    const mkb_def *by = node_site(v);
    if (by) diag_note(d, g, by->src.file, by->src.line, by->src.col, "what needs it is here");
    errors++;
  }
  return errors;
}

int derive_board(const mkb_schema *s, mkb_node *board, mkb_guest *guests, size_t n,
                 arena *a, diag_list *d, ptrvec *removals) {
  mkb_node *hv = node_get(board, "hypervisor");
  mkb_node *enable = node_get(hv, "enable"), *safety = node_get(hv, "safety");
  if (!((enable && enable->kind == V_BOOL && enable->b) || n > 0)) return 0;
  host h = { s, board, NULL, a, removals, 0, node_str(board, "arch"),
             vm_dir(s, hv, "config_dir"), vm_dir(s, hv, "image_dir"), { 0 } };
  h.safe = safety && safety->kind == V_BOOL && safety->b;
  if (wires_startup(board)) wire_startup(board, a, enable);
  else wire_kernel(board, a, enable, h.safe, safety);
  const mkb_def *why = node_site(enable) ? node_site(enable) : node_site(node_get(board, "guests"));
  h.files = ensure_table(a, board, "files", "hypervisor host", why);
  add_file(a, board, h.files, DERIVE_QVM_PATH, DERIVE_QVM_SOURCE, "hypervisor host: qvm runs the guests",
           why);
  strmap_init(&h.used);
  for (size_t i = 0; i < n; i++) {
    add_guest_files(&h, &guests[i]);
    add_vdev_sos(&h, &guests[i]);
    pass_through(&h, &guests[i]);
  }
  /* What must run before the guests start, then the lines that start them. */
  int errors = wire_host(s, board, guests, n, a, d, removals);
  for (size_t i = 0; i < n; i++) add_start_line(&h, &guests[i]);
  /* A host with no guest among the recipes (an imported one) keeps what it
  ** lists. */
  if (n > 0) drop_unused_sos(&h, d);
  strmap_free(&h.used);
  return errors + refuse_deleted(h.files, d);
}

/* ---- the inverse, for import ---------------------------------------------- */

static mkb_node *yes_node(arena *a, int b) {
  mkb_node *n = node_new(a, V_BOOL);
  n->b = b;
  return n;
}

/* Does the wiring turn a recipe's startup and kernel (with the hypervisor
** settings safe and mode) into exactly board's? It runs on copies. */
static int wires_to(arena *a, const mkb_node *board, const mkb_node *startup,
                    const mkb_node *kernel, int safe, const char *mode) {
  mkb_node *b = node_new(a, V_TABLE), *hv = node_new(a, V_TABLE);
  const char *keep[] = { "arch", "qnx" };
  for (int i = 0; i < 2; i++)
    if (node_get(board, keep[i])) node_set(a, b, keep[i], node_get(board, keep[i]));
  node_set(a, hv, "enable", yes_node(a, 1));
  node_set(a, hv, "safety", yes_node(a, safe));
  if (mode) node_set(a, hv, "host_mode", node_new_str(a, mode, NULL, NULL));
  node_set(a, b, "hypervisor", hv);
  mkb_node *st = startup ? node_copy(a, startup) : NULL, *k = kernel ? node_copy(a, kernel) : NULL;
  if (k && node_get(k, "modules")) node_set(a, k, "modules", node_copy(a, node_get(k, "modules")));
  if (st) node_set(a, b, "startup", st);
  if (k) node_set(a, b, "kernel", k);
  if (wires_startup(b)) wire_startup(b, a, node_get(hv, "enable"));
  else wire_kernel(b, a, node_get(hv, "enable"), safe, node_get(hv, "safety"));
  return node_equal(node_get(b, "startup"), node_get(board, "startup")) &&
         node_equal(node_get(b, "kernel"), node_get(board, "kernel"));
}

/* QNX 8.0: the startup without its -Q option, in the first host mode (the
** schema's default, as no mode at all, first) that gives it back. */
static int unwire_startup(const mkb_schema *s, arena *a, const mkb_node *board, mkb_unwired *u) {
  const mkb_node *st = node_get(board, "startup");
  size_t q = 0;
  for (size_t i = 1; st && st->kind == V_TABLE && i + 1 < st->nitems && q == 0; i++)
    if (st->items[i]->kind == V_STR && strcmp(st->items[i]->s, STARTUP_OPTION) == 0) q = i;
  if (q == 0) return 0;
  mkb_node *c = node_copy(a, st);
  memmove(&c->items[q], &c->items[q + 2], (c->nitems - q - 2) * sizeof *c->items);
  c->nitems -= 2;
  const schema_type *modes =
    schema_field(schema_field(s->board, "hypervisor"), "host_mode");
  for (size_t m = 0; m <= (modes ? modes->nvalues : 0); m++) {
    const char *mode = m ? modes->values[m - 1] : NULL;
    if (!wires_to(a, board, c, node_get(board, "kernel"), 0, mode)) continue;
    u->startup = c;
    u->kernel = node_get(board, "kernel");
    u->host_mode = mode;
    return 1;
  }
  return 0;
}

/* QNX 7.x: the kernel without the modules the wiring appends, when they
** close its list, and without the suffix of the safety kernel. */
static int unwire_kernel(arena *a, const mkb_node *board, int safe, mkb_unwired *u) {
  const mkb_node *k = node_get(board, "kernel"), *mods = node_get(k, "modules");
  if (mods == NULL || mods->kind != V_TABLE || k->nitems == 0 || k->items[0]->kind != V_STR)
    return 0;
  const char *want[2];
  size_t nwant = kernel_modules(safe, want), keep = mods->nitems;
  int tail = keep >= nwant;
  for (size_t i = 0; tail && i < nwant; i++) {
    const mkb_node *m = mods->items[keep - nwant + i];
    tail = m->kind == V_STR && strcmp(m->s, want[i]) == 0;
  }
  mkb_node *c = node_copy(a, k), *cm = node_copy(a, mods);
  if (tail) cm->nitems -= nwant;
  if (cm->nitems) node_set(a, c, "modules", cm);
  else node_remove_key(c, "modules");
  if (safe) {
    const char *prog = k->items[0]->s;
    if (!ends_with(prog, SAFETY_SUFFIX)) return 0;
    c->items[0] = node_new_str(a, arena_strndup(a, prog, strlen(prog) - strlen(SAFETY_SUFFIX)),
                               NULL, k->items[0]->origin);
  }
  if (!wires_to(a, board, node_get(board, "startup"), c, safe, NULL)) return 0;
  u->startup = node_get(board, "startup");
  u->kernel = c;
  u->safety = safe;
  return 1;
}

int derive_unwire(const mkb_schema *s, arena *a, const mkb_node *board, mkb_unwired *u) {
  memset(u, 0, sizeof *u);
  if (wires_startup(board)) return unwire_startup(s, a, board, u);
  return unwire_kernel(a, board, 0, u) || unwire_kernel(a, board, 1, u);
}
