/* SPDX-License-Identifier: MIT
** closure.c: the closure check: commands, guest files, host files, ELF. */
#define _DEFAULT_SOURCE
#include "core/closure.h"

#include <stdlib.h>
#include <string.h>

#include "core/entries.h"
#include "core/wire.h"
#include "load/elf.h"

/* One image (the board's, or a QNX guest's) and what it provides. */
typedef struct image {
  check_ctx *c;
  const closure_in *in;
  const char *what;            /* "board 'rpi4'", "guest 'qnx80'" */
  const mkb_node *img;
  const schema_images *facts;
  strmap entries;              /* target path -> entry value */
  strmap links;                /* link path -> its destination, normalised */
  strmap names;                /* last segment of a target -> the first target;
                                  made on first use (names_of) */
  int has_names;
  ptrvec targets;              /* target paths, in entry order */
  strmap sonames;              /* DT_SONAME of the libraries found */
  ptrvec programs;             /* program*: ELF files found, in entry order */
  const mkb_node *starter;     /* the first script line that may start a file
                                  system (mount, devb-*), or NULL */
} image;

typedef struct program {
  const char *target, *host, *found;
  const mkb_node *site;
  const elf_info *elf;
} program;

/* Is path provided by something other than the image: the board's data
** partition, which the host mounts at boot (wire.h)? */
static int provided_elsewhere(const image *im, const char *path) {
  return wire_partition_provides(im->img, path);
}

static const char *last_segment(const char *p) {
  const char *s = strrchr(p, '/');
  return s ? s + 1 : p;
}

/* p made absolute against folder dir, with ".", ".." and "//" resolved. */
static const char *norm_path(arena *a, const char *dir, const char *p) {
  const char *full = p[0] == '/' ? p : arena_printf(a, "%s/%s", dir, p);
  char *out = arena_alloc(a, strlen(full) + 2);
  size_t n = 0;
  for (const char *s = full; *s;) {
    while (*s == '/') s++;
    size_t k = strcspn(s, "/");
    if (k == 2 && s[0] == '.' && s[1] == '.') {
      while (n > 0 && out[--n] != '/') {}
    } else if (k > 0 && !(k == 1 && s[0] == '.')) {
      out[n++] = '/';
      memcpy(out + n, s, k);
      n += k;
    }
    s += k;
  }
  if (n == 0) out[n++] = '/';
  out[n] = '\0';
  return out;
}

static const char *dir_of(arena *a, const char *path) {
  const char *s = strrchr(path, '/');
  return s && s != path ? arena_strndup(a, path, (size_t)(s - path)) : "/";
}

/* Does the image hold path: an entry, through the links of the image and of
** its script (a link on the way is followed), or from elsewhere? */
static int provides(image *im, const char *path, int depth) {
  if (depth > 16) return 0;
  const char *dest = strmap_get(&im->links, path);
  if (dest) return provides(im, dest, depth + 1);
  if (strmap_get(&im->entries, path) || provided_elsewhere(im, path)) return 1;
  if (im->links.n == 0) return 0;
  char *p = arena_strdup(im->c->mem, path);
  for (char *s = strrchr(p, '/'); s && s > p; s = strrchr(p, '/')) {
    *s = '\0';
    const char *d = strmap_get(&im->links, p);
    if (d) return provides(im, arena_printf(im->c->mem, "%s/%s", d, path + (s - p) + 1), depth + 1);
  }
  return 0;
}

/* The destination of a link entry, or NULL. */
static const char *link_of(const mkb_node *v) {
  if (v->kind != V_TABLE) return NULL;
  const char *l = node_str(v, "link"), *type = node_str(v, "type");
  if (l == NULL && type && strcmp(type, "link") == 0 && v->nitems && v->items[0]->kind == V_STR)
    l = v->items[0]->s;
  return l;
}

static void add_link(image *im, const char *at, const char *dest) {
  arena *a = im->c->mem;
  strmap_put(&im->links, at, (void *)norm_path(a, dir_of(a, at), dest));
}

