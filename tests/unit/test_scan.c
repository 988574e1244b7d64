/* SPDX-License-Identifier: MIT */
/* test_scan.c: unit tests of the recipe source scanner (src/load/scan.c). */
#include <stdlib.h>

#include "load/scan.h"
#include "unit.h"

/* Scans a copy in an exactly-sized buffer so that ASan catches any read past
   the end (the real input is not NUL-terminated either). */
static int scan_exact(const char *src, size_t len, scan_result *r) {
  char *copy = malloc(len ? len : 1);
  int rc;
  if (!copy) return -1;
  memcpy(copy, src, len);
  rc = scan_source(copy, len, r);
  free(copy);
  return rc;
}

static int scan_str(const char *src, scan_result *r) {
  return scan_exact(src, strlen(src), r);
}

/* line*1000+col of a field, or -1 if absent: one CHECK_INT per expectation */
static int pos(const scan_ctor *c, const char *path) {
  const scan_field *f = scan_lookup(c, path);
  return f ? f->line * 1000 + f->col : -1;
}

static const char example[] =
  "-- boards/rcar_h3.lua\n"
  "local common = { \"-W\" }\n"
  "board \"rcar_h3\" {\n"
  "  include = { \"hypervisor-host\" },\n"
  "  arch    = \"aarch64le\",\n"
  "  image   = { base = 0x40100000, format = \"raw\", compress = true },\n"
  "  startup = { \"startup-rcar_h3\", \"-P1\", \"-W\", \"-vv\", keeplinked = true },\n"
  "  files = {\n"
  "    [\"/etc/motd\"] = { contents = [[\n"
  "Hello }\n"
  "]], perms = 0444 },\n"
  "  },\n"
  "}\n"
  "for _, rev in ipairs { \"es1\", \"es2\" } do\n"
  "  board (\"rcar_h3-\" .. rev) {\n"
  "    include = { \"rcar_h3\" },\n"
  "    startup = append { \"-s\" },          -- append/prepend/remove/force/default\n"
  "    vdevs = { console = force { \"pl011\", loc = 0x1c090000 }, disk = delete },\n"
  "  }\n"
  "end\n"
  "guest(\"qnx71\")({ ram = default \"512M\" })\n"
  "fragment \"x\" { }\n";

