/* SPDX-License-Identifier: MIT
** test_parse_build.c: the mkifs buildfile parser (src/formats/parse_build.c) and the
** importer (src/formats/import_build.c). Each construct with its exact values and
** line:col; each syntax error with its message and position; inputs that
** must not crash; and the round trips: every corpus and golden buildfile
** parses to the model that import → render → parse gives back, and every
** shipped board's model is what its rendered buildfile parses to. */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/session.h"
#include "formats/import.h"
#include "formats/parse_build.h"
#include "unit.h"

/* ---- parsing a text --------------------------------------------------- */

static arena A;
static diag_list D;

static mkb_node *parse(const char *text) {
  arena_free(&A);
  diag_free(&D);
  arena_init(&A);
  diag_init(&D);
  return parse_buildfile("t.build", text, strlen(text), &A, &D);
}

/* "line:col" of a node's origin, or "-" when it has none. */
static const char *pos(const mkb_node *n) {
  static char buf[8][32];
  static int k;
  k = (k + 1) % 8;
  if (n == NULL || n->origin == NULL) return "-";
  snprintf(buf[k], sizeof buf[k], "%d:%d", n->origin->src.line, n->origin->src.col);
  return buf[k];
}

/* The diagnostics as "line:col: level: message" lines (notes included). */
static const char *diags(void) {
  static strbuf b;
  sb_clear(&b);
  static const char *const level[] = { "error", "warning", "note" };
  for (size_t i = 0; i < D.items.n; i++) {
    const diag *g = D.items.v[i];
    sb_printf(&b, "%d:%d: %s: %s\n", g->line, g->col, level[g->level], g->msg);
    for (const diag *x = g->notes; x; x = x->next_note)
      sb_printf(&b, "%d:%d: %s: %s\n", x->line, x->col, level[x->level], x->msg);
  }
  return b.s ? b.s : "";
}

static const char *keys_of(const mkb_node *t) {
  static strbuf b;
  sb_clear(&b);
  for (size_t i = 0; t && i < t->nkeys; i++) sb_printf(&b, "%s%s", i ? "," : "", t->keys[i]);
  return b.s ? b.s : "";
}

/* Every node of a parsed model has an origin in the buildfile that says
** what the node says. Returns the number of nodes that do not. */
static int bad_provenance(const mkb_node *n, const char *file) {
  int bad = 0;
  const mkb_def *d = n->origin;
  if (d == NULL || strcmp(d->src.file, file) != 0 || strcmp(d->src.recipe, "(buildfile)") != 0 ||
      d->src.line < 1 || d->src.col < 1 || d->kind != n->kind || d->op != OP_SET ||
      d->prio != PRIO_PLAIN || (n->kind == V_STR && strcmp(d->s, n->s) != 0) ||
      (n->kind == V_INT && d->i != n->i) || (n->kind == V_BOOL && d->b != n->b))
    bad++;
  for (size_t i = 0; n->kind == V_TABLE && i < n->nitems; i++) bad += bad_provenance(n->items[i], file);
  for (size_t i = 0; n->kind == V_TABLE && i < n->nkeys; i++) bad += bad_provenance(n->vals[i], file);
  return bad;
}

#define P(t, path) node_path((t), (path))
#define STR(n) ((n) && (n)->kind == V_STR ? (n)->s : "(not a string)")
#define ITEM(n, i) ((n) && (n)->kind == V_TABLE && (size_t)(i) < (n)->nitems ? (n)->items[i] : NULL)
#define FILE_(m, k) node_get(node_get((m), "files"), (k))

/* ---- the constructs ------------------------------------------------------ */

static const char *const BASIC =
  "# comment\n"                                                                 /* 1 */
  "[image=0x80200000]\n"                                                        /* 2 */
  "[uid=0 gid=0 search=/a::/b]\n"                                               /* 3 */
  "[virtual=aarch64le,raw +compress] .boot = {\n"                               /* 4 */
  "    startup-honeycomb_lx2 -v\n"                                              /* 5 */
  "    PATH=/proc/boot:/sbin\n"                                                 /* 6 */
  "    [+keeplinked module=aps module=qvm] LD_LIBRARY_PATH=/lib procnto-smp-instr -v\n"
  "}\n"                                                                         /* 8 */
  "[+script] .script = {\n"                                                     /* 9 */
  "    # dropped\n"                                                             /* 10 */
  "    devc-ser -e 0x21c0000,64 &\n"                                            /* 11 */
  "    [+session pri=10r cpu=1 argv0=sh] TERM=qansi ksh &\n"                    /* 12 */
  "    [+session]\n"                                                            /* 13 */
  "    FOO=bar\n"                                                               /* 14 */
  "    display_msg \"a b\"\n"                                                   /* 15 */
  "}\n"                                                                         /* 16 */
  "[type=link] /tmp=/dev/shmem\n"                                               /* 17 */
  "libm.so\n"                                                                   /* 18 */
  "[perms=0755] /usr/bin/hello = ./build/hello\n"                               /* 19 */
  "[perms=0444] /etc/motd = {\n"                                                /* 20 */
  "Hello \\} \\\\ #x\n"                                                         /* 21 */
  "[sec]\n"                                                                     /* 22 */
  "}\n"                                                                         /* 23 */
  "[type=dir] /data\n"                                                          /* 24 */
  "[data=c]\n"                                                                  /* 25 */
  "a=b\n"                                                                       /* 26 */
  "[-optional perms=0400] c\n";                                                 /* 27 */

