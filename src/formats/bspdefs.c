/* SPDX-License-Identifier: MIT
** bspdefs.c: a BSP's board definitions file as a board recipe (bspdefs.h).
**
** The definitions are read with m4 (m4.c), the template's own macros of the
** schema defined first. Then the parts of the buildfile QNX's template
** would write are made from the schema's m4 texts, each expanded with the
** board's macros and read by the buildfile parser (parse_build.c): the
** bootstrap, and per step of the script its start lines and its files.
** The recipe says, for each block, which macro it came from and where. */
#include "formats/bspdefs.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/output.h"
#include "core/boot_facts.h"
#include "formats/m4.h"
#include "formats/parse_build.h"

#define WIDTH 100   /* a recipe line longer than this wraps */

/* ---- the schema's table 'bsp' ---------------------------------------- */

typedef struct bsp_step {
  const char *name;
  const char **when;       /* one of them defined: the step is the board's */
  size_t nwhen;
  const char *start;       /* the board's block, or NULL */
  const char *script;      /* the template's lines, or NULL */
  const char *files;       /* buildfile entries, or NULL */
} bsp_step;

typedef struct bsp_facts {
  const char *qnx;
  const char *bootstrap;
  const char **required, **known, **commands;
  size_t nrequired, nknown, ncommands;
  boot_pair *template;     /* macros of the template, sorted by name */
  size_t ntemplate;
  bsp_step *steps;
  size_t nsteps;
  strmap mentioned;        /* every __NAME__ the texts above name */
} bsp_facts;

static const char *member_str(const mkb_def *t, const char *key) {
  const mkb_def *v = boot_member(t, key);
  return v && v->kind == V_STR ? v->s : NULL;
}

static int by_key(const void *x, const void *y) {
  return strcmp(((const boot_pair *)x)->key, ((const boot_pair *)y)->key);
}

/* Records every __NAME__ of text in f->mentioned. */
static void mention(bsp_facts *f, arena *a, const char *text) {
  for (const char *p = text ? strstr(text, "__") : NULL; p; p = strstr(p, "__")) {
    const char *e = p + 2;
    while ((*e >= 'A' && *e <= 'Z') || (*e >= '0' && *e <= '9') || *e == '_') e++;
    if (e - p > 4 && e[-1] == '_' && e[-2] == '_') {
      const char *nm = arena_strndup(a, p, (size_t)(e - p));
      if (!strmap_get(&f->mentioned, nm)) strmap_put(&f->mentioned, nm, (void *)1);
    }
    p = e;
  }
}

static int read_steps(bsp_facts *f, const mkb_def *l, arena *a) {
  if (l == NULL || l->kind != V_TABLE || l->nitems == 0) return -1;
  f->steps = arena_alloc(a, l->nitems * sizeof *f->steps);
  for (size_t i = 0; i < l->nitems; i++) {
    bsp_step *st = &f->steps[f->nsteps++];
    const mkb_def *d = l->items[i];
    st->name = member_str(d, "name");
    st->start = member_str(d, "start");
    st->script = member_str(d, "script");
    st->files = member_str(d, "files");
    st->when = boot_strings(boot_member(d, "when"), a, &st->nwhen);
    if (st->name == NULL) return -1;
    mention(f, a, st->start);
    mention(f, a, st->script);
    mention(f, a, st->files);
    for (size_t k = 0; k < st->nwhen; k++) mention(f, a, st->when[k]);
  }
  return 0;
}

/* The table 'bsp' of the schema; NULL after reporting what is missing. */
static bsp_facts *facts_read(const mkb_schema *s, arena *a, diag_list *d) {
  const mkb_def *t = s->bsp, *tp = boot_member(t, "template");
  bsp_facts *f = arena_alloc(a, sizeof *f);
  strmap_init(&f->mentioned);
  f->qnx = member_str(t, "qnx");
  f->bootstrap = member_str(t, "bootstrap");
  f->required = boot_strings(boot_member(t, "required"), a, &f->nrequired);
  f->known = boot_strings(boot_member(t, "known"), a, &f->nknown);
  f->commands = boot_strings(boot_member(t, "commands"), a, &f->ncommands);
  int bad = f->qnx == NULL || f->bootstrap == NULL || f->required == NULL ||
            f->known == NULL || f->commands == NULL || tp == NULL || tp->kind != V_TABLE;
  if (!bad) {
    f->template = arena_alloc(a, (tp->nkeys + 1) * sizeof *f->template);
    for (size_t i = 0; i < tp->nkeys && !bad; i++) {
      bad = tp->vals[i]->kind != V_STR;
      f->template[f->ntemplate].key = tp->keys[i];
      f->template[f->ntemplate++].value = tp->vals[i]->s;
      mention(f, a, tp->vals[i]->s);
    }
    qsort(f->template, f->ntemplate, sizeof *f->template, by_key);
    bad = bad || read_steps(f, boot_member(t, "steps"), a) != 0;
    mention(f, a, f->bootstrap);
  }
  if (bad) {
    diag_add(d, DIAG_ERROR, NULL, 0, 0, "schema: 'bsp' needs 'qnx', 'bootstrap', 'required', "
             "'known', 'commands', 'template' (NAME = \"text\") and 'steps' (each with a "
             "'name')");
    strmap_free(&f->mentioned);
    return NULL;
  }
  return f;
}