static void image_open(image *im, check_ctx *c, const closure_in *in, const mkb_node *img,
                       const char *what) {
  memset(im, 0, sizeof *im);
  im->c = c;
  im->in = in;
  im->img = img;
  im->what = what;
  im->facts = c->schema->images;
  strmap_init(&im->entries);
  strmap_init(&im->links);
  strmap_init(&im->names);
  strmap_init(&im->sonames);
  int bootable = node_get(img, "startup") != NULL;
  image_walk w;
  image_entry e;
  entries_begin(&w, img, c->mem);
  while (entries_next(&w, &e)) {
    const mkb_node *v = e.val;
    const char *t = check_target(c, e.key, v, bootable);
    if (strmap_get(&im->entries, t)) continue;  /* two entries of one path: check.c says so */
    strmap_put(&im->entries, t, (void *)v);
    ptrvec_push(c->mem, &im->targets, (void *)t);
    if (link_of(v)) add_link(im, t, link_of(v));
  }
}

/* The targets by their last segment: what a name without a folder finds. */
static const strmap *names_of(image *im) {
  if (im->has_names) return &im->names;
  im->has_names = 1;
  for (size_t i = 0; i < im->targets.n; i++) {
    const char *t = im->targets.v[i];
    const char *name = last_segment(t);
    if (!strmap_get(&im->names, name)) strmap_put(&im->names, name, (void *)t);
  }
  return &im->names;
}

static void image_close(image *im) {
  strmap_free(&im->entries);
  strmap_free(&im->links);
  strmap_free(&im->names);
  strmap_free(&im->sonames);
}

/* A file the image does not hold (msg says which): an error, unless
** `starter` (a script line before) may start a file system that provides
** it, which the documentation allows; then a warning, with a note at that
** line. */
static void finding(image *im, const mkb_node *site, const mkb_node *starter, const char *msg) {
  if (starter == NULL) {
    check_report(im->c, DIAG_ERROR, site, NULL, "%s", msg);
    return;
  }
  diag *g = check_report(im->c, DIAG_WARNING, site, NULL, "%s; it can only come from a file "
                         "system started before it", msg);
  const mkb_def *at = node_site(starter);
  if (at)
    diag_note(im->c->diags, g, at->src.file, at->src.line, at->src.col,
              "a file system may be started here");
}

/* ---- the startup script ------------------------------------------------- */

/* What a script line does, as mkifs reads it ("[mods] VAR=v cmd args &"). */
typedef struct words {
  const char **w;
  size_t n;
  int external;          /* [+external]: a program even if procnto has the command */
  const char *path;      /* a PATH the line sets, or NULL */
} words;

/* A PATH value: a string, or a list joined with ':'. */
static const char *path_value(arena *a, const mkb_node *v) {
  if (v == NULL || v->kind == V_STR) return v ? v->s : NULL;
  strbuf b;
  sb_init(&b);
  for (size_t i = 0; v->kind == V_TABLE && i < v->nitems; i++)
    if (v->items[i]->kind == V_STR) {
      if (i) sb_addc(&b, ':');
      sb_adds(&b, v->items[i]->s);
    }
  const char *s = arena_strdup(a, b.s ? b.s : "");
  sb_free(&b);
  return s;
}

static void string_words(arena *a, const char *line, words *out) {
  char *t = arena_strdup(a, line);
  char *p = t + strspn(t, " \t");
  if (*p == '[') {
    char *end = strchr(p, ']');
    if (end == NULL) return;
    *end = '\0';
    out->external = strstr(p, "+external") != NULL;
    p = end + 1;
  }
  out->w = arena_alloc(a, (strlen(p) / 2 + 2) * sizeof *out->w);
  for (char *tok = strtok(p, " \t"); tok; tok = strtok(NULL, " \t")) {
    if (out->n == 0 && strchr(tok, '=')) {
      if (strncmp(tok, "PATH=", 5) == 0) out->path = tok + 5;
      continue;
    }
    out->w[out->n++] = tok;
  }
  if (out->n && strcmp(out->w[out->n - 1], "&") == 0) out->n--;
}

