/* SPDX-License-Identifier: MIT
** test_base.c: the helpers of src/base that every part relies on: the one
** did-you-mean rule (mkb_nearest); tables that grow by appending in
** amortized constant time and find their keys in constant time however
** large they grow (node_push, node_set, node_get, node_remove_key);
** integers that keep the spelling their source gave them (def_set_lit). */
#include <stdio.h>

#include "base/model.h"
#include "base/util.h"
#include "unit.h"

static void test_nearest(void) {
  int d = -1;
  /* The nearest candidate, not the last one within reach. */
  const char *pics[] = { "myioapic", "myiop" };
  CHECK_STR(mkb_nearest("myioapc", pics, 2, &d), "myioapic");
  CHECK_INT(d, 1);
  const char *rev[] = { "myiop", "myioapic" };
  CHECK_STR(mkb_nearest("myioapc", rev, 2, NULL), "myioapic");
  /* Among equally near candidates, the first. */
  const char *tie[] = { "ac", "ad" };
  CHECK_STR(mkb_nearest("ab", tie, 2, &d), "ac");
  CHECK_INT(d, 1);
  /* One threshold rule: 1 edit for a word of up to 3 bytes, 2 beyond. */
  const char *three[] = { "axy" };
  CHECK(mkb_nearest("abc", three, 1, NULL) == NULL);
  const char *four[] = { "axyd" };
  CHECK_STR(mkb_nearest("abcd", four, 1, &d), "axyd");
  CHECK_INT(d, 2);
  const char *far[] = { "vwxyz", "abxdz" };
  CHECK_STR(mkb_nearest("abcde", far, 2, NULL), "abxdz");
  const char *none[] = { "vwxyz" };
  CHECK(mkb_nearest("abcde", none, 1, NULL) == NULL);
  /* A swap of neighbours is one edit. */
  const char *fields[] = { "kernel", "startup" };
  CHECK_STR(mkb_nearest("kenrel", fields, 2, &d), "kernel");
  CHECK_INT(d, 1);
  CHECK(mkb_nearest("x", NULL, 0, NULL) == NULL);
}

/* Appending copies the array only when its room is used up, and the room
** doubles: N appends move the array O(log N) times, not N times. */
static void test_append(void) {
  arena a;
  arena_init(&a);
  mkb_node *t = node_new(&a, V_TABLE);
  enum { N = 20000 };
  size_t moves = 0, kmoves = 0;
  mkb_node **last = NULL;
  const char **lastk = NULL;
  char key[32];
  for (int i = 0; i < N; i++) {
    node_push(&a, t, node_new(&a, V_INT));
    if (t->items != last) moves++, last = t->items;
    snprintf(key, sizeof key, "k%d", i);
    mkb_node *v = node_new(&a, V_INT);
    v->i = i;
    node_set(&a, t, key, v);
    if (t->keys != lastk) kmoves++, lastk = t->keys;
  }
  CHECK_INT(t->nitems, N);
  CHECK_INT(t->nkeys, N);
  CHECK(moves <= 20);
  CHECK(kmoves <= 20);
  /* Keys keep the order they came in; a key set again keeps its place. */
  CHECK_STR(t->keys[0], "k0");
  CHECK_STR(t->keys[N - 1], "k19999");
  mkb_node *v = node_new(&a, V_INT);
  v->i = -1;
  node_set(&a, t, "k7", v);
  CHECK_INT(t->nkeys, N);
  CHECK_INT(t->vals[7]->i, -1);
  CHECK_INT(node_get(t, "k7")->i, -1);
  CHECK_INT(node_get(t, "k12345")->i, 12345);
  CHECK(node_get(t, "k20000") == NULL);
  /* Removing a key keeps the order of the others and their lookups. */
  node_remove_key(t, "k3");
  CHECK_INT(t->nkeys, N - 1);
  CHECK_STR(t->keys[3], "k4");
  CHECK(node_get(t, "k3") == NULL);
  CHECK_INT(node_get(t, "k4")->i, 4);
  CHECK_INT(node_get(t, "k19999")->i, 19999);
  node_set(&a, t, "k3", v);
  CHECK_STR(t->keys[N - 1], "k3");
  CHECK(node_get(t, "k3") == v);
  arena_free(&a);
}

/* Numbers as written: 0x00007fc3 stays 0x00007fc3 (case and width), and
** only a spelling that reads back as the same value everywhere is kept. */
static void test_lit(void) {
  arena a;
  arena_init(&a);
  mkb_src src = { "f", "r", 1, 1 };
  mkb_node *n = node_read_int(&a, 0x7fc3, "0x00007fc3", src);
  CHECK_STR(node_lit(n), "0x00007fc3");
  CHECK_STR(lua_text(&a, n, NULL), "0x00007fc3");
  CHECK_STR(lua_text(&a, node_read_int(&a, 0xd1c30000LL, "0xD1C30000", src), NULL), "0xD1C30000");
  CHECK_STR(lua_text(&a, node_read_int(&a, 898, "898", src), NULL), "898");
  /* Not kept: a leading zero (octal to some readers), a value it does not
  ** spell, a negative number, junk; the printer's own form then. */
  CHECK(node_lit(node_read_int(&a, 382, "0382", src)) == NULL);
  CHECK(node_lit(node_read_int(&a, 10, "0x0b", src)) == NULL);
  CHECK(node_lit(node_read_int(&a, -1, "-1", src)) == NULL);
  CHECK(node_lit(node_read_int(&a, 1, "1k", src)) == NULL);
  CHECK(node_lit(node_read_int(&a, 0, "0x", src)) == NULL);
  CHECK_STR(lua_text(&a, node_read_int(&a, 0x4000, NULL, src), NULL), "0x4000");
  /* A value changed after it was read has no spelling left. */
  n = node_read_int(&a, 16, "0x10", src);
  n->i = 17;
  CHECK(node_lit(n) == NULL);
  CHECK_STR(lua_text(&a, n, NULL), "17");
  arena_free(&a);
}

int main(void) {
  test_nearest();
  test_lit();
  test_append();
  return unit_report();
}
