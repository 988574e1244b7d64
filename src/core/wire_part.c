/* SPDX-License-Identifier: MIT
** wire_part.c: guests on the data partition, how qvm is started, and the
** vdev libraries a host carries for guests it starts by hand. */
#include "core/wire_int.h"

#include <string.h>

static const mkb_def *part_facts(const mkb_schema *s) { return io_get(s->io, "partition"); }

/* path with the partition's mount taken off its front ("/data/guests/x" ->
** "/guests/x"), or NULL when path is not below the mount. */
static const char *below_mount(arena *a, const mkb_node *board, const char *path) {
  const char *mount = node_str(node_get(board, "data_partition"), "mount");
  if (mount == NULL) mount = "/";
  size_t k = strlen(mount);
  while (k > 0 && mount[k - 1] == '/') k--;
  if (strncmp(path, mount, k) != 0 || (path[k] != '/' && path[k] != '\0')) return NULL;
  return arena_printf(a, "%s", path[k] ? path + k : "/");
}

void wire_part_guests(wire *w) {
  const mkb_node *dp = node_get(w->board, "data_partition");
  for (size_t i = 0; i < w->n; i++) {
    mkb_guest *g = &w->guests[i];
    const mkb_node *pf = node_get(g->model, "partition_files");
    if (!wire_on_partition(g) && (pf == NULL || pf->nkeys == 0)) continue;
    if (dp == NULL) {
      const mkb_node *at = wire_on_partition(g) ? node_get(g->model, "partition") : pf;
      wire_error(w, at, g->site, "guest '%s' has files on the data partition, but the board "
                 "declares none (data_partition)", g->name);
      continue;
    }
    /* The guest's own image, beside its configuration: qvm runs there. */
    mkb_node *load = node_get(g->model, "load");
    if (wire_on_partition(g) && load && load->why && load->nitems == 1 && node_get(g->model, "ifs"))
      load->items[0] = wire_str(w, arena_printf(w->a, "%s.ifs", g->name),
                                "the guest's own image, beside its configuration on the data "
                                "partition", node_site(load->items[0]));
  }
}

/* The host file an entry of host_files comes from. */
static const char *source_of(const char *target, const mkb_node *v) {
  if (v->kind == V_STR) return v->s;
  if (v->kind == V_TABLE && v->nitems && v->items[0]->kind == V_STR) return v->items[0]->s;
  const char *s = strrchr(target, '/');
  return s ? s + 1 : target;
}

static void put(wire *w, mkb_node *files, const char *target, const char *source,
                const char *why, const mkb_def *origin) {
  if (below_mount(w->a, w->board, target) == NULL) {
    wire_error(w, NULL, origin, "'%s' goes on the data partition, which the host mounts at %s: "
               "the path is not below it", target,
               node_str(node_get(w->board, "data_partition"), "mount"));
    return;
  }
  if (node_get(files, target) == NULL) node_set(w->a, files, target, wire_str(w, source, why, origin));
}

/* The files of guest g on the partition. */
static void guest_files(wire *w, mkb_node *files, const mkb_guest *g) {
  const char *dir = wire_guest_dir(w->a, w->board, g);
  if (wire_on_partition(g)) {
    put(w, files, arena_printf(w->a, "%s/%s.qvmconf", dir, g->name),
        arena_printf(w->a, "guests/%s/%s.qvmconf", g->name, g->name),
        arena_printf(w->a, "the configuration of guest '%s'", g->name), g->site);
    if (node_get(g->model, "ifs"))
      put(w, files, arena_printf(w->a, "%s/%s.ifs", dir, g->name),
          arena_printf(w->a, "guests/%s/%s.ifs", g->name, g->name),
          arena_printf(w->a, "the image of guest '%s'", g->name), g->site);
    const mkb_node *hf = node_get(g->model, "host_files");
    for (size_t k = 0; hf && k < hf->nkeys; k++)
      put(w, files, hf->keys[k], source_of(hf->keys[k], hf->vals[k]),
          arena_printf(w->a, "a file of guest '%s'", g->name), node_site(hf->vals[k]));
  }
  const mkb_node *pf = node_get(g->model, "partition_files");
  for (size_t k = 0; pf && k < pf->nkeys; k++)
    put(w, files, pf->keys[k], source_of(pf->keys[k], pf->vals[k]),
        arena_printf(w->a, "a file of guest '%s' on the data partition", g->name),
        node_site(pf->vals[k]));
}