static void test_example(void) {
  static const char *const order[] = {
    "include", "include\x1f" "1", "arch", "image", "image\x1f" "base",
    "image\x1f" "format", "image\x1f" "compress", "startup", "startup\x1f" "1",
    "startup\x1f" "2", "startup\x1f" "3", "startup\x1f" "4",
    "startup\x1f" "keeplinked", "files", "files\x1f/etc/motd",
    "files\x1f/etc/motd\x1f" "contents", "files\x1f/etc/motd\x1f" "perms" };
  scan_result r;
  const scan_ctor *c;
  size_t i;
  CHECK_INT(scan_str(example, &r), 0);
  CHECK_INT(r.nctors, 4);
  if (r.nctors != 4) { scan_free(&r); return; }

  c = &r.ctors[0];
  CHECK_STR(c->kind, "board");
  CHECK_INT(c->line, 3);
  CHECK_INT(c->col, 1);
  CHECK_INT(c->nfields, sizeof order / sizeof order[0]);
  for (i = 0; i < c->nfields && i < sizeof order / sizeof order[0]; i++)
    CHECK_STR(c->fields[i].path, order[i]);
  CHECK_INT(pos(c, "include"), 4003);
  CHECK_INT(pos(c, "include\x1f" "1"), 4015);
  CHECK_INT(pos(c, "arch"), 5003);
  CHECK_INT(pos(c, "image"), 6003);
  CHECK_INT(pos(c, "image\x1f" "base"), 6015);
  CHECK_INT(pos(c, "image\x1f" "format"), 6034);
  CHECK_INT(pos(c, "image\x1f" "compress"), 6050);
  CHECK_INT(pos(c, "startup"), 7003);
  CHECK_INT(pos(c, "startup\x1f" "1"), 7015);
  CHECK_INT(pos(c, "startup\x1f" "2"), 7034);
  CHECK_INT(pos(c, "startup\x1f" "3"), 7041);
  CHECK_INT(pos(c, "startup\x1f" "4"), 7047);
  CHECK_INT(pos(c, "startup\x1f" "keeplinked"), 7054);
  CHECK_INT(pos(c, "files"), 8003);
  CHECK_INT(pos(c, "files\x1f/etc/motd"), 9005);
  CHECK_INT(pos(c, "files\x1f/etc/motd\x1f" "contents"), 9023);
  CHECK_INT(pos(c, "files\x1f/etc/motd\x1f" "perms"), 11005);
  CHECK(scan_lookup(c, "startup\x1f" "5") == NULL);
  CHECK(scan_lookup(c, "files\x1f" "1") == NULL);

  c = &r.ctors[1];
  CHECK_STR(c->kind, "board");
  CHECK_INT(c->line, 15);
  CHECK_INT(c->col, 3);
  CHECK_INT(c->nfields, 9);
  CHECK_INT(pos(c, "include\x1f" "1"), 16017);
  CHECK_INT(pos(c, "startup"), 17005);
  CHECK_INT(pos(c, "startup\x1f" "1"), 17024);
  CHECK_INT(pos(c, "vdevs"), 18005);
  CHECK_INT(pos(c, "vdevs\x1f" "console"), 18015);
  CHECK_INT(pos(c, "vdevs\x1f" "console\x1f" "1"), 18033);
  CHECK_INT(pos(c, "vdevs\x1f" "console\x1f" "loc"), 18042);
  CHECK_INT(pos(c, "vdevs\x1f" "disk"), 18062);

  c = &r.ctors[2];
  CHECK_STR(c->kind, "guest");
  CHECK_INT(c->line, 21);
  CHECK_INT(c->nfields, 1);
  CHECK_INT(pos(c, "ram"), 21018);

  c = &r.ctors[3];
  CHECK_STR(c->kind, "fragment");
  CHECK_INT(c->line, 22);
  CHECK_INT(c->nfields, 0);

  CHECK(scan_find_ctor(&r, 15, 0) == &r.ctors[1]);
  CHECK(scan_find_ctor(&r, 14, 0) == NULL);
  CHECK(scan_find_ctor(&r, 2, 0) == NULL);   /* a plain table is no ctor */
  scan_free(&r);
  CHECK(r.nctors == 0 && r.ctors == NULL);
  scan_free(&r);   /* idempotent */
}

static void test_long_brackets(void) {
  const char *src =
    "board \"a\" {\n"
    "  --[==[ } { ]] \n"
    "  ]==] x = [=[ } ]] {\n"
    "]=], -- } {\n"
    "  y = 'q}' --[[ ]] , z = \"{\",\n"
    "  [ [[k\n"
    "e]] ] = 1, [ [==[\n"
    "lead]==] ] = 2,\n"
    "}\n"
    "fragment 'f' { w = 1 }\n";
  scan_result r;
  const scan_ctor *c;
  CHECK_INT(scan_str(src, &r), 0);
  CHECK_INT(r.nctors, 2);
  c = scan_find_ctor(&r, 1, 0);
  CHECK(c != NULL);
  CHECK_INT(pos(c, "x"), 3008);
  CHECK_INT(pos(c, "y"), 5003);
  CHECK_INT(pos(c, "z"), 5022);
  CHECK_INT(pos(c, "k\ne"), 6003);
  CHECK_INT(pos(c, "lead"), 7012);   /* first newline of a long string dropped */
  CHECK_INT(c ? c->nfields : 0, 5);
  c = scan_find_ctor(&r, 10, 0);
  CHECK(c != NULL && c->kind != NULL && strcmp(c->kind, "fragment") == 0);
  CHECK_INT(pos(c, "w"), 10016);
  scan_free(&r);
}

