/* SPDX-License-Identifier: MIT
** test_m4.c: the m4 of board definitions files (src/formats/m4.c). Each
** rule with the exact text GNU m4 gives for it (checked against m4 1.4
** where it is a GNU builtin), each error with its message and place, and
** inputs that must stop instead of running away. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "formats/m4.h"
#include "unit.h"

static arena A;
static diag_list D;
static m4 *M;

/* The files include() may read: name -> text. */
static const char *const files[][2] = {
  { "defs/common.m4", "define(`__A__', `common')define(`__B__', `b')" },
  { "defs/loop.m4", "include(`loop.m4')" },
};

static const char *reader(void *ctx, arena *a, const char *path, size_t *len) {
  (void)ctx;
  for (size_t i = 0; i < sizeof files / sizeof *files; i++)
    if (strcmp(files[i][0], path) == 0) {
      *len = strlen(files[i][1]);
      return arena_strdup(a, files[i][1]);
    }
  errno = ENOENT;
  return NULL;
}

static void fresh(void) {
  m4_close(M);
  arena_free(&A);
  diag_free(&D);
  arena_init(&A);
  diag_init(&D);
  M = m4_open(&A, &A, &D, reader, NULL);
}

/* Reads defs, then expands text; "ERROR" when either failed. */
static const char *run(const char *defs, const char *text) {
  fresh();
  if (m4_read(M, "defs/t.m4", defs, strlen(defs)) != 0) return "ERROR";
  const char *s = m4_expand(M, text, "t", 1, 1);
  return s ? s : "ERROR";
}

static const char *diags(void) {
  static strbuf b;
  sb_clear(&b);
  static const char *const level[] = { "error", "warning", "note" };
  for (size_t i = 0; i < D.items.n; i++) {
    const diag *g = D.items.v[i];
    sb_printf(&b, "%s:%d:%d: %s: %s\n", g->file ? g->file : "-", g->line, g->col,
              level[g->level], g->msg);
  }
  return b.s ? b.s : "";
}

static void quoting(void) {
  CHECK_STR(run("define(`__X__', `a `b' c')", "__X__"), "a b c");
  CHECK_STR(run("define(`__X__', `a ``b'' c')", "[__X__]"), "[a `b' c]");
  /* an expansion is read again: a name in it is expanded, a quoted one not */
  CHECK_STR(run("define(`__X__', `1')define(`__Y__', `__X__ `__X__'')", "__Y__"), "1 __X__");
  CHECK_STR(run("define(`__X__', `1')define(`__Y__', ``__X__'')", "__Y__"), "__X__");
  /* an unquoted value is expanded when it is defined */
  CHECK_STR(run("define(`__X__', 1)define(`__Y__', __X__ 2)", "__Y__"), "1 2");
  /* leading white space of an argument goes, the rest stays */
  CHECK_STR(run("define(`__X__',\n   -d 100 -e 30000 )", "[__X__]"), "[-d 100 -e 30000 ]");
  CHECK_STR(run("define(`__X__')", "[__X__]"), "[]");
  CHECK_STR(run("changequote(`[[[', `]]]')define([[[__X__]]], [[[a `b' c]]])changequote",
                "__X__"), "a b c");
  /* what changequote protected is read again where it is expanded */
  CHECK_STR(run("changequote(`[[[', `]]]')define([[[__X__]]], [[[it's]]])changequote", "__X__"),
            "it's");
  CHECK_STR(diags(), "");
}

static void comments(void) {
  /* a commented-out define is off; a comment is copied, not expanded */
  CHECK_STR(run("#define(`__X__', `1')\n", "ifdef(`__X__', `on', `off')"), "off");
  CHECK_STR(run("define(`__X__', `1')", "a # __X__ b\n__X__"), "a # __X__ b\n1");
  /* a quoted # is text: the rest of the line is expanded */
  CHECK_STR(run("define(`__X__', `1')", "`#'__X__ __X__"), "#1 1");
  /* a comment's define is not read, even across lines of a value */
  CHECK_STR(run("#define(`__X__', `a\n#b')\ndefine(`__Y__', `y')", "__X__ __Y__"), "__X__ y");
  CHECK_STR(run("define(`__X__', `a')dnl ignored __X__\ndefine(`__Y__', `b')", "__X__ __Y__"),
            "a b");
  CHECK_STR(run("define(`__X__', `dnl')", "<__X__\n>"), "<>");
  CHECK_STR(run("ifelse(\n# a comment block\n)\ndefine(`__X__', `1')", "__X__"), "1");
  CHECK_STR(diags(), "");
}