/* ---- recognizing a definitions file ------------------------------------ */

int bspdefs_is(const char *text, size_t len) {
  static const char *const starts[] = { "define(`__", "undefine(`__" };
  for (size_t i = 0; i < len;) {
    while (i < len && (text[i] == ' ' || text[i] == '\t')) i++;
    for (size_t k = 0; k < 2; k++) {
      size_t n = strlen(starts[k]);
      if (len - i >= n && memcmp(text + i, starts[k], n) == 0) return 1;
    }
    const char *nl = memchr(text + i, '\n', len - i);
    i = nl ? (size_t)(nl - text) + 1 : len;
  }
  return 0;
}

/* A definitions file is text of some KiB: a larger file is none. */
#define MAX_DEFS (16u << 20)

int bspdefs_is_file(const char *path) {
  arena a;
  arena_init(&a);
  size_t len;
  const char *text = file_read(&a, path, MAX_DEFS, &len);
  int is = text && bspdefs_is(text, len);
  arena_free(&a);
  return is;
}

static const char *read_file(void *ctx, arena *a, const char *path, size_t *len) {
  (void)ctx;
  return file_read(a, path, MAX_DEFS, len);
}

/* ---- the import ---------------------------------------------------------- */

/* A block of the recipe: a step's script lines and files, and whence. */
typedef struct block {
  const bsp_step *step;
  const char *script_why, *files_why;
  mkb_node *script;        /* a list of lines, or NULL */
  mkb_node *files;         /* a map, or NULL */
} block;

struct bspdefs {
  mkb_session *s;
  arena mem;
  arena *a;
  const bsp_facts *f;
  m4 *m;
  const char *path;
  mkb_node *header;        /* the parsed bootstrap */
  ptrvec blocks;           /* block* in step order */
  strmap seen;             /* image path -> the block that gave it */
  strmap used;             /* names of the macros an expansion used */
  ptrvec left, unknown;    /* m4_macro*: defined, not used; known or not */
};
typedef struct bspdefs imp;

/* Where a macro of the file was defined: "line 12", or "FILE:12" when an
** included file defined it. */
static const char *place(const imp *I, const m4_macro *x) {
  if (x->file && strcmp(x->file, I->path) != 0)
    return arena_printf(I->a, "%s:%d", x->file, x->line);
  return arena_printf(I->a, "line %d", x->line);
}

static const m4_macro *board_macro(const imp *I, const char *name) {
  const m4_macro *x = name ? m4_get(I->m, name) : NULL;
  return x && !x->from_template ? x : NULL;
}

/* Parses buildfile text made for `what`; its errors are reported at the
** macro it came from (at). A script's lines are wrapped in the startup
** script. Returns the part asked for ("script" or "files"), or NULL. */
static mkb_node *parse_text(imp *I, const char *text, const char *part, const m4_macro *at,
                            const char *what) {
  int script = strcmp(part, "script") == 0;
  const char *src = script ? arena_printf(I->a, "[+script] startup-script = {\n%s\n}\n", text)
                           : text;
  diag_list d;
  diag_init(&d);
  mkb_node *m = parse_buildfile(I->path, src, strlen(src), I->a, &d);
  for (size_t i = 0; i < d.items.n; i++) {
    const diag *g = d.items.v[i];
    diag_add(&I->s->diags, g->level, at ? at->file : I->path, at ? at->line : 1,
             at ? at->col : 1, "%s: line %d of the buildfile text it makes: %s", what,
             g->line - script, g->msg);
  }
  int failed = d.errors > 0;
  diag_free(&d);
  return failed ? NULL : node_get(m, part);
}