static void test_line_endings(void) {
  const char *crlf = "board 'a' {\r\n  x = 1,\r\n\r\n  y = [[\r\n]],\r\n  z = 2 }\r\n";
  const char *cr = "board 'a' {\r  x = 1,\r\r  y = 2 }\r";
  const char *mixed = "board 'a' {\n\r  x = 1,\r\n\n  y = 2 }";   /* \n\r is one */
  scan_result r;
  CHECK_INT(scan_str(crlf, &r), 0);
  CHECK_INT(r.nctors, 1);
  CHECK_INT(pos(scan_find_ctor(&r, 1, 0), "x"), 2003);
  CHECK_INT(pos(scan_find_ctor(&r, 1, 0), "y"), 4003);
  CHECK_INT(pos(scan_find_ctor(&r, 1, 0), "z"), 6003);
  scan_free(&r);
  CHECK_INT(scan_str(cr, &r), 0);
  CHECK_INT(pos(scan_find_ctor(&r, 1, 0), "y"), 4003);
  scan_free(&r);
  CHECK_INT(scan_str(mixed, &r), 0);
  CHECK_INT(pos(scan_find_ctor(&r, 1, 0), "x"), 2003);
  CHECK_INT(pos(scan_find_ctor(&r, 1, 0), "y"), 4003);
  scan_free(&r);
}

static void test_escapes(void) {
  const char *src =
    "board 'a' {\n"
    "  x = \"a\\\"}\\\n"
    "b\\\r\n"
    "c\", y = 'it\\'s \\z\n"
    "     }', [\"q\\\"k\"] = 1,\n"
    "  ['\\x41\\65\\u{42}\\u{e9}\\0651'] = 2, z = 3 }\n";
  scan_result r;
  const scan_ctor *c;
  CHECK_INT(scan_str(src, &r), 0);
  c = scan_find_ctor(&r, 1, 0);
  CHECK_INT(pos(c, "x"), 2003);
  CHECK_INT(pos(c, "y"), 4005);
  CHECK_INT(pos(c, "q\"k"), 5010);
  CHECK_INT(pos(c, "AAB\xc3\xa9" "A1"), 6003);
  CHECK_INT(pos(c, "z"), 6037);
  CHECK_INT(c ? c->nfields : 0, 5);
  scan_free(&r);
}

static void test_keys_and_positions(void) {
  const char *src =
    "board 'a' {\n"
    "  [1] = { a = 1 }, [k .. \"x\"] = { b = 2 }, [\"s\" .. t] = 3,\n"
    "  \"p1\", k = 1, \"p2\"; { \"d\", e = 2, { 9 } }, [ [[l]] ] = 5,\n"
    "  nested = { { x = 1 }, { x = 2 } },\n"
    "}\n";
  static const char *const order[] = {
    "1", "k", "2", "3", "3\x1f" "1", "3\x1f" "e", "3\x1f" "2", "3\x1f" "2\x1f" "1",
    "l", "nested", "nested\x1f" "1", "nested\x1f" "1\x1f" "x",
    "nested\x1f" "2", "nested\x1f" "2\x1f" "x" };
  scan_result r;
  const scan_ctor *c;
  size_t i;
  CHECK_INT(scan_str(src, &r), 0);
  c = scan_find_ctor(&r, 1, 0);
  CHECK(c != NULL);
  if (!c) { scan_free(&r); return; }
  CHECK_INT(c->nfields, sizeof order / sizeof order[0]);
  for (i = 0; i < c->nfields && i < sizeof order / sizeof order[0]; i++)
    CHECK_STR(c->fields[i].path, order[i]);
  CHECK(scan_lookup(c, "a") == NULL && scan_lookup(c, "b") == NULL);
  CHECK_INT(pos(c, "1"), 3003);
  CHECK_INT(pos(c, "2"), 3016);
  CHECK_INT(pos(c, "3"), 3022);
  CHECK_INT(pos(c, "3\x1f" "2\x1f" "1"), 3038);
  CHECK_INT(pos(c, "l"), 3045);
  scan_free(&r);
  /* an empty key is still a segment of its own */
  CHECK_INT(scan_str("board 'a' { [''] = { a = 1 } }", &r), 0);
  CHECK_INT(pos(scan_find_ctor(&r, 1, 0), ""), 1013);
  CHECK_INT(pos(scan_find_ctor(&r, 1, 0), "\x1f" "a"), 1022);
  scan_free(&r);
}