static void line_words(arena *a, const mkb_node *line, words *out) {
  memset(out, 0, sizeof *out);
  if (line->kind == V_STR) {
    string_words(a, line->s, out);
    return;
  }
  if (line->kind != V_TABLE) return;
  out->w = arena_alloc(a, (line->nitems + 1) * sizeof *out->w);
  for (size_t i = 0; i < line->nitems; i++)
    if (line->items[i]->kind == V_STR) out->w[out->n++] = line->items[i]->s;
  out->external = node_bool(line, "external", 0);
  out->path = path_value(a, node_get(node_get(line, "env"), "PATH"));
}

/* The entry whose last segment is nearest cmd (a typo), or NULL. */
static const char *nearest(const image *im, const char *cmd) {
  const char *best = NULL;
  int bestd = 3;
  for (size_t i = 0; i < im->targets.n; i++) {
    const char *b = last_segment(im->targets.v[i]);
    int d = edit_distance(cmd, b, 2);
    if (d < bestd) bestd = d, best = b;
  }
  return best;
}

/* Is the folder of target one of PATH's, as written? */
static int on_path(const char *path, const char *target) {
  size_t k = (size_t)(last_segment(target) - target - 1);
  for (const char *d = path; *d; d += strcspn(d, ":"), d += *d == ':') {
    size_t n = strcspn(d, ":");
    while (n > 1 && d[n - 1] == '/') n--;
    if (n == k && strncmp(d, target, k) == 0) return 1;
  }
  return 0;
}

static void check_command(image *im, const mkb_node *line, const char *cmd, const char *path,
                          const mkb_node *starter) {
  check_ctx *c = im->c;
  if (cmd[0] == '/') {
    if (!provides(im, cmd, 0))
      finding(im, line, starter, arena_printf(c->mem, "the script of %s runs '%s', which the "
                                              "image does not provide", im->what, cmd));
    return;
  }
  if (strchr(cmd, '/')) return;  /* relative to a folder the script cannot know */
  /* the common case at once: the command in the first folders of PATH */
  char buf[512];
  for (const char *d = path ? path : ""; *d; d += strcspn(d, ":"), d += *d == ':') {
    int k = (int)strcspn(d, ":");
    if (snprintf(buf, sizeof buf, "%.*s/%s", k, d, cmd) < (int)sizeof buf &&
        strmap_get(&im->entries, buf) && !strmap_get(&im->links, buf))
      return;
  }
  const char *held = strmap_get(names_of(im), cmd);
  if (held && (path == NULL || on_path(path, held))) return;
  strbuf b;
  sb_init(&b);
  int found = 0;
  for (const char *d = path ? path : ""; *d && !found; d += strcspn(d, ":"), d += *d == ':') {
    size_t k = strcspn(d, ":");
    if (k == 0) continue;
    sb_clear(&b);
    sb_printf(&b, "%.*s/%s", (int)k, d, cmd);
    /* a folder written "/bin/", "/a/../b" or "bin" made a plain absolute path */
    found = provides(im, strstr(b.s, "//") || strstr(b.s, "/.") || b.s[0] != '/'
                           ? norm_path(c->mem, "/", b.s) : b.s, 0);
  }
  sb_free(&b);
  if (found) return;
  const char *near = held ? NULL : nearest(im, cmd);
  if (held)
    finding(im, line, starter, arena_printf(c->mem, "the script of %s runs '%s', which the "
                                            "image holds as %s, in no folder of its PATH (%s)",
                                            im->what, cmd, held, path));
  else if (near)
    finding(im, line, starter, arena_printf(c->mem, "the script of %s runs '%s', which is not "
                                            "in the image (did you mean '%s'?)", im->what, cmd,
                                            near));
  else
    finding(im, line, starter, arena_printf(c->mem, "the script of %s runs '%s', which is not "
                                            "in the image", im->what, cmd));
}

/* qvm @FILE: the configuration a guest is started with. */
static void check_qvm_args(image *im, const mkb_node *line, const words *w) {
  if (strcmp(last_segment(w->w[0]), "qvm") != 0) return;
  for (size_t i = 1; i < w->n; i++)
    if (w->w[i][0] == '@' && w->w[i][1] == '/' && !provides(im, w->w[i] + 1, 0))
      finding(im, line, im->starter, arena_printf(im->c->mem, "the script of %s starts qvm with "
                                                  "'%s', which is not in the image", im->what,
                                                  w->w[i]));
}