/* The expansion of text, its errors at `at` (or the file's start). The
** board's macros it used are recorded; *first (when not NULL) gets the
** first of them the file defines. */
static const char *expand(imp *I, const char *text, const m4_macro *at, const m4_macro **first) {
  const char *s = m4_expand(I->m, text, at ? at->file : I->path, at ? at->line : 1,
                            at ? at->col : 1);
  const m4_macro **v;
  size_t n = m4_list(I->m, &v);
  if (first) *first = NULL;
  for (size_t i = 0; i < n; i++) {
    if (!v[i]->used) continue;
    if (first && *first == NULL) *first = v[i];
    if (!strmap_get(&I->used, v[i]->name)) strmap_put(&I->used, v[i]->name, (void *)1);
  }
  m4_clear_used(I->m);
  return s;
}

static int blank(const char *s) {
  return s == NULL || strspn(s, " \t\r\n") == strlen(s);
}

/* The first macro of the step's `when` that the board defines. */
static const m4_macro *step_when(const imp *I, const bsp_step *st) {
  for (size_t i = 0; i < st->nwhen; i++)
    if (board_macro(I, st->when[i])) return board_macro(I, st->when[i]);
  return NULL;
}

/* "NAME (line N)", or what stands for the template when none is given. */
static const char *why(imp *I, const m4_macro *x, const char *none) {
  return x ? arena_printf(I->a, "%s (%s)", x->name, place(I, x)) : none;
}

static void run_step(imp *I, const bsp_step *st) {
  const m4_macro *start = board_macro(I, st->start), *when = step_when(I, st), *used;
  int on = st->nwhen == 0 || when != NULL;
  block *b = arena_alloc(I->a, sizeof *b);
  b->step = st;
  const char *text = NULL;
  if (start) {
    text = expand(I, st->start, start, NULL);
    b->script_why = why(I, start, NULL);
  } else if (st->script && on) {
    text = expand(I, st->script, when, &used);
    b->script_why = when ? arena_printf(I->a, "the template's lines, for %s", why(I, when, ""))
                         : used ? arena_printf(I->a, "the template's lines, with %s",
                                               why(I, used, ""))
                                : "the template's lines";
  }
  if (!blank(text)) b->script = parse_text(I, text, "script", start ? start : when, st->name);
  const m4_macro *fat = when ? when : start;
  const char *files = st->files && on ? expand(I, st->files, fat, &used) : NULL;
  if (!blank(files)) {
    b->files = parse_text(I, files, "files", fat ? fat : used, st->name);
    b->files_why = why(I, fat ? fat : used, "the template's files");
  }
  ptrvec_push(I->a, &I->blocks, b);
}

/* Is there an entry named `name` (a last path segment) among the files? */
static int holds(const imp *I, const char *name) {
  for (size_t i = 0; i < I->blocks.n; i++) {
    const mkb_node *f = ((const block *)I->blocks.v[i])->files;
    for (size_t k = 0; f && k < f->nkeys; k++) {
      const char *slash = strrchr(f->keys[k], '/');
      if (strcmp(slash ? slash + 1 : f->keys[k], name) == 0) return 1;
    }
  }
  return 0;
}

/* The template's programs the script starts and no block gives, as a block
** of their own. */
static void add_commands(imp *I) {
  static const bsp_step step = { "the template's programs", NULL, 0, NULL, NULL, NULL };
  block *c = arena_alloc(I->a, sizeof *c);
  c->step = &step;
  c->files_why = "what the script lines above start";
  c->files = node_new(I->a, V_TABLE);
  size_t nblocks = I->blocks.n;
  ptrvec_push(I->a, &I->blocks, c);
  for (size_t i = 0; i < nblocks; i++) {
    const mkb_node *l = ((const block *)I->blocks.v[i])->script;
    for (size_t k = 0; l && k < l->nitems; k++) {
      const mkb_node *w = l->items[k]->nitems ? l->items[k]->items[0] : NULL;
      if (w == NULL || w->kind != V_STR || strchr(w->s, '/') || holds(I, w->s) ||
          schema_script_command(I->s->schema->images, w->s))
        continue;
      for (size_t j = 0; j < I->f->ncommands; j++) {
        const char *slash = strrchr(I->f->commands[j], '/');
        if (slash && strcmp(slash + 1, w->s) == 0)
          node_set(I->a, c->files, I->f->commands[j], node_new_str(I->a, w->s, NULL, NULL));
      }
    }
  }
}