static void test_wrappers(void) {
  const char *src =
    "board 'a' {\n"
    "  s = append { \"-s\" },\n"
    "  x = force({ a = 1 }, 2, { no = 1 }),\n"
    "  y = m.x.z { b = 1 } .. suffix,\n"
    "  z = obj:m { c = 1 },\n"
    "  w = default \"s\", v = f(1, { q = 1 }), u = prepend({ \"p\" }),\n"
    "}\n";
  scan_result r;
  const scan_ctor *c;
  CHECK_INT(scan_str(src, &r), 0);
  c = scan_find_ctor(&r, 1, 0);
  CHECK_INT(pos(c, "s\x1f" "1"), 2016);
  CHECK_INT(pos(c, "x\x1f" "a"), 3015);
  CHECK(scan_lookup(c, "x\x1f" "no") == NULL);
  CHECK_INT(pos(c, "y"), 4003);
  CHECK_INT(pos(c, "y\x1f" "b"), 4015);
  CHECK_INT(pos(c, "z\x1f" "c"), 5015);
  CHECK_INT(pos(c, "w"), 6003);
  CHECK_INT(pos(c, "v"), 6020);
  CHECK(scan_lookup(c, "v\x1f" "q") == NULL);
  CHECK_INT(pos(c, "u\x1f" "1"), 6055);
  CHECK_INT(c ? c->nfields : 0, 12);
  scan_free(&r);
}

static void test_function_values(void) {
  const char *src =
    "board 'a' {\n"
    "  f = function(a, b) local t = { 1, 2 }\n"
    "    if a then return a, b elseif b then return 1, 2 else return 3 end\n"
    "    for i = 1, 2 do local _ = i, i end while false do end\n"
    "    repeat local q, r = 1, 2 until q, r\n"
    "    do local z = { y = 1 }; end return { x = 1 } end,\n"
    "  g = (function(...) return ... end)(1, 2), h = 3\n"
    "}\n";
  scan_result r;
  const scan_ctor *c;
  CHECK_INT(scan_str(src, &r), 0);
  c = scan_find_ctor(&r, 1, 0);
  CHECK_INT(c ? c->nfields : 0, 3);
  CHECK_INT(pos(c, "f"), 2003);
  CHECK_INT(pos(c, "g"), 7003);
  CHECK_INT(pos(c, "h"), 7045);
  scan_free(&r);
}