static void check_script(image *im) {
  const mkb_node *script = node_get(im->img, "script");
  arena *a = im->c->mem;
  words w;
  /* The links the script makes are there for every line. */
  for (size_t i = 0; script && i < script->nitems; i++) {
    const mkb_node *l = script->items[i];
    const char *first =
      l->kind == V_TABLE && l->nitems && l->items[0]->kind == V_STR ? l->items[0]->s : NULL;
    if (l->kind == V_STR ? strstr(l->s, "procmgr_symlink") == NULL
                         : first == NULL || strcmp(first, "procmgr_symlink") != 0)
      continue;
    line_words(a, l, &w);
    if (!w.external && w.n == 3 && strcmp(w.w[0], "procmgr_symlink") == 0)
      add_link(im, norm_path(a, "/", w.w[2]), w.w[1]);
  }
  /* procnto's PATH, unless a line of the bootstrap sets one for every
  ** program below it. */
  const char *path = path_value(a, node_get(node_get(im->img, "env"), "PATH"));
  const mkb_node *boot = node_get(im->img, "bootstrap");
  for (size_t i = 0; boot && i < boot->nitems; i++) {
    const mkb_node *p = node_get(node_get(boot->items[i], "env"), "PATH");
    if (p) path = path_value(a, p);
  }
  for (size_t i = 0; script && i < script->nitems; i++) {
    const mkb_node *line = script->items[i];
    line_words(a, line, &w);
    if (w.n == 0) {
      if (w.path) path = w.path;  /* a line of variables only: for every later line */
      continue;
    }
    if (!w.external && schema_script_command(im->facts, w.w[0])) continue;
    check_command(im, line, w.w[0], w.path ? w.path : path, im->starter);
    check_qvm_args(im, line, &w);
    if (im->starter == NULL && schema_starts_filesystem(im->facts, w.w[0], w.n - 1))
      im->starter = line;
  }
}

/* ---- what a guest's configuration names ------------------------------- */

static void need_host_file(image *host, const mkb_node *site, const char *path,
                           const char *what) {
  if (path[0] != '/' || strncmp(path, "/dev/", 5) == 0 || provides(host, path, 0)) return;
  finding(host, site, host->starter, arena_printf(host->c->mem, "%s '%s', which is not in the "
                                                 "image of %s", what, path, host->what));
}

/* A hostdev that qvm reads: a file (read-only with '<'), not a device in
** /dev, not an output ('>'), not qvm's own stdout ('-'), not a pipe. */
static void need_hostdev(image *host, const mkb_node *site, const char *dev, const char *what) {
  if (dev[0] == '<') dev++;
  if (dev[0] == '>' || dev[0] == '|' || strcmp(dev, "-") == 0) return;
  need_host_file(host, site, dev, what);
}

static void check_guest_files(image *host, const mkb_guest *g) {
  arena *a = host->c->mem;
  const mkb_node *load = node_get(g->model, "load");
  for (size_t i = 0; load && i < load->nitems; i++) {
    const mkb_node *it = load->items[i];
    if (it->kind == V_TABLE && it->nitems) it = it->items[0];
    if (it->kind == V_STR)
      need_host_file(host, it, it->s, arena_printf(a, "guest '%s' loads", g->name));
  }
  const mkb_node *vdevs = node_get(g->model, "vdevs");
  for (size_t i = 0; vdevs && i < vdevs->nkeys; i++) {
    const mkb_node *hd = node_get(vdevs->vals[i], "hostdev");
    const char *what = arena_printf(a, "vdev '%s' of guest '%s' uses the file", vdevs->keys[i],
                                    g->name);
    if (hd && hd->kind == V_STR) need_hostdev(host, hd, hd->s, what);
    for (size_t k = 0; hd && hd->kind == V_TABLE && k < hd->nitems; k++)
      if (hd->items[k]->kind == V_STR) need_hostdev(host, hd->items[k], hd->items[k]->s, what);
  }
}

/* ---- host files and ELF ------------------------------------------------ */