static void macros(void) {
  CHECK_STR(run("define(`__A__', `__B__, __C__')define(`__B__', `b')define(`__C__', `c')",
                "[__A__]"), "[b, c]");
  CHECK_STR(run("define(`__A__', `x')undefine(`__A__')", "__A__"), "__A__");
  CHECK_STR(run("define(`__A__', `x')define(`__A__', `y')", "__A__"), "y");
  CHECK_STR(run("", "ifelse(`a', `a', `yes', `no') ifelse(`a', `b', `yes', `no')"), "yes no");
  CHECK_STR(run("", "ifelse(`a', `b', `1', `c', `c', `2', `3')"), "2");
  CHECK_STR(run("", "index(`-m fdt -d x', `-d') index(`abc', `z')"), "7 -1");
  /* $0-$9, $#, $*, $@ in a macro's text; $ before anything else stays */
  CHECK_STR(run("define(`__F__', ``$0':$1:$2:$#:$*:$@ ${V} $x')", "__F__(a, b)"),
            "__F__:a:b:2:a,b:a,b ${V} $x");
  CHECK_STR(run("define(`__F__', `# $1 $0')", "__F__"), "#  __F__");
  /* foreach: each item's text on its line, the name standing for it */
  CHECK_STR(run("define(`__L__', `/dev/a, /dev/b')", "foreach(`_x', `  waitfor _x', __L__)"),
            "  waitfor /dev/a\n  waitfor /dev/b\n");
  CHECK_STR(run("", "foreach(`_x', `[_x]', a)_x"), "[a]\n_x");
  /* a builtin without its arguments is a word, dnl and changequote aside */
  CHECK_STR(run("", "define index ifdef"), "define index ifdef");
  CHECK_STR(diags(), "");
}

static void includes(void) {
  CHECK_STR(run("include(`common.m4')define(`__B__', `own')", "__A__ __B__"), "common own");
  const char *const *inc;
  CHECK_INT(m4_included(M, &inc), 1);
  CHECK_STR(inc[0], "defs/common.m4");
  const m4_macro *b = m4_get(M, "__B__");
  CHECK(b && strcmp(b->file, "defs/t.m4") == 0 && b->line == 1 && b->col == 21);
  const m4_macro *a = m4_get(M, "__A__");
  CHECK(a && strcmp(a->file, "defs/common.m4") == 0 && a->col == 1);
  CHECK_STR(run("include(`none.m4')", ""), "ERROR");
  CHECK_STR(diags(), "defs/t.m4:1:1: error: include(none.m4): cannot read defs/none.m4: "
                     "No such file or directory\n");
  CHECK_STR(run("sinclude(`none.m4')define(`__X__', `1')", "__X__"), "1");
  CHECK_STR(run("include(`loop.m4')", ""), "ERROR");
  CHECK_STR(diags(), "defs/loop.m4:1:1: error: include(loop.m4): files included more than "
                     "16 deep\n");
}

static void places(void) {
  fresh();
  const char *defs = "## header\ndefine(`__A__', `a')\n  define(`__B__',\n `b')\n";
  CHECK_INT(m4_read(M, "d.m4", defs, strlen(defs)), 0);
  const m4_macro **v;
  CHECK_INT(m4_list(M, &v), 2);
  CHECK(v[0]->line == 2 && v[0]->col == 1 && strcmp(v[0]->name, "__A__") == 0);
  CHECK(v[1]->line == 3 && v[1]->col == 3 && strcmp(v[1]->value, "b") == 0);
  /* predefined macros are the template's: not listed, overridden by a file */
  fresh();
  m4_predefine(M, "__T__", "t");
  defs = "define(`__U__', `__T__')";
  CHECK_INT(m4_read(M, "d.m4", defs, strlen(defs)), 0);
  CHECK_INT(m4_list(M, &v), 1);
  m4_clear_used(M);
  CHECK_STR(m4_expand(M, "__U__", "t", 1, 1), "t");
  CHECK(m4_get(M, "__U__")->used && m4_get(M, "__T__")->from_template);
}

static void errors(void) {
  CHECK_STR(run("define(`__A__', `abc)\n", ""), "ERROR");
  CHECK_STR(diags(), "defs/t.m4:1:17: error: a quoted string opens here and does not close "
                     "(m4 quotes open with ` and close with ')\n");
  CHECK_STR(run("\n  define(`__A__', `a'\n", ""), "ERROR");
  CHECK_STR(diags(), "defs/t.m4:2:3: error: the arguments of define() open here and do not "
                     "close\n");
  CHECK_STR(run("define(`__A__', `__A__')", "x __A__"), "ERROR");
  CHECK_STR(diags(), "t:1:1: error: the expansion does not end (more than 100000 macro "
                     "calls): a macro that expands to itself?\n");
  CHECK_STR(run("define(`__A__', `__A__ x')", "__A__"), "ERROR");
  CHECK_STR(run("define(`__A__', `__A__`'__A__')", "__A__"), "ERROR");
  CHECK_STR(run("define(`__A__', `(__A__')", "__A__"), "ERROR");
  CHECK_STR(run("define(`', `x')", ""), "ERROR");
  CHECK_STR(diags(), "defs/t.m4:1:1: error: define() needs the name of a macro\n");
  fresh();
  CHECK_INT(m4_read(M, "n.m4", "a\nb\0c", 5), -1);
  CHECK_STR(diags(), "n.m4:2:2: error: a NUL byte: a definitions file is text\n");
  CHECK_STR(run("hello `there'\ndefine(`__A__', `a') eval(1+1)", "__A__"), "a");
  CHECK_STR(diags(), "defs/t.m4:2:22: warning: m4's eval() is not read by mkbuildfile: left "
                     "as text\n"
                     "defs/t.m4:1:1: warning: text outside any define() (m4 would copy it "
                     "into the buildfile): ignored\n");
}

int main(void) {
  arena_init(&A);
  diag_init(&D);
  quoting();
  comments();
  macros();
  includes();
  places();
  errors();
  m4_close(M);
  arena_free(&A);
  diag_free(&D);
  return unit_report();
}