static void test_ctor_shapes(void) {
  const char *src =
    "board 'a' { x = 1 } board \"b\" { y = 2 } guest [[c]] { z = 3 }\n"
    "local b = board 'x'; b { n = 1 }\n"
    "t.board 'y' { n = 1 } t:guest 'y' { n = 1 } local function board(q) end\n"
    "function fragment(x) return x end local guest = 1\n"
    "board (name .. f(1, { 2 }, \"(\")) ({ p = 1 }) fragment('k') { }\n"
    "guest 'g' ({ n = 1 }, extra) board 'late' { ok = 1 }\n";
  scan_result r;
  const scan_ctor *c;
  CHECK_INT(scan_str(src, &r), 0);
  CHECK_INT(r.nctors, 6);
  c = scan_find_ctor(&r, 1, 0);
  CHECK(c && c->col == 1 && scan_lookup(c, "x") && !scan_lookup(c, "y"));
  c = scan_find_ctor(&r, 1, 1);
  CHECK(c && c->col == 21 && pos(c, "y") == 1033);
  c = scan_find_ctor(&r, 1, 2);
  CHECK(c && strcmp(c->kind, "guest") == 0 && pos(c, "z") == 1055);
  CHECK(scan_find_ctor(&r, 1, 3) == NULL);
  CHECK(scan_find_ctor(&r, 1, -1) == NULL);
  CHECK(scan_find_ctor(&r, 2, 0) == NULL);
  CHECK(scan_find_ctor(&r, 3, 0) == NULL);
  CHECK(scan_find_ctor(&r, 4, 0) == NULL);
  c = scan_find_ctor(&r, 5, 0);
  CHECK(c && c->col == 1 && pos(c, "p") == 5037);
  c = scan_find_ctor(&r, 5, 1);
  CHECK(c && strcmp(c->kind, "fragment") == 0 && c->col == 46 && c->nfields == 0);
  c = scan_find_ctor(&r, 6, 0);   /* the guest has an extra argument */
  CHECK(c && strcmp(c->kind, "board") == 0 && pos(c, "ok") == 6045 && c->col == 30);
  scan_free(&r);
}

static void test_shebang_and_bom(void) {
  scan_result r;
  CHECK_INT(scan_str("#!/usr/bin/env mkbuildfile board 'no' {}\nboard 'a' { x = 1 }", &r), 0);
  CHECK_INT(r.nctors, 1);
  CHECK_INT(pos(scan_find_ctor(&r, 2, 0), "x"), 2013);
  scan_free(&r);
  CHECK_INT(scan_str("\xEF\xBB\xBF" "board 'a' { x = 1 }", &r), 0);
  CHECK_INT(pos(scan_find_ctor(&r, 1, 0), "x"), 1013);
  scan_free(&r);
  CHECK_INT(scan_str("", &r), 0);
  CHECK_INT(r.nctors, 0);
  CHECK_INT(scan_source(NULL, 0, &r), 0);
  CHECK_INT(r.nctors, 0);
  CHECK_INT(scan_source("x", 1, NULL), -1);
  CHECK(scan_lookup(NULL, "x") == NULL);
  CHECK(scan_find_ctor(NULL, 1, 0) == NULL);
}

/* Deterministic generator: the test must be reproducible. */
static unsigned next_rand(unsigned *s) {
  *s = *s * 1103515245u + 12345u;
  return (*s >> 16) & 0x7fff;
}