/* The search folders of an entry: its own, else those of the attribute
** lines in force (attrs), else NULL. */
static size_t search_of(image *im, const mkb_node *own, const mkb_node *attrs, const char *arch,
                        const char *const **dirs) {
  const mkb_node *s = own ? own : node_get(attrs, "search");
  if (s == NULL || s->kind != V_TABLE) return 0;
  const char **v = arena_alloc(im->c->mem, (s->nitems + 1) * sizeof *v);
  size_t n = 0;
  for (size_t i = 0; i < s->nitems; i++)
    if (s->items[i]->kind == V_STR) v[n++] = hostfs_expand(im->in->fs, s->items[i]->s, arch);
  *dirs = v;
  return n;
}

static void report_missing(image *im, const char *host, const mkb_node *site, int optional,
                           const char *const *dirs, size_t n, const char *cwd) {
  strbuf b;
  sb_init(&b);
  if (cwd && host[0] != '/' && strchr(host, '/')) sb_printf(&b, "%s (where mkifs runs), ", cwd);
  for (size_t i = 0; i < n; i++) sb_printf(&b, "%s%s", i ? ", " : "", dirs[i]);
  diag_level lv = optional ? DIAG_WARNING : DIAG_ERROR;
  const char *tail = optional ? "; it is optional: mkifs leaves it out" : "";
  if (host[0] == '/')
    check_report(im->c, lv, site, NULL, "host file '%s' of %s does not exist%s", host, im->what,
                 tail);
  else
    check_report(im->c, lv, site, NULL, "host file '%s' of %s is in no folder of mkifs' search "
                 "path: %s%s", host, im->what, b.s ? b.s : "(none)", tail);
  sb_free(&b);
}

/* "x86_64", or "aarch64le (32-bit, big-endian)" when only the machine
** matches, or "ELF machine 8 (...)". */
static const char *elf_target(const image *im, const elf_info *e) {
  const schema_arch *a = schema_arch_of_machine(im->facts, e->machine);
  if (a && a->elf_class == e->bits && a->big_endian == e->big_endian) return a->name;
  const char *order = e->big_endian ? "big" : "little";
  if (a) return arena_printf(im->c->mem, "%s (%d-bit, %s-endian)", a->name, e->bits, order);
  return arena_printf(im->c->mem, "ELF machine %u (%d-bit, %s-endian)", e->machine, e->bits,
                      order);
}

static void check_elf(image *im, const char *host, const char *found, const char *target,
                      const mkb_node *site) {
  check_ctx *c = im->c;
  elf_info *e = arena_alloc(c->mem, sizeof *e);
  const char *why;
  elf_status st = elf_read_file(found, c->mem, e, &why);
  if (st == ELF_NOT) return;
  if (st == ELF_BAD) {
    check_report(c, DIAG_ERROR, site, NULL, "host file '%s' of %s (%s) is not a valid ELF "
                 "file: %s", host, im->what, found, why);
    return;
  }
  const char *arch = node_str(im->img, "arch");
  const schema_arch *want = schema_arch_named(im->facts, arch);
  const char *got = elf_target(im, e);
  if (want && strcmp(got, want->name) != 0) {
    check_report(c, DIAG_ERROR, site, NULL, "host file '%s' of %s (%s) is built for %s; the "
                 "image is %s", host, im->what, found, got, arch);
    return;
  }
  if (e->soname) strmap_put(&im->sonames, e->soname, (void *)1);
  program *p = arena_alloc(c->mem, sizeof *p);
  *p = (program){ target, host, found, site, e };
  ptrvec_push(c->mem, &im->programs, p);
}