/* The bootstrap: [image=...], [virtual=...] and the two lines. */
static int read_header(imp *I) {
  int bad = 0;
  for (size_t i = 0; i < I->f->nrequired; i++)
    if (board_macro(I, I->f->required[i]) == NULL) {
      diag_add(&I->s->diags, DIAG_ERROR, I->path, 1, 1, "the definitions define no %s: "
               "QNX's template needs it for the bootstrap of the image",
               I->f->required[i]);
      bad = 1;
    }
  if (bad) return -1;
  const m4_macro *at = board_macro(I, I->f->required[0]);
  const char *text = expand(I, I->f->bootstrap, at, NULL);
  if (text == NULL) return -1;
  diag_list d;
  diag_init(&d);
  I->header = parse_buildfile(I->path, text, strlen(text), I->a, &d);
  for (size_t i = 0; i < d.items.n; i++) {
    const diag *g = d.items.v[i];
    diag_add(&I->s->diags, g->level, at->file, at->line, at->col, "the bootstrap, line %d of "
             "the buildfile text it makes: %s", g->line, g->msg);
  }
  bad = d.errors > 0 || I->header == NULL;
  diag_free(&d);
  return bad ? -1 : 0;
}

/* ---- the macros the recipe does not use ------------------------------- */

static int glob(const char *pat, const char *s) {
  const char *star = strchr(pat, '*');
  if (star == NULL) return strcmp(pat, s) == 0;
  size_t pre = (size_t)(star - pat), post = strlen(star + 1), n = strlen(s);
  return n >= pre + post && strncmp(s, pat, pre) == 0 && strcmp(s + n - post, star + 1) == 0;
}

static int known(const imp *I, const char *name) {
  if (strmap_get(&I->f->mentioned, name)) return 1;
  for (size_t i = 0; i < I->f->nknown; i++)
    if (glob(I->f->known[i], name)) return 1;
  return 0;
}

/* Sorts the macros the file defines and nothing used: known ones are left
** to the template, unknown ones are warned about at their define(). */
static void sort_unused(imp *I) {
  const m4_macro **v;
  size_t n = m4_list(I->m, &v);
  for (size_t i = 0; i < n; i++) {
    if (strmap_get(&I->used, v[i]->name)) continue;
    int k = known(I, v[i]->name);
    ptrvec_push(I->a, k ? &I->left : &I->unknown, (void *)v[i]);
    if (!k)
      diag_add(&I->s->diags, DIAG_WARNING, v[i]->file, v[i]->line, v[i]->col,
               "%s is a macro mkbuildfile does not know: kept as a comment in the recipe",
               v[i]->name);
  }
}

/* The comment lines of the macros of the list: NAME = "value"  (line N). */
static void macro_comments(imp *I, const ptrvec *l, const char *title, strbuf *out) {
  if (l->n) sb_printf(out, "\n-- %s\n", title);
  for (size_t i = 0; i < l->n; i++) {
    const m4_macro *x = l->v[i];
    sb_printf(out, "--   %s = ", x->name);
    sb_lua_string(out, x->value);
    sb_printf(out, "  (%s)\n", place(I, x));
  }
}

/* ---- writing the recipe --------------------------------------------------- */

static size_t column(const strbuf *b) {
  size_t i = b->len;
  while (i > 0 && b->s[i - 1] != '\n') i--;
  return b->len - i;
}

/* A table on as few lines as it takes, "{ a, b, k = v }", each element as
** sb_lua_value writes it, wrapped under the first one past WIDTH. */
static void wrapped(strbuf *b, const mkb_node *t) {
  if (t->kind != V_TABLE || (t->nitems == 0 && t->nkeys == 0)) {
    sb_lua_value(b, t);
    return;
  }
  size_t indent = column(b) + 2, n = t->nitems + t->nkeys;
  strbuf e;
  sb_init(&e);
  sb_adds(b, "{ ");
  for (size_t i = 0; i < n; i++) {
    sb_clear(&e);
    if (i >= t->nitems) {
      sb_lua_key(&e, t->keys[i - t->nitems]);
      sb_adds(&e, " = ");
    }
    sb_lua_value(&e, i < t->nitems ? t->items[i] : t->vals[i - t->nitems]);
    if (i > 0 && column(b) + 2 + e.len + 3 > WIDTH) {
      sb_adds(b, ",\n");
      for (size_t k = 0; k < indent; k++) sb_addc(b, ' ');
    } else if (i > 0) {
      sb_adds(b, ", ");
    }
    sb_adds(b, e.s);
  }
  sb_adds(b, " }");
  sb_free(&e);
}