static void test_malformed(void) {
  static const char *const bad[] = {
    "board 'a' { x = \"abc", "board 'a' { x = 'a\\", "board 'a' { x = [==[ ]=]",
    "board 'a' { --[[ never closed", "board 'a' { x = { y = 1 ", "}}}} board 'a' { x = 1 }}}}",
    "board 'a' { [ = 1, ] = 2, ) = 3, end, until, x = 4 }", "board ( 'a' { }",
    "board 'a' ({ x = 1 ", "board 'a' { x = function( , y = 2", "board", "board 'a'",
    "board 'a' { [", "board 'a' { [ 'k' ", "board 'a' { x = 1e", "board 'a' { x = f(",
    "\\", "--", "[=", "[==", "'", "\"\\z", "board 'a' { ['\\u{FFFFFFFFFFFF}'] = 1 }",
  };
  static const char alphabet[] = "{}[]()=,;'\"\\-\n\r .:xz0boardfunctionend[[]]==";
  static const char *const deep[] = { "{", "(", "[", "function ", "x = { ", "a { " };
  scan_result r;
  size_t i, j, k, bad_rc = 0, bad_pos;
  unsigned seed = 12345;
  char *buf;
  for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    CHECK_INT(scan_str(bad[i], &r), 0);
    scan_free(&r);
  }
  CHECK_INT(scan_str("board 'a' { x = 1, y = \"abc\n}", &r), 0);
  CHECK_INT(pos(scan_find_ctor(&r, 1, 0), "x"), 1013);   /* kept up to the error */
  scan_free(&r);

  buf = malloc(4096);
  if (!buf) { CHECK(0); return; }
  for (i = 0, bad_pos = 0; i < 3000; i++) {
    size_t len = next_rand(&seed) % 4096;
    for (j = 0; j < len; j++) {
      unsigned v = next_rand(&seed);
      buf[j] = (char)(i % 2 ? v : (unsigned)alphabet[v % (sizeof alphabet - 1)]);
    }
    if (len > 12 && i % 3 == 0) memcpy(buf, "board 'a' { ", 12);
    bad_rc += scan_exact(buf, len, &r) != 0;
    for (k = 0; k < r.nctors; k++)
      for (j = 0; j < r.ctors[k].nfields; j++)
        bad_pos += r.ctors[k].fields[j].line < 1 || r.ctors[k].fields[j].col < 1;
    scan_free(&r);
  }
  CHECK_INT(bad_rc, 0);
  CHECK_INT(bad_pos, 0);
  free(buf);

  for (i = 0; i < sizeof deep / sizeof deep[0]; i++) {
    size_t unit = strlen(deep[i]), n = 10000;
    buf = malloc(12 + unit * n);
    if (!buf) { CHECK(0); return; }
    memcpy(buf, "board 'a' { ", 12);
    for (j = 0; j < n; j++) memcpy(buf + 12 + j * unit, deep[i], unit);
    CHECK_INT(scan_exact(buf, 12 + unit * n, &r), 0);
    CHECK_INT(r.nctors, 1);
    scan_free(&r);
    free(buf);
  }

  /* 10000 nested tables, closed: depth is capped but the walk resumes right */
  buf = malloc(40000);
  if (!buf) { CHECK(0); return; }
  memcpy(buf, "board 'a' { x = ", 16);
  for (j = 0; j < 10000; j++) buf[16 + j] = '{';
  for (j = 0; j < 10000; j++) buf[10016 + j] = '}';
  memcpy(buf + 20016, ", y = 1 }", 9);
  CHECK_INT(scan_exact(buf, 20025, &r), 0);
  CHECK_INT(r.nctors, 1);
  CHECK(r.nctors == 1 && pos(&r.ctors[0], "y") == 21019);
  CHECK(r.nctors == 1 && r.ctors[0].nfields > 150 && r.ctors[0].nfields < 250);
  scan_free(&r);
  free(buf);
}

static void test_token_col(void) {
  const char *src =
    "x = \"foo\" -- foo\n"
    "local foo = 'x' .. [[ foo\n"
    "foo ]] foo == bar = 1 }\n"
    "y = --[[ } ]] } \"a b\" 0x1p4\n"
    "z = \"unfinished\n";
  size_t n = strlen(src);
  CHECK_INT(scan_token_col(src, n, 1, "foo"), 0);
  CHECK_INT(scan_token_col(src, n, 1, "\"foo\""), 5);
  CHECK_INT(scan_token_col(src, n, 1, "x"), 1);
  CHECK_INT(scan_token_col(src, n, 2, "foo"), 7);
  CHECK_INT(scan_token_col(src, n, 2, "local"), 1);
  CHECK_INT(scan_token_col(src, n, 2, ".."), 17);
  CHECK_INT(scan_token_col(src, n, 2, "."), 0);
  CHECK_INT(scan_token_col(src, n, 3, "foo"), 8);
  CHECK_INT(scan_token_col(src, n, 3, "="), 19);
  CHECK_INT(scan_token_col(src, n, 3, "=="), 12);
  CHECK_INT(scan_token_col(src, n, 3, "}"), 23);
  CHECK_INT(scan_token_col(src, n, 4, "}"), 15);
  CHECK_INT(scan_token_col(src, n, 4, "\"a b\""), 17);
  CHECK_INT(scan_token_col(src, n, 4, "0x1p4"), 23);
  CHECK_INT(scan_token_col(src, n, 5, "\"unfinished"), 5);
  CHECK_INT(scan_token_col(src, n, 6, "z"), 0);
  CHECK_INT(scan_token_col(src, n, 3, ""), 0);
  CHECK_INT(scan_token_col(src, 5, 1, "x"), 1);   /* len bounds the scan */
  CHECK_INT(scan_token_col(src, 5, 1, "\"foo\""), 0);
  CHECK_INT(scan_token_col("#!sh x\r\nx", 9, 2, "x"), 1);
}