/* Looks host file of entry v (its attributes, and attrs, those of the
** lines in force) up, reporting at site. */
static void resolve_one(image *im, const char *host, const char *target, const mkb_node *v,
                        const mkb_node *attrs, const mkb_node *site, int optional) {
  const closure_in *in = im->in;
  for (size_t i = 0; i < in->nmade; i++)
    if (strcmp(host, in->made[i]) == 0) return;
  const char *arch = node_str(im->img, "arch");
  const char *const *dirs, *cwd = NULL;
  int cwd_first = 0;
  size_t n = search_of(im, v->kind == V_TABLE ? node_get(v, "search") : NULL, attrs, arch, &dirs);
  if (n == 0) n = hostfs_default(in->fs, arch, &dirs, &cwd_first);
  if (cwd_first) cwd = in->workdir ? in->workdir : ".";
  const char *found = hostfs_find(in->fs, host, dirs, n, cwd);
  if (found == NULL) {
    report_missing(im, host, site, optional, dirs, n, cwd);
    return;
  }
  if (in->found) ptrvec_push(im->c->mem, in->found, arena_strdup(im->c->mem, found));
  const char *filter = v->kind == V_TABLE ? node_str(v, "filter") : NULL;
  if (filter == NULL || strcmp(filter, "none") == 0) check_elf(im, host, found, target, site);
}

/* The host file of an entry: NULL for what mkifs makes itself (inline
** contents, links, folders, fifos). */
static const char *host_of(const char *key, const mkb_node *v) {
  if (v->kind == V_STR) return v->s;
  if (v->kind != V_TABLE) return key;
  const char *type = node_str(v, "type");
  if (node_get(v, "contents") || node_get(v, "link") || node_bool(v, "dir", 0) ||
      (type && strcmp(type, "file") != 0))
    return NULL;
  return v->nitems && v->items[0]->kind == V_STR ? v->items[0]->s : key;
}

/* Every library a program needs is an entry of the image, by file name or
** soname. */
static void check_needed(image *im) {
  for (size_t i = 0; i < im->programs.n; i++) {
    const program *p = im->programs.v[i];
    for (size_t k = 0; k < p->elf->nneeded; k++) {
      const char *lib = p->elf->needed[k];
      if (strmap_get(names_of(im), lib) || strmap_get(&im->sonames, lib)) continue;
      finding(im, p->site, im->starter, arena_printf(im->c->mem, "'%s' (host file %s) needs the "
                                                     "shared library %s, which is not in the "
                                                     "image of %s", p->target, p->found, lib,
                                                     im->what));
    }
  }
}

static void resolve_image(image *im) {
  if (im->in->fs == NULL || node_str(im->img, "arch") == NULL) return;
  const mkb_node *attrs = node_get(im->img, "attributes");
  const char *boot[2] = { "startup", "kernel" };
  for (int i = 0; i < 2; i++) {
    const mkb_node *cmd = node_get(im->img, boot[i]);
    /* A bootstrap program may not be optional ([S64]). */
    if (cmd && cmd->kind == V_TABLE && cmd->nitems && cmd->items[0]->kind == V_STR)
      resolve_one(im, cmd->items[0]->s, cmd->items[0]->s, cmd, attrs, cmd->items[0], 0);
  }
  int bootable = node_get(im->img, "startup") != NULL;
  image_walk w;
  image_entry e;
  entries_begin(&w, im->img, im->c->mem);
  while (entries_next(&w, &e)) {
    const char *host = host_of(e.key, e.val);
    if (host == NULL) continue;
    resolve_one(im, host, check_target(im->c, e.key, e.val, bootable), e.val, e.attrs, e.val,
                node_bool(e.val, "optional", node_bool(e.attrs, "optional", 0)));
  }
  check_needed(im);
}

int closure_check(check_ctx *c, const closure_in *in, const mkb_node *board,
                  const mkb_guest *guests, size_t n) {
  int before = c->diags->errors;
  image host;
  c->cur = c->stack;
  image_open(&host, c, in, board, arena_printf(c->mem, "board '%s'", c->board_name));
  check_script(&host);
  resolve_image(&host);
  for (size_t i = 0; i < n; i++) check_guest_files(&host, &guests[i]);
  image_close(&host);
  for (size_t i = 0; i < n; i++) {
    const mkb_node *ifs = node_get(guests[i].model, "ifs");
    if (ifs == NULL) continue;
    c->cur = c->gstacks ? &c->gstacks[i] : NULL;
    image g;
    image_open(&g, c, in, ifs, arena_printf(c->mem, "guest '%s'", guests[i].name));
    check_script(&g);
    resolve_image(&g);
    image_close(&g);
  }
  c->cur = c->stack;
  return c->diags->errors - before;
}