static void test_basic(void) {
  mkb_node *m = parse(BASIC);
  CHECK_STR(diags(), "");
  CHECK_STR(keys_of(m), "arch,qnx,image,attributes,startup,bootstrap,kernel,env,script,files,"
            "groups");
  CHECK_STR(STR(P(m, "arch")), "aarch64le");
  CHECK_STR(pos(P(m, "arch")), "4:10");
  CHECK_STR(STR(P(m, "qnx")), "7.1");            /* module=qvm: the hypervisor of 7.x */
  CHECK_STR(pos(P(m, "qnx")), "7:29");
  CHECK_STR(P(m, "qnx")->origin->src.recipe, "(buildfile)");
  CHECK_STR(P(m, "qnx")->origin->src.file, "t.build");
  CHECK_STR(P(m, "qnx")->origin->s, "7.1");
  CHECK_INT(bad_provenance(m, "t.build"), 0);

  const mkb_node *img = P(m, "image");
  CHECK_STR(keys_of(img), "base,format,compress,bootname,scriptname");
  CHECK_INT(P(img, "base")->kind, V_INT);
  CHECK_INT(P(img, "base")->i, 0x80200000);
  CHECK_STR(pos(P(img, "base")), "2:2");
  CHECK_STR(STR(P(img, "format")), "raw");
  CHECK_STR(pos(P(img, "format")), "4:20");
  CHECK_INT(P(img, "compress")->kind, V_BOOL);
  CHECK_INT(P(img, "compress")->b, 1);
  CHECK_STR(pos(P(img, "compress")), "4:24");
  CHECK_STR(STR(P(img, "bootname")), ".boot");
  CHECK_STR(pos(P(img, "bootname")), "4:35");
  CHECK_STR(STR(P(img, "scriptname")), ".script");
  CHECK_STR(pos(P(img, "scriptname")), "9:11");
  CHECK_STR(pos(img), "2:2");

  const mkb_node *at = P(m, "attributes");
  CHECK_STR(keys_of(at), "uid,gid,search");
  CHECK_INT(P(at, "uid")->kind, V_INT);
  CHECK_INT(P(at, "uid")->i, 0);
  CHECK_STR(pos(P(at, "gid")), "3:8");
  const mkb_node *search = P(at, "search");
  CHECK_INT(search->nitems, 3);
  CHECK_STR(pos(search), "3:14");
  CHECK_STR(STR(ITEM(search, 0)), "/a");
  CHECK_STR(pos(ITEM(search, 0)), "3:21");
  CHECK_STR(STR(ITEM(search, 1)), "");
  CHECK_STR(pos(ITEM(search, 1)), "3:24");
  CHECK_STR(STR(ITEM(search, 2)), "/b");
  CHECK_STR(pos(ITEM(search, 2)), "3:25");

  const mkb_node *st = P(m, "startup");
  CHECK_INT(st->nitems, 2);
  CHECK_INT(st->nkeys, 0);
  CHECK_STR(STR(ITEM(st, 0)), "startup-honeycomb_lx2");
  CHECK_STR(pos(ITEM(st, 0)), "5:5");
  CHECK_STR(STR(ITEM(st, 1)), "-v");
  CHECK_STR(pos(ITEM(st, 1)), "5:27");
  CHECK_STR(pos(st), "5:5");

  const mkb_node *k = P(m, "kernel");
  CHECK_STR(keys_of(k), "keeplinked,modules");
  CHECK_INT(k->nitems, 2);
  CHECK_STR(STR(ITEM(k, 0)), "procnto-smp-instr");
  CHECK_STR(pos(ITEM(k, 0)), "7:62");
  CHECK_STR(pos(ITEM(k, 1)), "7:80");
  CHECK_STR(pos(P(k, "keeplinked")), "7:6");
  const mkb_node *mods = P(k, "modules");
  CHECK_INT(mods->nitems, 2);
  CHECK_STR(STR(ITEM(mods, 0)), "aps");
  CHECK_STR(pos(ITEM(mods, 0)), "7:18");
  CHECK_STR(STR(ITEM(mods, 1)), "qvm");
  CHECK_STR(pos(ITEM(mods, 1)), "7:29");

  /* A line of settings only: global variables, kept as the line they are. */
  const mkb_node *boot = P(m, "bootstrap");
  CHECK_INT(boot->nitems, 1);
  CHECK_STR(keys_of(ITEM(boot, 0)), "env");
  CHECK_STR(pos(ITEM(boot, 0)), "6:5");
  const mkb_node *path = node_path(ITEM(boot, 0), "env.PATH");
  CHECK_INT(path->nitems, 2);
  CHECK_STR(pos(path), "6:5");
  CHECK_STR(STR(ITEM(path, 1)), "/sbin");
  CHECK_STR(pos(ITEM(path, 1)), "6:21");
  /* The settings on procnto's line are its own. */
  const mkb_node *env = P(m, "env");
  CHECK_STR(keys_of(env), "LD_LIBRARY_PATH");
  CHECK_STR(STR(P(env, "LD_LIBRARY_PATH")), "/lib");   /* no ':', a string */
  CHECK_STR(pos(P(env, "LD_LIBRARY_PATH")), "7:41");

  const mkb_node *sc = P(m, "script");
  CHECK_INT(sc->nitems, 5);
  const mkb_node *l1 = ITEM(sc, 0);
  CHECK_INT(l1->nitems, 3);
  CHECK_STR(STR(ITEM(l1, 2)), "0x21c0000,64");
  CHECK_STR(pos(ITEM(l1, 2)), "11:17");
  CHECK_STR(keys_of(l1), "bg");
  CHECK_STR(pos(P(l1, "bg")), "11:30");
  CHECK_STR(pos(l1), "11:5");
  const mkb_node *l2 = ITEM(sc, 1);
  CHECK_STR(keys_of(l2), "session,pri,cpu,argv0,env,bg");
  CHECK_INT(P(l2, "session")->b, 1);
  CHECK_STR(pos(P(l2, "session")), "12:6");
  CHECK_STR(STR(P(l2, "pri")), "10r");
  CHECK_STR(pos(P(l2, "pri")), "12:15");
  CHECK_INT(P(l2, "cpu")->kind, V_INT);
  CHECK_INT(P(l2, "cpu")->i, 1);
  CHECK_STR(STR(P(l2, "argv0")), "sh");
  CHECK_STR(pos(P(l2, "argv0")), "12:29");
  CHECK_STR(STR(node_path(l2, "env.TERM")), "qansi");
  CHECK_STR(pos(node_path(l2, "env.TERM")), "12:39");
  CHECK_INT(l2->nitems, 1);
  CHECK_STR(pos(ITEM(l2, 0)), "12:50");
  CHECK_STR(pos(P(l2, "bg")), "12:54");
  const mkb_node *l3 = ITEM(sc, 2);
  CHECK_STR(keys_of(l3), "session");
  CHECK_INT(l3->nitems, 0);
  const mkb_node *l4 = ITEM(sc, 3);
  CHECK_STR(keys_of(l4), "env");
  CHECK_INT(l4->nitems, 0);
  CHECK_STR(STR(node_path(l4, "env.FOO")), "bar");
  const mkb_node *l5 = ITEM(sc, 4);
  CHECK_STR(STR(ITEM(l5, 1)), "a b");
  CHECK_STR(pos(ITEM(l5, 1)), "15:17");

  const mkb_node *files = P(m, "files");
  CHECK_STR(keys_of(files), "/tmp,libm.so,/usr/bin/hello,/etc/motd,/data");
  CHECK_STR(pos(files), "17:13");
  const mkb_node *tmp = FILE_(m, "/tmp");
  CHECK_STR(keys_of(tmp), "link");
  CHECK_STR(STR(P(tmp, "link")), "/dev/shmem");
  CHECK_STR(pos(P(tmp, "link")), "17:18");
  CHECK_STR(pos(tmp), "17:13");
  CHECK_INT(FILE_(m, "libm.so")->kind, V_BOOL);
  CHECK_STR(pos(FILE_(m, "libm.so")), "18:1");
  const mkb_node *hello = FILE_(m, "/usr/bin/hello");
  CHECK_STR(keys_of(hello), "perms");
  CHECK_STR(STR(ITEM(hello, 0)), "./build/hello");
  CHECK_STR(pos(ITEM(hello, 0)), "19:31");
  CHECK_STR(pos(hello), "19:14");
  const mkb_node *motd = FILE_(m, "/etc/motd");
  CHECK_STR(keys_of(motd), "perms,contents");
  CHECK_STR(STR(P(motd, "contents")), "Hello } \\ #x\n[sec]\n");
  CHECK_STR(pos(P(motd, "contents")), "20:26");
  const mkb_node *data = FILE_(m, "/data");
  CHECK_STR(keys_of(data), "dir");
  CHECK_INT(P(data, "dir")->b, 1);
  CHECK_STR(pos(P(data, "dir")), "24:2");
  /* [data=c] after the first entry opens a group: its line, then the
  ** files it holds for, named by the line. */
  const mkb_node *groups = P(m, "groups");
  CHECK_STR(keys_of(groups), "data=c");
  const mkb_node *gr = groups->vals[0];
  CHECK_STR(keys_of(gr), "attributes,files");
  CHECK_STR(STR(node_path(gr, "attributes.data")), "c");
  CHECK_STR(pos(node_path(gr, "attributes.data")), "25:2");
  CHECK_STR(keys_of(P(gr, "files")), "a,c");
  const mkb_node *a = node_get(P(gr, "files"), "a");
  CHECK_INT(a->kind, V_STR);
  CHECK_STR(STR(a), "b");
  const mkb_node *c = node_get(P(gr, "files"), "c");
  CHECK_STR(keys_of(c), "optional,perms");
  CHECK_INT(P(c, "optional")->b, 0);
  CHECK_STR(pos(P(c, "perms")), "27:12");
  CHECK_STR(pos(c), "27:24");

  /* Every def says what its node says. */
  CHECK_INT(P(img, "base")->origin->kind, V_INT);
  CHECK_INT(P(img, "base")->origin->i, 0x80200000);
  CHECK_INT(P(img, "base")->origin->op, OP_SET);
  CHECK_INT(P(img, "base")->origin->prio, PRIO_PLAIN);
  CHECK_STR(P(img, "format")->origin->s, "raw");
}