/* scan_declared: literal names with their place; anything else that may
** declare makes the file dynamic. */
static void test_declared(void) {
  scan_decls d;
  const char *src =
    "-- board \"not\" in a comment\n"
    "board \"a\" { x = 'guest \"no\"' }\n"
    "  guest(\"b\") { include = { \"a\" } }\n"
    "fragment [[c]] {}\n"
    "local t = { board = 1 }; t.board = 2; x:guest()\n";
  CHECK_INT(scan_declared(src, strlen(src), &d), 0);
  CHECK_INT(d.n, 3);
  CHECK_INT(d.dynamic, 0);
  if (d.n == 3) {
    CHECK_STR(d.v[0].name, "a");
    CHECK_STR(d.v[0].kind, "board");
    CHECK_INT(d.v[0].line, 2);
    CHECK_INT(d.v[0].col, 1);
    CHECK_STR(d.v[1].name, "b");
    CHECK_STR(d.v[1].kind, "guest");
    CHECK_INT(d.v[1].line, 3);
    CHECK_INT(d.v[1].col, 3);
    CHECK_STR(d.v[2].name, "c");
  }
  scan_decls_free(&d);
  CHECK_INT(d.n, 0);
  static const char *const dynamic[] = {
    "for _, r in ipairs{1} do board(\"x\" .. r) {} end",
    "local b = board\nb \"x\" {}",
    "_ENV.board \"x\" {}",
    "pcall(fragment, \"x\")",
    "board \"a\" {} --[[ unterminated",
    "board \"a\" { x = \"unterminated }",
  };
  for (size_t i = 0; i < sizeof dynamic / sizeof *dynamic; i++) {
    CHECK_INT(scan_declared(dynamic[i], strlen(dynamic[i]), &d), 0);
    CHECK_INT(d.dynamic, 1);
    scan_decls_free(&d);
  }
}

/* The numeral of a field, alone or in force(...)/default(...), for the
** spelling a number keeps (model.h); none for an expression. */
static void test_numerals(void) {
  scan_result r;
  const char *src = "board 'a' { x = 0x00481000, y = force(0x10), z = default (7), w = 1 + 2 }";
  CHECK_INT(scan_str(src, &r), 0);
  if (r.nctors == 1) {
    const scan_field *x = scan_lookup(&r.ctors[0], "x"), *y = scan_lookup(&r.ctors[0], "y");
    const scan_field *z = scan_lookup(&r.ctors[0], "z"), *w = scan_lookup(&r.ctors[0], "w");
    CHECK(x && x->num_len == 10 && strncmp(src + x->num_off, "0x00481000", 10) == 0);
    CHECK(y && y->num_len == 4 && strncmp(src + y->num_off, "0x10", 4) == 0);
    CHECK(z && z->num_len == 1 && src[z->num_off] == '7');
    CHECK(w && w->num_len == 0);
  }
  scan_free(&r);
}

int main(void) {
  test_declared();
  test_numerals();
  test_example();
  test_long_brackets();
  test_line_endings();
  test_escapes();
  test_keys_and_positions();
  test_wrappers();
  test_function_values();
  test_ctor_shapes();
  test_shebang_and_bom();
  test_malformed();
  test_token_col();
  return unit_report();
}