/* A file's value: inline contents as a long string, the rest wrapped. */
static void file_value(strbuf *b, const mkb_node *v) {
  const mkb_node *c = node_get(v, "contents");
  if (c == NULL || c->kind != V_STR || strchr(c->s, '\n') == NULL) {
    wrapped(b, v);
    return;
  }
  sb_adds(b, "{ ");
  for (size_t i = 0; i < v->nitems; i++) {
    sb_lua_value(b, v->items[i]);
    sb_adds(b, ", ");
  }
  for (size_t i = 0; i < v->nkeys; i++) {
    if (v->vals[i] == c) continue;
    sb_lua_key(b, v->keys[i]);
    sb_adds(b, " = ");
    sb_lua_value(b, v->vals[i]);
    sb_adds(b, ", ");
  }
  sb_adds(b, "contents = ");
  sb_lua_text(b, c->s);
  sb_adds(b, " }");
}

/* The image of the header without the names the buildfile parser gives
** it (bootname, scriptname): the template writes the defaults. */
static mkb_node *image_of(imp *I) {
  const mkb_node *img = node_get(I->header, "image");
  mkb_node *c = node_new(I->a, V_TABLE);
  for (size_t i = 0; img && i < img->nkeys; i++)
    if (strcmp(img->keys[i], "bootname") != 0 && strcmp(img->keys[i], "scriptname") != 0)
      node_set(I->a, c, img->keys[i], img->vals[i]);
  return c;
}

static void header_fields(imp *I, strbuf *out) {
  const mkb_node *h = I->header;
  struct { const char *key; const mkb_node *v; } one[] = {
    { "arch", node_get(h, "arch") }, { "qnx", node_new_str(I->a, I->f->qnx, NULL, NULL) },
    { "image", image_of(I) }, { "startup", node_get(h, "startup") },
    { "kernel", node_get(h, "kernel") },
  };
  for (size_t i = 0; i < sizeof one / sizeof *one; i++) {
    if (one[i].v == NULL) continue;
    sb_printf(out, "  %-7s = ", one[i].key);
    wrapped(out, one[i].v);
    sb_adds(out, ",\n");
  }
  const mkb_node *env = node_get(h, "env");
  if (env == NULL || env->nkeys == 0) return;
  sb_adds(out, "  env     = {\n");
  for (size_t i = 0; i < env->nkeys; i++) {
    sb_printf(out, "    %-15s = ", env->keys[i]);
    wrapped(out, env->vals[i]);
    sb_adds(out, ",\n");
  }
  sb_adds(out, "  },\n");
}

static void script_field(imp *I, strbuf *out) {
  sb_adds(out, "  script  = {\n");
  for (size_t i = 0; i < I->blocks.n; i++) {
    const block *b = I->blocks.v[i];
    if (b->script == NULL || b->script->nitems == 0) continue;
    sb_printf(out, "    -- %s: %s\n", b->step->name, b->script_why);
    for (size_t k = 0; k < b->script->nitems; k++) {
      sb_adds(out, "    ");
      wrapped(out, b->script->items[k]);
      sb_adds(out, ",\n");
    }
  }
  sb_adds(out, "  },\n");
}

/* The files, by block; a path a block before gave is left out (and said). */
static void files_field(imp *I, strbuf *out) {
  strmap_free(&I->seen);
  strmap_init(&I->seen);
  sb_adds(out, "  files   = {\n");
  for (size_t i = 0; i < I->blocks.n; i++) {
    const block *b = I->blocks.v[i];
    if (b->files == NULL || b->files->nkeys == 0) continue;
    sb_printf(out, "    -- %s: %s\n", b->step->name, b->files_why);
    for (size_t k = 0; k < b->files->nkeys; k++) {
      const char *key = b->files->keys[k];
      const block *had = strmap_get(&I->seen, key);
      if (had) {
        sb_printf(out, "    -- ");
        sb_lua_string(out, key);
        sb_printf(out, " is in the image already (%s)\n", had->step->name);
        continue;
      }
      strmap_put(&I->seen, key, (void *)b);
      sb_adds(out, "    [");
      sb_lua_string(out, key);
      sb_adds(out, "] = ");
      file_value(out, b->files->vals[k]);
      sb_adds(out, ",\n");
    }
  }
  sb_adds(out, "  },\n");
}