static void test_tokens(void) {
  /* # starts a comment only at the start of a word. */
  mkb_node *m = parse("a#b # a comment\nc=d#e\n");
  CHECK_STR(diags(), "");
  CHECK_STR(keys_of(P(m, "files")), "a#b,c");
  CHECK_STR(STR(FILE_(m, "c")), "d#e");
  /* Quotes toggle anywhere in a word; \" and \\ inside them. */
  m = parse("[type=link] /usr/share/doc/\"This is a pdf.pdf\"=/mnt/\"a b\"\n"
            "\"I \\\"think\\\" so\" = x\n"
            "\"a=b\"=\"c d\"\n");
  CHECK_STR(diags(), "");
  CHECK_STR(keys_of(P(m, "files")), "/usr/share/doc/This is a pdf.pdf,I \"think\" so,a=b");
  CHECK_STR(STR(P(FILE_(m, "/usr/share/doc/This is a pdf.pdf"), "link")), "/mnt/a b");
  CHECK_STR(STR(FILE_(m, "I \"think\" so")), "x");
  CHECK_STR(STR(FILE_(m, "a=b")), "c d");
  CHECK_STR(pos(FILE_(m, "a=b")), "3:1");
  /* ${VAR} is kept as written; ']' may touch the path; spaces around '='. */
  m = parse("[search=${QNX_TARGET}/etc]/etc/x=${A}/y\n"
            "/bin/qvm-check = qvm-check\n"
            "[filter=\"gzip -c\" +optional]x\n");
  CHECK_STR(diags(), "");
  const mkb_node *x = FILE_(m, "/etc/x");
  CHECK_STR(STR(ITEM(P(x, "search"), 0)), "${QNX_TARGET}/etc");
  CHECK_STR(STR(ITEM(x, 0)), "${A}/y");
  CHECK_STR(pos(x), "1:27");
  CHECK_STR(STR(FILE_(m, "/bin/qvm-check")), "qvm-check");
  CHECK_STR(STR(P(FILE_(m, "x"), "filter")), "gzip -c");
  CHECK_STR(pos(FILE_(m, "x")), "3:29");
  /* CRLF line ends are blank space. */
  m = parse("a\r\n[perms=0444] b = {\r\nx\r\n}\r\n");
  CHECK_STR(diags(), "");
  CHECK_STR(STR(P(FILE_(m, "b"), "contents")), "x\r\n");
}

static void test_globals(void) {
  /* image= as written when it is not a plain number; compress=N. */
  mkb_node *m = parse("[image=20m]\n[compress=2]\n[+keeplinked perms=0555]\n[-optional]\n");
  CHECK_STR(diags(), "");
  CHECK_STR(STR(P(m, "image.base")), "20m");
  CHECK_INT(P(m, "image.compress")->kind, V_INT);
  CHECK_INT(P(m, "image.compress")->i, 2);
  CHECK_STR(keys_of(P(m, "attributes")), "keeplinked,perms,optional");
  /* Global lines merge in order: a later value replaces, in place. */
  m = parse("[perms=0555 uid=0]\n[perms=0444]\nf\n");
  CHECK_STR(keys_of(P(m, "attributes")), "perms,uid");
  CHECK_STR(STR(P(m, "attributes.perms")), "0444");
  CHECK_STR(pos(P(m, "attributes.perms")), "2:2");
  /* [-compress] on its own line; a decimal image address. */
  m = parse("[-compress]\n[image=4096]\n");
  CHECK_INT(P(m, "image.compress")->b, 0);
  CHECK_INT(P(m, "image.base")->i, 4096);
  /* A global [type=link] makes the following entries links. */
  m = parse("x\n[type=link]\n/a=/b\n");
  CHECK_STR(STR(P(FILE_(m, "/a"), "link")), "/b");
  /* After the first entry, an attribute line opens a group of the files
  ** after it; two lines in a row are one group; an entry keeps its own. */
  m = parse("f\n[perms=0444 uid=1]\n[-optional]\n[uid=2] g\nh=i\n[data=c]\n[perms=0444 uid=1]\n");
  CHECK_STR(diags(), "");
  CHECK_STR(keys_of(P(m, "groups")), "perms=0444 uid=1 -optional,data=c perms=0444 uid=1");
  const mkb_node *g1 = P(m, "groups")->vals[0];
  CHECK_STR(keys_of(P(g1, "attributes")), "perms,uid,optional");
  CHECK_STR(pos(node_path(g1, "attributes.uid")), "2:13");
  CHECK_STR(keys_of(P(g1, "files")), "g,h");
  CHECK_STR(keys_of(node_get(P(g1, "files"), "g")), "uid");
  CHECK_INT(node_path(P(g1, "files"), "g")->kind, V_TABLE);
  CHECK_STR(pos(P(node_get(P(g1, "files"), "g"), "uid")), "4:2");
  CHECK_STR(STR(node_get(P(g1, "files"), "h")), "i");
  /* A group without files keeps its line (at the end of a file). */
  CHECK_STR(keys_of(P(m, "groups")->vals[1]), "attributes");
  CHECK(node_get(m, "attributes") == NULL);
  CHECK_INT(FILE_(m, "f")->kind, V_BOOL);
  /* A target listed again opens a group without attributes ("again"); the
  ** same entry again changes nothing. */
  m = parse("[perms=0644] f=a\n[perms=0644] f=a\n[perms=0755] f=b\n[perms=0755] f=c\n");
  CHECK_STR(diags(), "");
  CHECK_STR(keys_of(P(m, "files")), "f");
  CHECK_STR(keys_of(P(m, "groups")), "again,again 2");
  CHECK_STR(STR(ITEM(node_path(P(m, "groups")->vals[1], "files.f"), 0)), "c");
  /* ?attr: only where it is not set yet, noted either way. */
  m = parse("[perms=0555]\n[?perms=0444 ?uid=0]\n");
  CHECK_STR(STR(P(m, "attributes.perms")), "0555");
  CHECK_INT(P(m, "attributes.uid")->i, 0);
  CHECK_STR(diags(),
            "2:2: note: conditional attribute '?perms' has no effect: 'perms' is already set\n"
            "2:14: note: conditional attribute '?uid' is kept as a plain attribute: 'uid' is not "
            "set before it\n");
  CHECK_INT(D.errors, 0);
  CHECK_INT(D.warnings, 0);
}

static void test_bootstrap(void) {
  /* Lines of settings or attributes between the programs, as they are;
  ** several settings on procnto, its own. */
  mkb_node *m = parse("[virtual=x86_64,bios] boot = {\n"
                      "  startup-x86 -v\n"
                      "  # comment\n"
                      "  PATH=/a:/b\n"
                      "  [+keeplinked] TERM=qansi B=2\n"
                      "  [+keeplinked uid=0 perms=0700 ] CONFIG_PATH=/c:/d A=1 procnto-smp-instr -v\n"
                      "}\n");
  CHECK_STR(diags(), "");
  CHECK_STR(STR(P(m, "image.bootname")), "boot");
  const mkb_node *boot = P(m, "bootstrap");
  CHECK_INT(boot->nitems, 2);
  CHECK_STR(keys_of(node_path(ITEM(boot, 0), "env")), "PATH");
  CHECK_STR(keys_of(ITEM(boot, 1)), "keeplinked,env");
  CHECK_STR(keys_of(node_path(ITEM(boot, 1), "env")), "TERM,B");
  CHECK_STR(pos(node_path(ITEM(boot, 1), "env.TERM")), "5:17");
  CHECK_STR(keys_of(P(m, "env")), "CONFIG_PATH,A");
  CHECK_INT(P(m, "env.CONFIG_PATH")->nitems, 2);
  CHECK_STR(STR(P(m, "env.A")), "1");
  CHECK_STR(keys_of(P(m, "kernel")), "keeplinked,uid,perms");
  CHECK(node_get(m, "qnx") == NULL);   /* nothing says which QNX */
  CHECK(node_get(m, "arch") != NULL);
  /* A line of settings after procnto, or of attributes before startup, has
  ** no place. */
  parse("[virtual=x86_64,bios] boot = {\n  startup-x86\n  procnto\n  TERM=qansi\n}\n");
  CHECK_STR(diags(), "4:3: error: a line of settings after the kernel cannot be represented: "
                     "the model keeps such lines between startup and procnto\n");
  parse("[virtual=x86_64,bios] boot = {\n  [+keeplinked]\n  startup-x86\n  procnto\n}\n");
  CHECK_STR(diags(), "2:3: error: a line of attributes before the startup program cannot be "
                     "represented: the model keeps such lines between startup and procnto\n");
  /* startup -Q is the hypervisor of QNX 8.0. */
  m = parse("[virtual=aarch64le,raw] boot = {\n"
            "  startup-bcm2711-rpi4 -Q enable,el1-host\n  procnto-smp-instr\n}\n");
  CHECK_STR(STR(P(m, "qnx")), "8.0");
  CHECK_STR(pos(P(m, "qnx")), "2:24");
  /* A bootfile without a CPU leaves arch open. */
  m = parse("[virtual=bios] b = {\n  startup-x86\n  procnto\n}\n");
  CHECK_STR(diags(), "");
  CHECK(node_get(m, "arch") == NULL);
  CHECK_STR(STR(P(m, "image.format")), "bios");
}

