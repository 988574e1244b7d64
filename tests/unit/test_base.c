/* SPDX-License-Identifier: MIT
** test_base.c: the helpers of src/base that every part relies on: the one
** did-you-mean rule (mkb_nearest). */
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

int main(void) {
  test_nearest();
  return unit_report();
}