void bspdefs_recipe(imp *I, const char *name, strbuf *out) {
  sb_printf(out, "-- %s: imported by mkbuildfile import from the QNX board definitions file\n"
            "-- %s.\n--\n", name, I->path);
  sb_adds(out, "-- The script starts what the definitions enable, in the order of the images\n"
               "-- QNX's build template makes of them (lua/schema.lua, 'bsp'). The template's\n"
               "-- own services (pipe, dumper, mqueue, random, storage, DHCP, ssh, qconn, the\n"
               "-- customize script) are not the board's: add the ones you need.\n\n");
  sb_adds(out, "board ");
  sb_lua_string(out, name);
  sb_adds(out, " {\n");
  header_fields(I, out);
  script_field(I, out);
  files_field(I, out);
  sb_adds(out, "}\n");
  macro_comments(I, &I->left, "Read from the definitions and left to QNX's template (not part of "
                 "the board):", out);
  macro_comments(I, &I->unknown, "Macros mkbuildfile does not know, kept here (add what they do "
                 "by hand):", out);
  sb_printf(out, "\n-- %s as a QNX Hypervisor host; give it its guests here (guests = { ... })\n"
            "-- or when rendering (--set 'guests={ ... }').\n", name);
  sb_adds(out, "board ");
  sb_lua_string(out, arena_printf(I->a, "%s-host", name));
  sb_adds(out, " { include = { ");
  sb_lua_string(out, name);
  sb_adds(out, ", \"hypervisor-host\" } }\n");
}

static const char *no_file(void *ctx, arena *a, const char *path, size_t *len) {
  (void)ctx, (void)a, (void)path, (void)len;
  errno = EPERM;
  return NULL;
}

bspdefs *bspdefs_parse(mkb_session *s, const char *display, const char *text, size_t len,
                       m4_reader read) {
  imp *I = calloc(1, sizeof *I);
  if (I == NULL) die_oom();
  int before = s->diags.errors;
  I->s = s;
  arena_init(&I->mem);
  I->a = &I->mem;
  I->path = display;
  strmap_init(&I->seen);
  strmap_init(&I->used);
  I->f = s->schema->bsp ? facts_read(s->schema, I->a, &s->diags) : NULL;
  if (s->schema->bsp == NULL)
    diag_add(&s->diags, DIAG_ERROR, NULL, 0, 0, "schema: no table 'bsp'");
  if (I->f) {
    /* Diagnostics keep the names of the files m4 reads: they live in the session. */
    I->m = m4_open(I->a, &s->mem, &s->diags, read ? read : no_file, NULL);
    for (size_t i = 0; i < I->f->ntemplate; i++)
      m4_predefine(I->m, I->f->template[i].key, I->f->template[i].value);
  }
  int ok = I->m && m4_read(I->m, display, text, len) == 0;
  if (ok) m4_clear_used(I->m);  /* what the file itself expanded is not the recipe's */
  if (ok && read_header(I) == 0) {
    for (size_t i = 0; i < I->f->nsteps; i++) run_step(I, &I->f->steps[i]);
    add_commands(I);
    sort_unused(I);
  }
  if (s->diags.errors > before) {
    bspdefs_free(I);
    return NULL;
  }
  return I;
}

bspdefs *bspdefs_read(mkb_session *s, const char *path) {
  arena a;
  arena_init(&a);
  size_t len;
  bspdefs *d = NULL;
  const char *text = file_read(&a, path, MAX_DEFS, &len);
  if (text == NULL)
    diag_add(&s->diags, DIAG_ERROR, NULL, 0, 0, "cannot read %s: %s", path, strerror(errno));
  else
    d = bspdefs_parse(s, arena_strdup(&s->mem, path), text, len, read_file);
  arena_free(&a);
  return d;
}

void bspdefs_free(bspdefs *I) {
  if (I == NULL) return;
  m4_close(I->m);
  if (I->f) strmap_free(&((bsp_facts *)I->f)->mentioned);
  strmap_free(&I->seen);
  strmap_free(&I->used);
  arena_free(&I->mem);
  free(I);
}

size_t bspdefs_included(const bspdefs *I, const char *const **out) {
  return m4_included(I->m, out);
}