void wire_part_host(wire *w) {
  mkb_node *dp = node_get(w->board, "data_partition");
  if (dp == NULL) return;
  mkb_node *files = node_get(dp, "files");
  if (files == NULL) {
    files = node_new(w->a, V_TABLE);
    files->why = "what goes on the data partition";
    files->origin = node_site(dp);
    node_set(w->a, dp, "files", files);
  }
  for (size_t k = 0; k < files->nkeys; k++)
    if (below_mount(w->a, w->board, files->keys[k]) == NULL)
      wire_error(w, files->vals[k], NULL, "'%s' is not below %s, where the host mounts the data "
                 "partition", files->keys[k], node_str(dp, "mount"));
  for (size_t i = 0; i < w->n; i++) guest_files(w, files, &w->guests[i]);
  const mkb_node *dev = node_get(dp, "device");
  if (dev == NULL || dev->kind != V_STR || files->nkeys == 0) return;
  const char *type = node_str(dp, "type"), *mount = node_str(dp, "mount");
  io_var v[] = { { "device", dev->s }, { "type", type ? type : "qnx6" },
                 { "mount", mount ? mount : "/" } };
  const mkb_def *f = part_facts(w->s), *cmds = io_get(f, "mount");
  const char *why = "the guests' files are on the data partition";
  for (size_t i = 0; cmds && i < cmds->nitems; i++)
    wire_run(w, io_line(w->a, cmds->items[i], v, 3, NULL, 0, why, node_site(dev)));
  const mkb_def *prog = io_get(f, "files");
  for (size_t i = 0; prog && i < prog->nitems; i++)
    wire_add_file(w, prog->items[i]->s, NULL, why, node_site(dev));
  const mkb_def *sup = io_get(f, "support");
  for (size_t i = 0; sup && i < sup->nitems; i++)
    if (sup->items[i]->nitems == 2)
      wire_add_file(w, io_word(w->a, sup->items[i]->items[0]->s, v, 3),
                    io_word(w->a, sup->items[i]->items[1]->s, v, 3), why, node_site(dev));
}

int wire_partition_target(const mkb_node *board, const char *path, arena *a, const char **out) {
  *out = below_mount(a, board, path);
  return *out != NULL;
}

/* ---- starting qvm ----------------------------------------------------------- */

static const char *value_text(arena *a, const mkb_node *v) {
  switch (v->kind) {
    case V_STR: return v->s;
    case V_INT: return arena_printf(a, "%lld", v->i);
    case V_BOOL: return v->b ? "on" : "off";
    case V_NUM: return arena_printf(a, "%g", v->n);
    default: return "";
  }
}

/* qvm's words: the configuration, launch.files, launch.set, dryrun. */
static void qvm_words(arena *a, const mkb_node *launch, const char *cfg, ptrvec *out) {
  ptrvec_push(a, out, (void *)DERIVE_QVM_SOURCE);
  ptrvec_push(a, out, (void *)arena_printf(a, "@%s", cfg));
  const mkb_node *f = node_get(launch, "files");
  for (size_t i = 0; f && i < f->nitems; i++)
    if (f->items[i]->kind == V_STR) ptrvec_push(a, out, (void *)arena_printf(a, "@%s", f->items[i]->s));
  const mkb_node *set = node_get(launch, "set");
  for (size_t i = 0; set && i < set->nkeys; i++) {
    char *name = arena_strdup(a, set->keys[i]);
    for (char *p = name; *p; p++)
      if (*p == '_') *p = '-';
    ptrvec_push(a, out, (void *)"set");
    ptrvec_push(a, out, name);
    ptrvec_push(a, out, (void *)value_text(a, set->vals[i]));
  }
  if (node_bool(launch, "dryrun", 0)) ptrvec_push(a, out, (void *)"dryrun");
}

mkb_node *wire_start_line(const mkb_schema *s, const mkb_node *board, const mkb_guest *g,
                          const char *cfg, arena *a) {
  const char *why = arena_printf(a, "starts guest '%s'", g->name);
  const mkb_node *launch = node_get(g->model, "launch");
  ptrvec words = { 0 };
  mkb_node *line;
  if (wire_on_partition(g) && node_get(board, "data_partition")) {
    qvm_words(a, launch, arena_printf(a, "%s.qvmconf", g->name), &words);
    strbuf b;
    sb_init(&b);
    for (size_t i = 0; i < words.n; i++) sb_printf(&b, "%s%s", i ? " " : "", (char *)words.v[i]);
    io_var v[] = { { "dir", wire_guest_dir(a, board, g) }, { "qvm", arena_strdup(a, b.s) } };
    sb_free(&b);
    line = io_line(a, io_get(part_facts(s), "start"), v, 2, NULL, 0, why, g->site);
  } else {
    qvm_words(a, launch, arena_printf(a, "%s/%s.qvmconf", cfg, g->name), &words);
    line = node_new(a, V_TABLE);
    line->why = why;
    line->origin = g->site;
    for (size_t i = 0; i < words.n; i++) node_push(a, line, node_new_str(a, words.v[i], why, g->site));
  }
  const char *mods[] = { "pri", "sched_aps" };
  for (int i = 0; i < 2; i++)
    if (node_get(launch, mods[i])) node_set(a, line, mods[i], node_get(launch, mods[i]));
  mkb_node *bg = node_new(a, V_BOOL);
  bg->b = 1;
  bg->why = why;
  node_set(a, line, "bg", bg);
  return line;
}

/* ---- vdevs for guests started by hand --------------------------------------- */

void wire_vdevs_host(wire *w) {
  const mkb_node *v = node_get(node_get(w->board, "hypervisor"), "vdevs");
  for (size_t i = 0; v && i < v->nitems; i++) {
    const mkb_node *t = v->items[i];
    if (t->kind != V_STR) continue;
    const vdev_type *vt = schema_vdev(w->s, t->s);
    if (vt == NULL) {
      wire_error(w, t, NULL, "hypervisor.vdevs names '%s', which is no vdev type", t->s);
      continue;
    }
    if (vt->implicit) continue;  /* built into qvm */
    const char *so = derive_vdev_so(w->a, vt, w->safe);
    wire_add_file(w, arena_printf(w->a, "/lib/dll/%s", so), so,
                  "declared for guests the host starts by hand (hypervisor.vdevs)", node_site(t));
  }
}