static void test_script(void) {
  /* Two script files join in order; the first names the script. */
  mkb_node *m = parse("[+script] one = {\n  a\n}\n[+script] two = {\n  b &\n  [+external] \"&\"\n}\n");
  CHECK_STR(diags(), "");
  CHECK_STR(STR(P(m, "image.scriptname")), "one");
  const mkb_node *sc = P(m, "script");
  CHECK_INT(sc->nitems, 3);
  CHECK_STR(STR(ITEM(ITEM(sc, 1), 0)), "b");
  CHECK_INT(P(ITEM(sc, 1), "bg")->b, 1);
  /* A quoted & is a word, not the background. */
  CHECK_STR(keys_of(ITEM(sc, 2)), "external");
  CHECK_STR(STR(ITEM(ITEM(sc, 2), 0)), "&");
  /* A comment after a command; a word with # inside. */
  m = parse("[+script] s = {\n  echo a#b # c\n  [pri=10] x\n}\n");
  CHECK_INT(P(m, "script")->items[0]->nitems, 2);
  CHECK_STR(STR(ITEM(P(m, "script")->items[0], 1)), "a#b");
  CHECK_INT(P(ITEM(P(m, "script"), 1), "pri")->i, 10);
  /* ${VAR} in the script does not close it. */
  m = parse("[+script] s = {\n  echo ${HOME}\n}\nf\n");
  CHECK_STR(diags(), "");
  CHECK_STR(STR(ITEM(P(m, "script")->items[0], 1)), "${HOME}");
  CHECK(FILE_(m, "f") != NULL);
}

static void test_errors(void) {
  parse("a = {\nfoo\n");
  CHECK_STR(diags(), "1:5: error: the inline file 'a' is not closed: its '}' is missing\n");
  parse("[virtual=x86_64,bios] boot = {\n  startup-x86\n");
  CHECK_STR(diags(), "1:30: error: the inline file 'boot' is not closed: its '}' is missing\n");
  parse("[uid=0] [gid=0] f\n");
  CHECK_STR(diags(), "1:9: error: a second attribute group: all attributes of an entry go in "
                     "one [...] (mkifs: \"Missing filename\")\n");
  parse("[virtual=aarch64le,raw] [+keeplinked] boot = {\n}\n");
  CHECK_STR(diags(), "1:25: error: a second attribute group: all attributes of an entry go in "
                     "one [...] (mkifs: \"Missing filename\")\n");
  parse("[+script] s = {\n  [+session] [pri=1] ksh\n}\n");
  CHECK_STR(diags(), "2:14: error: a second attribute group: all attributes of a line go in "
                     "one [...] (mkifs: \"Missing filename\")\n");
  mkb_node *m = parse("[image=0x1000 virtual=aarch64le,raw]\nboot = {\n  startup-x\n}\n");
  CHECK_STR(diags(), "1:15: error: 'virtual=' must be on the line of the bootstrap file "
                     "([virtual=CPU,BOOTFILE] NAME = {); on a line of its own mkifs finds no "
                     "startup program\n");
  CHECK_STR(STR(P(FILE_(m, "boot"), "contents")), "  startup-x\n");
  parse("[virtual=x86_64,bios] boot = {\n  startup-x86\n}\n");
  CHECK_STR(diags(), "1:23: error: the bootstrap 'boot' has no procnto line: its last program "
                     "must be the kernel (procnto*)\n");
  parse("[virtual=x86_64,bios] boot = {\n  procnto\n}\n");
  CHECK_STR(diags(), "2:3: error: the bootstrap 'boot' has no startup program before procnto: "
                     "its first program must be startup-*\n");
  parse("[virtual=x86_64,bios] boot = {\n  startup-x86\n  kdebug\n  procnto\n}\n");
  CHECK_STR(diags(), "3:3: error: bootstrap program 'kdebug' cannot be represented: the model's "
                     "bootstrap holds the startup program and procnto only\n");
  parse("[virtual=x86_64,bios] boot = {\n  A=1 startup-x86\n  procnto\n}\n");
  CHECK_STR(diags(), "2:3: error: settings on the startup line cannot be represented: put them "
                     "on a line of their own\n");
  parse("[virtual=x86_64,bios] boot = {\n  startup-x86\n  procnto\n}\n"
        "[virtual=x86_64,bios] again = {\n}\n");
  CHECK_STR(diags(), "5:23: error: a second bootstrap file 'again': only one bootstrap file is "
                     "allowed\n");
  parse("[virtual=x86_64,bios] boot=bootfile\n");
  CHECK_STR(diags(), "1:23: error: a bootstrap read from a host file cannot be represented: "
                     "write it inline ('boot' = { ... })\n");
  parse("[+script] s=script.txt\n");
  CHECK_STR(diags(), "1:11: error: a script read from a host file cannot be represented: write "
                     "it inline ('s' = { ... })\n");
  parse("[uid=0 +f\n");
  CHECK_STR(diags(), "1:1: error: missing ']': an attribute group ends on its line\n");
  parse("\"abc = x\n");
  CHECK_STR(diags(), "1:1: error: missing closing '\"': a quoted word ends on its line\n");
  parse("[keeplinked] x\n");
  CHECK_STR(diags(), "1:2: error: attribute 'keeplinked' needs a value (keeplinked=...) or a "
                     "sign (+keeplinked, -keeplinked)\n");
  parse("[+perms=1] x\n");
  CHECK_STR(diags(), "1:2: error: attribute 'perms' is either boolean (+perms) or valued "
                     "(perms=...), not both\n");
  parse("[=1] x\n[+] y\n");
  CHECK_STR(diags(), "1:2: error: missing attribute name before '='\n"
                     "2:2: error: missing attribute name after '+'\n");
  parse("a = { x\n}\n");
  CHECK_STR(diags(), "1:7: error: '{' must end its line: the contents of 'a' start on the next "
                     "line\n");
  parse("a = {\nx\n} y\n");
  CHECK_STR(diags(), "3:3: error: unexpected text after the '}' that closes 'a'\n");
  parse("a b\n");
  CHECK_STR(diags(), "1:3: error: unexpected text after the entry 'a': one entry per line\n");
  parse("=b\n");
  CHECK_STR(diags(), "1:1: error: missing file name before '='\n");
  parse("a =\n");
  CHECK_STR(diags(), "1:4: error: missing host file or '{' after '=' in the entry 'a'\n");
  parse("[physical=x86_64,bios] boot = {\n}\n");
  CHECK_STR(diags(), "1:2: error: 'physical=' cannot be represented (and QNX 8.0 does not "
                     "support the physical model): use virtual=\n");
  /* A target twice is two entries, each in its place (check.c warns when
  ** they differ): the later one is in the group of the lines before it. */
  m = parse("a=b\n[type=link] /l=/t\n[data=c]\n[type=link] /l=/t\na=c\n");
  CHECK_STR(diags(), "");
  CHECK_STR(keys_of(P(m, "files")), "a,/l");
  CHECK_STR(STR(FILE_(m, "a")), "b");
  CHECK_STR(keys_of(node_path(P(m, "groups")->vals[0], "files")), "/l,a");
  m = parse("[+dupignore]\na=b\na=c\n");
  CHECK_STR(diags(), "");
  CHECK_STR(STR(FILE_(m, "a")), "b");
  CHECK_STR(keys_of(P(m, "groups")), "again");
}

