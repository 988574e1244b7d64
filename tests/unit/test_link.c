/* SPDX-License-Identifier: MIT
** test_link.c: the layer stack (src/core/link.c): the order of the layers
** (includes depth first, left to right, each recipe once, then the recipe,
** then the --set layers), what each layer includes, and the errors — include
** cycles, unknown includes with their did-you-mean, includes of the wrong
** kind, an include that is not a list — each with its place. The recipes
** are written to a temporary folder put first on the search path. Runs in
** the source root (CTest's working directory). */
#define _DEFAULT_SOURCE
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/link.h"
#include "core/session.h"
#include "unit.h"

static char DIR_[PATH_MAX];

static void write_recipe(const char *name, const char *text) {
  char path[PATH_MAX + 64];
  snprintf(path, sizeof path, "%s/%s.lua", DIR_, name);
  FILE *f = fopen(path, "w");
  if (f == NULL) {
    perror(path);
    exit(1);
  }
  fputs(text, f);
  fclose(f);
}

/* Links name in a fresh session; the diagnostics, as printed, go to *diags. */
typedef struct run {
  mkb_session s;
  arena a;
  mkb_stack st;
  int rc;
  strbuf diags;
} run;

static void link_run(run *r, const char *name, const char *set) {
  char root[PATH_MAX];
  if (getcwd(root, sizeof root) == NULL) exit(1);
  const char *inc[1] = { DIR_ };
  const char *sets[1] = { set };
  mkb_options o = { 0 };
  o.incdirs = inc;
  o.ninc = 1;
  o.sets = sets;
  o.nsets = set ? 1 : 0;
  if (session_open(&r->s, root, &o) != 0) {
    diag_print(&r->s.diags, stderr, 0);
    exit(1);
  }
  arena_init(&r->a);
  r->rc = link_stack(r->s.host, name, r->s.sets, r->s.nsets, NULL, &r->a, &r->s.diags, &r->st);
  char *buf = NULL;
  size_t len = 0;
  FILE *m = open_memstream(&buf, &len);
  diag_print(&r->s.diags, m, 0);
  fclose(m);
  sb_init(&r->diags);
  sb_addn(&r->diags, buf, len);
  free(buf);
}

static void run_free(run *r) {
  sb_free(&r->diags);
  arena_free(&r->a);
  session_close(&r->s);
}

/* The layer names of the stack, "a b c". */
static const char *names(run *r) {
  strbuf b;
  sb_init(&b);
  for (size_t i = 0; i < r->st.n; i++) sb_printf(&b, "%s%s", i ? " " : "", r->st.layers[i].name);
  const char *s = arena_strdup(&r->a, b.s ? b.s : "");
  sb_free(&b);
  return s;
}

/* The layers layer i includes directly, "0 2". */
static const char *incs(run *r, size_t i) {
  strbuf b;
  sb_init(&b);
  const mkb_layer *l = &r->st.layers[i];
  for (size_t k = 0; k < l->ninc; k++) sb_printf(&b, "%s%d", k ? " " : "", l->inc[k]);
  const char *s = arena_strdup(&r->a, b.s ? b.s : "");
  sb_free(&b);
  return s;
}

static void test_order(void) {
  write_recipe("lk_base", "fragment \"lk_base\" { description = \"base\" }\n");
  write_recipe("lk_f1", "fragment \"lk_f1\" { include = { \"lk_base\" } }\n");
  write_recipe("lk_f3", "fragment \"lk_f3\" { }\n");
  write_recipe("lk_f2", "fragment \"lk_f2\" { include = { \"lk_base\", \"lk_f3\" } }\n");
  write_recipe("lk_b", "board \"lk_b\" {\n  include = { \"lk_f1\", \"lk_f2\", \"lk_f1\" },\n"
                       "  arch = \"x86_64\",\n}\n");
  run r;
  link_run(&r, "lk_b", "qnx=8.0");
  CHECK_INT(r.rc, 0);
  CHECK_STR(r.diags.s ? r.diags.s : "", "");
  /* Depth first, left to right, each once; the recipe; then --set. */
  CHECK_STR(names(&r), "lk_base lk_f1 lk_f3 lk_f2 lk_b --set");
  CHECK_STR(incs(&r, 0), "");
  CHECK_STR(incs(&r, 1), "0");
  CHECK_STR(incs(&r, 3), "0 2");
  CHECK_STR(incs(&r, 4), "1 3 1");
  CHECK_STR(incs(&r, 5), "0 1 2 3 4");
  CHECK(r.st.root != NULL && strcmp(r.st.root->name, "lk_b") == 0);
  CHECK(r.st.layers[5].decl == NULL);
  /* The include list builds the stack: no layer holds it as a value. */
  const mkb_def *f = r.st.layers[4].fields;
  CHECK_INT(f->nkeys, 1);
  CHECK_STR(f->keys[0], "arch");
  CHECK_INT(link_includes(&r.st, 4, 0), 1);
  CHECK_INT(link_includes(&r.st, 3, 2), 1);
  CHECK_INT(link_includes(&r.st, 1, 2), 0);
  CHECK_INT(link_includes(&r.st, 2, 0), 0);
  CHECK_INT(link_includes(&r.st, 5, 4), 1);
  run_free(&r);
}