/* Inputs that are no buildfile at all, and mutations of real ones: the
** parser reports, never crashes, and the importer takes whatever parsed. */
static unsigned long long rng = 88172645463325252ULL;
static unsigned next_rand(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return (unsigned)rng;
}

static void fuzz_one(mkb_session *s, const char *text, size_t len) {
  arena a;
  diag_list d;
  arena_init(&a);
  diag_init(&d);
  mkb_node *m = parse_buildfile("f.build", text, len, &a, &d);
  if (m) {
    strbuf out;
    sb_init(&out);
    import_board(s, m, "f", &out);
    sb_free(&out);
  }
  diag_free(&d);
  arena_free(&a);
}

static void test_robust(mkb_session *s, const char *seed_text) {
  static const char *const odd[] = {
    "", "[", "]", "{", "}", "\"", "\\", "=", "[virtual=", "a={", "[+script] s={\n",
    "[virtual=x,y] b={\n startup\n procnto\n}", "\\\n", "${", "${A", "a=\"{\"\n",
    "[a=\"]\"] b\n", "[?", "[+", "[-x", "#", "&", "[virtual=a,b] b = {\n}\n", "\n}\n}\n",
  };
  for (size_t i = 0; i < sizeof odd / sizeof *odd; i++) fuzz_one(s, odd[i], strlen(odd[i]));
  static const char alphabet[] = "[]{}\"\\=#&?+- \t\n\rax/:$";
  char buf[4096];
  const char *base = seed_text ? seed_text : BASIC;
  size_t blen = strlen(base);
  if (blen > sizeof buf - 64) blen = sizeof buf - 64;
  for (int round = 0; round < 3000; round++) {
    memcpy(buf, base, blen);
    size_t n = blen;
    int edits = 1 + (int)(next_rand() % 8);
    for (int e = 0; e < edits; e++) {
      size_t at = n ? next_rand() % n : 0;
      switch (next_rand() % 3) {
        case 0: buf[at] = alphabet[next_rand() % (sizeof alphabet - 1)]; break;
        case 1:
          if (n + 1 < sizeof buf) {
            memmove(buf + at + 1, buf + at, n - at);
            buf[at] = alphabet[next_rand() % (sizeof alphabet - 1)];
            n++;
          }
          break;
        default:
          if (n) {
            memmove(buf + at, buf + at + 1, n - at - 1);
            n--;
          }
      }
    }
    /* Exactly n bytes, no terminating NUL: reads stay inside. */
    char *exact = malloc(n ? n : 1);
    if (exact == NULL) return;
    memcpy(exact, buf, n);
    fuzz_one(s, exact, n);
    free(exact);
    unit_passed++;
  }
}

/* ---- the round trips ------------------------------------------------------ */

static char tmpdir[] = "/tmp/mkb-parse-build-XXXXXX";
static const char *root = ".";

static char *slurp(const char *path, size_t *len) {
  FILE *fp = fopen(path, "rb");
  if (fp == NULL) return NULL;
  strbuf b;
  char chunk[8192];
  size_t n;
  sb_init(&b);
  while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) sb_addn(&b, chunk, n);
  fclose(fp);
  if (b.s == NULL) sb_addn(&b, "", 0);
  *len = b.len;
  return b.s;
}

/* Where two models first differ, for the failure message. */
static void first_diff(const mkb_node *a, const mkb_node *b, const char *path, strbuf *out) {
  if (out->len) return;
  if (a == NULL || b == NULL || a->kind != V_TABLE || b->kind != V_TABLE) {
    if (!node_equal(a, b)) {
      sb_printf(out, "%s: ", path[0] ? path : "(top)");
      for (int k = 0; k < 2; k++) {
        const mkb_node *x = k ? b : a;
        if (k) sb_adds(out, " vs ");
        if (x == NULL) sb_adds(out, "(absent)");
        else if (x->kind == V_STR) sb_printf(out, "\"%s\"", x->s);
        else if (x->kind == V_INT) sb_printf(out, "%lld", x->i);
        else if (x->kind == V_BOOL) sb_adds(out, x->b ? "true" : "false");
        else sb_printf(out, "a table (%zu items, keys %s)", x->nitems, keys_of(x));
      }
    }
    return;
  }
  for (size_t i = 0; i < a->nitems || i < b->nitems; i++) {
    char p[512];
    snprintf(p, sizeof p, "%s[%zu]", path, i + 1);
    first_diff(i < a->nitems ? a->items[i] : NULL, i < b->nitems ? b->items[i] : NULL, p, out);
  }
  for (size_t i = 0; i < a->nkeys || i < b->nkeys; i++) {
    char p[512];
    if (i < a->nkeys && i < b->nkeys && strcmp(a->keys[i], b->keys[i]) != 0) {
      sb_printf(out, "%s: key %zu is '%s' vs '%s'", path[0] ? path : "(top)", i + 1, a->keys[i],
                b->keys[i]);
      return;
    }
    const char *k = i < a->nkeys ? a->keys[i] : b->keys[i];
    snprintf(p, sizeof p, "%s%s%s", path, path[0] ? "." : "", k);
    first_diff(i < a->nkeys ? a->vals[i] : NULL, i < b->nkeys ? b->vals[i] : NULL, p, out);
  }
}

static void check_same(const char *what, const mkb_node *a, const mkb_node *b) {
  if (node_equal(a, b)) {
    unit_passed++;
    return;
  }
  strbuf d;
  sb_init(&d);
  first_diff(a, b, "", &d);
  unit_failed++;
  fprintf(stderr, "%s: the models differ at %s\n", what, d.s ? d.s : "?");
  sb_free(&d);
}

static mkb_session *open_session(const char *incdir, const char *extra) {
  static mkb_session s;
  const char *inc[2];
  mkb_options o;
  memset(&o, 0, sizeof o);
  size_t n = 0;
  if (incdir) inc[n++] = incdir;
  if (extra) inc[n++] = extra;
  o.incdirs = inc;
  o.ninc = n;
  if (session_open(&s, root, &o) != 0) {
    diag_print(&s.diags, stderr, 0);
    session_close(&s);
    return NULL;
  }
  return &s;
}

/* parse(text) against parse(render(import(parse(text)))). Returns 1 when
** compared, 0 when skipped. */
static int round_trip(const char *what, const char *text, size_t len, const char *name) {
  arena a;
  diag_list d;
  arena_init(&a);
  diag_init(&d);
  int compared = 0;
  mkb_node *m = parse_buildfile(what, text, len, &a, &d);
  if (m == NULL || d.errors) {
    unit_failed++;
    fprintf(stderr, "%s: does not parse:\n", what);
    diag_print(&d, stderr, 0);
    goto out;
  }
  CHECK_INT(bad_provenance(m, what), 0);
  mkb_session *s = open_session(tmpdir, NULL);
  if (s == NULL) {
    unit_failed++;
    goto out;
  }
  strbuf recipe;
  sb_init(&recipe);
  import_board(s, m, name, &recipe);
  char path[1024];
  snprintf(path, sizeof path, "%s/%s.lua", tmpdir, name);
  FILE *fp = fopen(path, "wb");
  if (fp) {
    fwrite(recipe.s ? recipe.s : "", 1, recipe.len, fp);
    fclose(fp);
  }
  session_close(s);
  sb_free(&recipe);
  s = open_session(tmpdir, NULL);
  if (s == NULL) {
    unit_failed++;
    goto out;
  }
  mkb_render r;
  if (session_render(s, name, &r) != 0) {
    unit_failed++;
    fprintf(stderr, "%s: the imported recipe %s does not render:\n", what, path);
    diag_print(&s->diags, stderr, 0);
  } else {
    diag_list d2;
    diag_init(&d2);
    mkb_node *back = parse_buildfile("rendered.build", r.v[0].data.s, r.v[0].data.len, &a, &d2);
    if (d2.errors) {
      unit_failed++;
      fprintf(stderr, "%s: the rendered buildfile does not parse:\n", what);
      diag_print(&d2, stderr, 0);
    } else {
      check_same(what, m, back);
      compared = 1;
    }
    diag_free(&d2);
  }
  render_free(&r);
  session_close(s);
  remove(path);
out:
  diag_free(&d);
  arena_free(&a);
  return compared;
}