static void test_cycle(void) {
  write_recipe("lk_ca", "fragment \"lk_ca\" { include = { \"lk_cb\" } }\n");
  write_recipe("lk_cb", "fragment \"lk_cb\" {\n  include = { \"lk_cc\" },\n}\n");
  write_recipe("lk_cc", "fragment \"lk_cc\" {\n  include = {\n    \"lk_ca\" } }\n");
  run r;
  link_run(&r, "lk_ca", NULL);
  CHECK_INT(r.rc, -1);
  char want[4 * PATH_MAX];
  snprintf(want, sizeof want,
           "%s/lk_cc.lua:3:5: error: include cycle: lk_ca -> lk_cb -> lk_cc -> lk_ca\n"
           "%s/lk_ca.lua:1:32: note: 'lk_ca' includes 'lk_cb' here\n"
           "%s/lk_cb.lua:2:15: note: 'lk_cb' includes 'lk_cc' here\n",
           DIR_, DIR_, DIR_);
  CHECK_STR(r.diags.s, want);
  run_free(&r);
}

static void test_unknown(void) {
  write_recipe("lk_u", "fragment \"lk_u\" { include = { \"lk_bsae\", \"no-such-thing\" } }\n");
  run r;
  link_run(&r, "lk_u", NULL);
  CHECK_INT(r.rc, -1);
  char want[4 * PATH_MAX];
  snprintf(want, sizeof want,
           "%s/lk_u.lua:1:31: error: include: 'lk_bsae' is not a recipe; did you mean "
           "'lk_base'?\n"
           "%s/lk_u.lua:1:42: error: include: 'no-such-thing' is not a recipe on the search "
           "path (see 'mkbuildfile list')\n",
           DIR_, DIR_);
  CHECK_STR(r.diags.s, want);
  run_free(&r);

  link_run(&r, "lk_nothing_like_it", NULL);
  CHECK_INT(r.rc, -1);
  CHECK_STR(r.diags.s, "mkbuildfile: error: 'lk_nothing_like_it' is not a recipe on the search path "
                       "(see 'mkbuildfile list')\n");
  run_free(&r);
}

static void test_wrong_kind(void) {
  write_recipe("lk_g", "guest \"lk_g\" { }\n");
  write_recipe("lk_wb", "board \"lk_wb\" { include = { \"lk_g\" } }\n");
  write_recipe("lk_nl", "board \"lk_nl\" { include = \"lk_base\" }\n");
  run r;
  link_run(&r, "lk_wb", NULL);
  CHECK_INT(r.rc, -1);
  char want[4 * PATH_MAX];
  snprintf(want, sizeof want,
           "%s/lk_wb.lua:1:29: error: board 'lk_wb' cannot include guest 'lk_g': a board "
           "includes fragments and boards\n"
           "%s/lk_g.lua:1:1: note: guest 'lk_g' is declared here\n",
           DIR_, DIR_);
  CHECK_STR(r.diags.s, want);
  run_free(&r);

  link_run(&r, "lk_nl", NULL);
  CHECK_INT(r.rc, -1);
  snprintf(want, sizeof want,
           "%s/lk_nl.lua:1:17: error: 'include' takes a plain list of recipe names, as in "
           "include = { \"name\" }\n",
           DIR_);
  CHECK_STR(r.diags.s, want);
  run_free(&r);
}

int main(void) {
  snprintf(DIR_, sizeof DIR_, "%s/mkb-link-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
  if (mkdtemp(DIR_) == NULL) {
    perror("mkdtemp");
    return 1;
  }
  test_order();
  test_cycle();
  test_unknown();
  test_wrong_kind();
  char cmd[PATH_MAX + 16];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", DIR_);
  if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", DIR_);
  return unit_report();
}