static int is_dir(const char *p) {
  struct stat st;
  return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The entries of a folder, sorted; a NULL-terminated array to free. */
static char **list_dir(const char *dir) {
  DIR *d = opendir(dir);
  if (d == NULL) return NULL;
  size_t n = 0, cap = 16;
  char **v = malloc(cap * sizeof *v);
  struct dirent *e;
  while (v && (e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.') continue;
    if (n + 1 >= cap) v = realloc(v, (cap *= 2) * sizeof *v);
    if (v) v[n++] = strdup(e->d_name);
  }
  closedir(d);
  if (v == NULL) return NULL;
  v[n] = NULL;
  qsort(v, n, sizeof *v, by_name);
  return v;
}

static void free_list(char **v) {
  for (size_t i = 0; v && v[i]; i++) free(v[i]);
  free(v);
}

static int ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* The public corpus beside the project: -1 when there is none. */
static int test_corpus(void) {
  const char *env = getenv("MKB_CORPUS");
  char dir[1024];
  snprintf(dir, sizeof dir, "%s/buildfiles", env ? env : "../shared/corpus");
  if (!is_dir(dir) && env) snprintf(dir, sizeof dir, "%s", env);
  char **names = list_dir(dir);
  if (names == NULL) {
    printf("SKIP corpus: %s not found (set MKB_CORPUS)\n", dir);
    return -1;
  }
  int n = 0, compared = 0;
  for (size_t i = 0; names[i]; i++) {
    if (!ends_with(names[i], ".build")) continue;
    char path[2048];
    size_t len;
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    char *text = slurp(path, &len);
    if (text == NULL) continue;
    char name[64];
    snprintf(name, sizeof name, "corpus%d", n);
    compared += round_trip(path, text, len, name);
    n++;
    free(text);
  }
  printf("corpus: %d buildfiles, %d round trips compared\n", n, compared);
  CHECK(n >= 4);
  free_list(names);
  return 0;
}

/* Is this text a buildfile (a rendered board or guest image)? */
static int looks_like_buildfile(const char *text) {
  return strstr(text, "\n[virtual=") != NULL || strncmp(text, "[virtual=", 9) == 0;
}

static void golden_tree(const char *dir, int *n, int *compared) {
  char **names = list_dir(dir);
  for (size_t i = 0; names && names[i]; i++) {
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    if (is_dir(path)) {
      golden_tree(path, n, compared);
      continue;
    }
    if (!ends_with(names[i], ".build")) continue;
    size_t len;
    char *text = slurp(path, &len);
    if (text == NULL) continue;
    /* A data partition's manifest (BOARD-data.build) is a buildfile without a
    ** bootstrap, which does not render yet, as the corpus' non-bootable one. */
    if (!looks_like_buildfile(text)) {
      free(text);
      continue;
    }
    char name[64];
    snprintf(name, sizeof name, "golden%d", (*n)++);
    *compared += round_trip(path, text, len, name);
    free(text);
  }
  free_list(names);
}

static void test_golden(void) {
  char **cases = list_dir("tests/cases");
  if (cases == NULL) {
    printf("SKIP golden: run from the source root\n");
    return;
  }
  int n = 0, compared = 0;
  for (size_t i = 0; cases[i]; i++) {
    char path[2048];
    size_t len;
    snprintf(path, sizeof path, "tests/cases/%s/expected.stdout", cases[i]);
    char *text = slurp(path, &len);
    if (text && looks_like_buildfile(text)) {
      char name[64];
      snprintf(name, sizeof name, "golden%d", n++);
      compared += round_trip(path, text, len, name);
    }
    free(text);
    snprintf(path, sizeof path, "tests/cases/%s/expected.out", cases[i]);
    if (is_dir(path)) golden_tree(path, &n, &compared);
  }
  free_list(cases);
  printf("golden: %d buildfiles, %d round trips compared\n", n, compared);
  CHECK(n >= 10);
  CHECK_INT(compared, n);
}

/* ---- recipe models against what their rendering parses to ---------------- */

/* The script line a recipe writes as a string, parsed as the file holds it. */
static void parse_script_string(arena *a, const char *line, mkb_node *into) {
  strbuf t;
  diag_list d;
  sb_init(&t);
  diag_init(&d);
  sb_printf(&t, "[virtual=a,b] b = {\nstartup-x\nprocnto\n}\n[+script] s = {\n%s\n}\n", line);
  mkb_node *m = parse_buildfile("line", t.s, t.len, a, &d);
  const mkb_node *sc = node_get(m, "script");
  for (size_t i = 0; sc && i < sc->nitems; i++) node_push(a, into, sc->items[i]);
  sb_free(&t);
  diag_free(&d);
}

static int cmp_keys(const void *x, const void *y) {
  return strcmp(((const char *const *)x)[0], ((const char *const *)y)[0]);
}

/* A record's keys in name order (the recipe and the file may define them in
** different orders; maps — files, env — keep theirs). */
static mkb_node *sorted(arena *a, const mkb_node *t) {
  mkb_node *n = node_new(a, V_TABLE);
  const char **pairs = arena_alloc(a, (t->nkeys + 1) * 2 * sizeof *pairs);
  for (size_t i = 0; i < t->nkeys; i++) {
    pairs[2 * i] = t->keys[i];
    pairs[2 * i + 1] = (const char *)t->vals[i];
  }
  qsort(pairs, t->nkeys, 2 * sizeof *pairs, cmp_keys);
  for (size_t i = 0; i < t->nitems; i++) node_push(a, n, t->items[i]);
  for (size_t i = 0; i < t->nkeys; i++) node_set(a, n, pairs[2 * i], (mkb_node *)pairs[2 * i + 1]);
  return n;
}

static mkb_node *joined(arena *a, const mkb_node *v) {
  if (v->kind != V_TABLE) return (mkb_node *)v;
  strbuf j;
  sb_init(&j);
  for (size_t i = 0; i < v->nitems; i++)
    sb_printf(&j, "%s%s", i ? ":" : "", v->items[i]->kind == V_STR ? v->items[i]->s : "?");
  mkb_node *n = node_new_str(a, j.s ? j.s : "", NULL, NULL);
  sb_free(&j);
  return n;
}

/* An environment value as the parser makes it: a list when it has ':'. */
static mkb_node *env_value(arena *a, const mkb_node *v) {
  mkb_node *s = joined(a, v);
  if (strchr(s->s, ':') == NULL) return s;
  mkb_node *l = node_new(a, V_TABLE);
  const char *p = s->s;
  for (;;) {
    size_t k = strcspn(p, ":");
    node_push(a, l, node_new_str(a, arena_strndup(a, p, k), NULL, NULL));
    if (p[k] == '\0') break;
    p += k + 1;
  }
  return l;
}

static mkb_node *norm_command(arena *a, const mkb_node *c) {
  mkb_node *n = node_new(a, V_TABLE);
  for (size_t i = 0; i < c->nitems; i++) node_push(a, n, c->items[i]);
  for (size_t i = 0; i < c->nkeys; i++) {
    const mkb_node *v = c->vals[i];
    if (strcmp(c->keys[i], "modules") == 0 && v->nitems == 0) continue;
    if (strcmp(c->keys[i], "search") == 0) v = env_value(a, v);
    node_set(a, n, c->keys[i], (mkb_node *)v);
  }
  return sorted(a, n);
}

static mkb_node *norm_file(arena *a, const mkb_node *v) {
  if (v->kind != V_TABLE) return (mkb_node *)v;
  mkb_node *n = node_new(a, V_TABLE);
  for (size_t i = 0; i < v->nitems; i++) node_push(a, n, v->items[i]);
  const mkb_node *link = node_get(v, "link");
  for (size_t i = 0; i < v->nkeys; i++) {
    const char *k = v->keys[i];
    const mkb_node *x = v->vals[i];
    if (strcmp(k, "dir") == 0 && x->kind == V_BOOL && !x->b) continue;
    if (strcmp(k, "type") == 0 && link && x->kind == V_STR && strcmp(x->s, "link") == 0) continue;
    if (strcmp(k, "search") == 0) x = env_value(a, x);
    node_set(a, n, k, (mkb_node *)x);
  }
  if (n->nkeys == 0 && n->nitems == 0) {
    mkb_node *t = node_new(a, V_BOOL);
    t->b = 1;
    return t;
  }
  if (n->nkeys == 0 && n->nitems == 1 && n->items[0]->kind == V_STR) return n->items[0];
  return sorted(a, n);
}

/* The parts of a board (or guest image) model a buildfile holds, in the
** shape the parser gives them. */
static mkb_node *normalise(arena *a, const mkb_node *m) {
  mkb_node *n = node_new(a, V_TABLE);
  const mkb_node *v, *script = node_get(m, "script");
  if ((v = node_get(m, "arch"))) node_set(a, n, "arch", (mkb_node *)v);
  if ((v = node_get(m, "image"))) {
    mkb_node *img = node_new(a, V_TABLE);
    for (size_t i = 0; i < v->nkeys; i++) {
      if (strcmp(v->keys[i], "scriptname") == 0 && (script == NULL || script->nitems == 0))
        continue;
      node_set(a, img, v->keys[i], v->vals[i]);
    }
    node_set(a, n, "image", sorted(a, img));
  }
  if ((v = node_get(m, "attributes")) && v->nkeys) {
    mkb_node *at = node_new(a, V_TABLE);
    for (size_t i = 0; i < v->nkeys; i++)
      node_set(a, at, v->keys[i], strcmp(v->keys[i], "search") == 0 ? env_value(a, v->vals[i])
                                                                       : v->vals[i]);
    node_set(a, n, "attributes", sorted(a, at));
  }
  if ((v = node_get(m, "startup"))) node_set(a, n, "startup", norm_command(a, v));
  if ((v = node_get(m, "kernel"))) node_set(a, n, "kernel", norm_command(a, v));
  if ((v = node_get(m, "env")) && v->nkeys) {
    mkb_node *env = node_new(a, V_TABLE);
    for (size_t i = 0; i < v->nkeys; i++) node_set(a, env, v->keys[i], env_value(a, v->vals[i]));
    node_set(a, n, "env", env);
  }
  if (script && script->nitems) {
    mkb_node *sc = node_new(a, V_TABLE);
    for (size_t i = 0; i < script->nitems; i++) {
      const mkb_node *l = script->items[i];
      if (l->kind == V_STR) {
        mkb_node *tmp = node_new(a, V_TABLE);
        parse_script_string(a, l->s, tmp);
        for (size_t k = 0; k < tmp->nitems; k++) node_push(a, sc, sorted(a, tmp->items[k]));
        continue;
      }
      mkb_node *r = node_new(a, V_TABLE);
      for (size_t k = 0; k < l->nitems; k++) node_push(a, r, l->items[k]);
      for (size_t k = 0; k < l->nkeys; k++) {
        const mkb_node *x = l->vals[k];
        if (strcmp(l->keys[k], "bg") == 0 && x->kind == V_BOOL && !x->b) continue;
        if (strcmp(l->keys[k], "env") == 0) {
          mkb_node *e = node_new(a, V_TABLE);
          for (size_t j = 0; j < x->nkeys; j++) node_set(a, e, x->keys[j], joined(a, x->vals[j]));
          x = e;
        }
        node_set(a, r, l->keys[k], (mkb_node *)x);
      }
      node_push(a, sc, sorted(a, r));
    }
    node_set(a, n, "script", sc);
  }
  if ((v = node_get(m, "files")) && v->nkeys) {
    mkb_node *f = node_new(a, V_TABLE);
    for (size_t i = 0; i < v->nkeys; i++) node_set(a, f, v->keys[i], norm_file(a, v->vals[i]));
    node_set(a, n, "files", f);
  }
  return n;
}

static void compare_rendered(const char *what, const mkb_node *model, const mkb_output *o) {
  arena a;
  diag_list d;
  arena_init(&a);
  diag_init(&d);
  mkb_node *back = parse_buildfile(o->path, o->data.s, o->data.len, &a, &d);
  if (d.errors) {
    unit_failed++;
    fprintf(stderr, "%s: its rendered %s does not parse:\n", what, o->path);
    diag_print(&d, stderr, 0);
  } else {
    check_same(what, normalise(&a, model), normalise(&a, back));
  }
  diag_free(&d);
  arena_free(&a);
}

static void test_shipped(void) {
  mkb_session *s = open_session("examples/family", NULL);
  if (s == NULL) {
    unit_failed++;
    return;
  }
  const char **boards;
  size_t n = session_boards(s, &boards), compared = 0;
  for (size_t i = 0; i < n; i++) {
    mkb_system sys;
    if (session_resolve(s, boards[i], &sys) != 0) {
      unit_failed++;
      fprintf(stderr, "board %s does not resolve\n", boards[i]);
      system_free(&sys);
      continue;
    }
    mkb_render r;
    system_render(s, &sys, &r);
    for (size_t k = 0; k < r.n; k++) {
      if (!ends_with(r.v[k].path, ".build")) continue;
      const mkb_node *model = sys.board;
      char what[512];
      snprintf(what, sizeof what, "board %s: %s", boards[i], r.v[k].path);
      for (size_t g = 0; k > 0 && g < sys.nguests; g++) {
        char want[512];
        snprintf(want, sizeof want, "guests/%s/%s.build", sys.guests[g].name, sys.guests[g].name);
        if (strcmp(want, r.v[k].path) == 0) model = node_get(sys.guests[g].model, "ifs");
      }
      compare_rendered(what, model, &r.v[k]);
      compared++;
    }
    render_free(&r);
    system_free(&sys);
  }
  printf("shipped: %zu boards, %zu buildfiles compared\n", n, compared);
  CHECK(n >= 5);
  session_close(s);
}

/* ---- the importer's choices --------------------------------------------- */

static mkb_session *import_session;  /* the schema the importer reads */

static const char *import_text(const char *text) {
  static strbuf out;
  mkb_node *m = parse(text);
  sb_clear(&out);
  import_board(import_session, m, "b", &out);
  return out.s ? out.s : "";
}

static void test_import(void) {
  /* A QNX 7.1 host whose wiring the core puts back: hypervisor-host. */
  const char *r = import_text(
    "[image=0x40100000]\n"
    "[virtual=aarch64le,raw +compress] boot = {\n"
    "  [+keeplinked] startup-rcar_h3 -P1\n"
    "  [+keeplinked module=qvm] PATH=/proc/boot:/bin LD_LIBRARY_PATH=/lib procnto-smp-instr\n"
    "}\n"
    "[+script] startup-script = {\n  display_msg Hello there\n  [+session] ksh &\n}\n"
    "[perms=0444] /etc/motd = {\nsay ]]\n}\n"
    "/sbin/qvm=qvm\n");
  CHECK_STR(r,
    "-- b: imported from an mkifs buildfile by mkbuildfile import.\n"
    "\n"
    "board \"b\" {\n"
    "  include    = { \"hypervisor-host\" },\n"
    "  arch       = \"aarch64le\",\n"
    "  qnx        = \"7.1\",\n"
    "  image      = { base = 0x40100000, format = \"raw\", compress = true },\n"
    "  hypervisor = { enable = true },\n"
    "  startup    = { \"startup-rcar_h3\", \"-P1\", keeplinked = true },\n"
    "  kernel     = { \"procnto-smp-instr\", keeplinked = true },\n"
    "  env = {\n"
    "    PATH            = { \"/proc/boot\", \"/bin\" },\n"
    "    LD_LIBRARY_PATH = \"/lib\",\n"
    "  },\n"
    "  script = {\n"
    "    \"display_msg Hello there\",\n"
    "    { \"ksh\", session = true, bg = true },\n"
    "  },\n"
    "  files = {\n"
    "    [\"/etc/motd\"] = { perms = \"0444\", contents = [=[\n"
    "say ]]\n"
    "]=] },\n"
    "  },\n"
    "}\n");
  /* The safety kernel and modules; /sbin/qvm elsewhere than last stays. */
  r = import_text(
    "[virtual=aarch64le,raw] boot = {\n"
    "  startup-x\n"
    "  [module=aps module=qvm-safety module=aps-safety] procnto-smp-instr-safety\n"
    "}\n"
    "/sbin/qvm=qvm\nls\n");
  CHECK(strstr(r, "hypervisor = { enable = true, safety = true },\n") != NULL);
  CHECK(strstr(r, "kernel     = { \"procnto-smp-instr\", modules = { \"aps\" } },\n") != NULL);
  CHECK(strstr(r, "[\"/sbin/qvm\"] = \"qvm\",\n") != NULL);
  CHECK(strstr(r, "include") == NULL);   /* no PATH: the fragment would add one */
  /* vdev files: the core would drop them from a host without guests. */
  r = import_text(
    "[virtual=aarch64le,raw] boot = {\n  startup-x\n  [module=qvm] procnto\n}\n"
    "/sbin/qvm=qvm\n/lib/dll/vdev-pl011.so=vdev-pl011.so\n");
  CHECK(strstr(r, "hypervisor") == NULL);
  CHECK(strstr(r, "modules = { \"qvm\" }") != NULL);
  /* QNX 8.0: -Q where the core puts it, el1 as host_mode. */
  r = import_text(
    "[virtual=aarch64le,raw] boot = {\n  startup-bcm2711-rpi4 -P 4 -Q enable,el1-host -v\n"
    "  procnto-smp-instr\n}\n/sbin/qvm=qvm\n");
  CHECK(strstr(r, "hypervisor = { enable = true, host_mode = \"el1\" },\n") != NULL);
  CHECK(strstr(r, "startup    = { \"startup-bcm2711-rpi4\", \"-P\", \"4\", \"-v\" },\n") != NULL);
  CHECK(strstr(r, "qvm") == NULL);
  /* Lua names and keywords as keys; text with quotes and control bytes. */
  r = import_text("[+script] s = {\n  [+session] A_1=x ksh \"a\\\"b\"\n}\n"
                  "[end=1] f\n[perms=0444] g = {\r\nx\r\n}\n");
  CHECK(strstr(r, "{ \"ksh\", \"a\\\"b\", session = true, env = { A_1 = \"x\" } },") != NULL);
  CHECK(strstr(r, "[\"f\"] = { [\"end\"] = \"1\" },") != NULL);
  CHECK(strstr(r, "contents = \"x\\013\\n\" }") != NULL);
}

/* The recipes the importer writes with the shipped wiring render back to
** the same buildfile model. */
static void test_import_round_trips(void) {
  static const char *const texts[] = {
    BASIC,
    /* 7.1: hypervisor-host, qvm left to the core, /sbin/qvm last. */
    "[image=0x40100000]\n[virtual=aarch64le,raw +compress] boot = {\n"
    "  [+keeplinked] startup-rcar_h3 -P1\n"
    "  [+keeplinked module=qvm] PATH=/proc/boot:/bin LD_LIBRARY_PATH=/lib procnto-smp-instr\n}\n"
    "[+script] startup-script = {\n  display_msg Hello there\n  [+session] ksh &\n}\n"
    "[perms=0444] /etc/motd = {\nsay ]]\n}\n/sbin/qvm=qvm\n",
    /* 7.1 safety, no PATH (so no fragment), a module before the core's. */
    "[virtual=aarch64le,raw] boot = {\n  startup-x\n"
    "  [module=aps module=qvm-safety module=aps-safety] procnto-smp-instr-safety\n}\n"
    "/sbin/qvm=qvm\nls\n",
    /* 8.0 aarch64 at EL1, and x86_64. */
    "[virtual=aarch64le,raw] boot = {\n  startup-bcm2711-rpi4 -P 4 -Q enable,el1-host -v\n"
    "  procnto-smp-instr\n}\n/sbin/qvm=qvm\n",
    "[virtual=x86_64,multiboot] boot = {\n  startup-x86 -Q enable -v\n  PATH=/a\n"
    "  LD_LIBRARY_PATH=/b\n  procnto-smp-instr\n}\n/sbin/qvm=qvm\n",
    /* Where the wiring would not give the file back, it is written out. */
    "[virtual=x86_64,bios] boot = {\n  startup-x86 -v -Q enable\n  procnto\n}\n/sbin/qvm=qvm\n",
    "[virtual=aarch64le,raw] boot = {\n  startup-x\n  [module=qvm module=aps] LD_LIBRARY_PATH=/b "
    "PATH=/a procnto\n}\n/sbin/qvm=qvm\n/lib/dll/vdev-pl011.so=vdev-pl011.so\n",
    /* Odd words, quotes, braces and a }-holding text. */
    "[virtual=x86_64,bios] \"my boot\" = {\n  startup-x86 \"a b\" \"c=d\" \"#e\"\n"
    "  procnto\n}\n[+script] s = {\n  echo \"x\\\"y\" \"&\" &\n  [pri=10f] A=\"1 2\"\n}\n"
    "\"sp ace\"=\"h st\"\n[type=fifo] /f\n[type=dir] /d=/host\n"
    "x = {\n\\} {\\\\\n\\}\n}\n",
  };
  /* The programs each script runs, added as plain files so that the
  ** closure check finds them in the image. */
  static const char *const programs[] = { "devc-ser\nksh\n", "ksh\n", "", "", "", "", "",
                                          "echo\n" };
  for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
    char what[32], name[32];
    snprintf(what, sizeof what, "import text %zu", i);
    snprintf(name, sizeof name, "imported%zu", i);
    strbuf t;
    sb_init(&t);
    sb_printf(&t, "%s%s", texts[i], i < sizeof programs / sizeof *programs ? programs[i] : "");
    CHECK_INT(round_trip(what, t.s, t.len, name), 1);
    sb_free(&t);
  }
}

/* test_parse_build [--corpus]: the tests, or only those over the public
** corpus, which exit 77 (CTest: skipped) when there is no corpus. */
int main(int argc, char **argv) {
  const char *r = getenv("MKBUILDFILE_ROOT");
  if (r) root = r;
  arena_init(&A);
  diag_init(&D);
  test_basic();
  test_tokens();
  test_globals();
  test_bootstrap();
  test_script();
  test_errors();
  if (mkdtemp(tmpdir) == NULL) {
    perror("mkdtemp");
    return 1;
  }
  if (argc > 1 && strcmp(argv[1], "--corpus") == 0) {
    int absent = test_corpus() < 0;
    rmdir(tmpdir);
    diag_free(&D);
    arena_free(&A);
    return absent ? 77 : unit_report();
  }
  mkb_session *s = open_session(NULL, NULL);
  CHECK(s != NULL);
  if (s) {
    import_session = s;
    test_import();
    test_robust(s, NULL);
    size_t len;
    char *seed = slurp("tests/cases/seed_rcar_h3/expected.stdout", &len);
    test_robust(s, seed);
    free(seed);
    session_close(s);
  }
  test_import_round_trips();
  test_golden();
  test_shipped();
  rmdir(tmpdir);
  diag_free(&D);
  arena_free(&A);
  return unit_report();
}
