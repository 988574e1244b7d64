/* SPDX-License-Identifier: MIT
** test_output.c: rendered files are written atomically and only when their
** content changed. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/output.h"
#include "unit.h"

static char *slurp(const char *path) {
  FILE *fp = fopen(path, "rb");
  if (fp == NULL) return NULL;
  static char buf[4096];
  size_t n = fread(buf, 1, sizeof buf - 1, fp);
  fclose(fp);
  buf[n] = '\0';
  return buf;
}

static int count_entries(const char *dir) {
  DIR *d = opendir(dir);
  int n = 0;
  struct dirent *e;
  if (d == NULL) return -1;
  while ((e = readdir(d)) != NULL)
    if (e->d_name[0] != '.') n++;
  closedir(d);
  return n;
}

static int exists(const char *dir, const char *rel) {
  char p[512];
  struct stat st;
  snprintf(p, sizeof p, "%s/%s", dir, rel);
  return stat(p, &st) == 0;
}

static void put(const char *dir, const char *rel, const char *text) {
  char p[512];
  snprintf(p, sizeof p, "%s/%s", dir, rel);
  CHECK(output_write(p, text, strlen(text)) >= 0);
}

static char *read_at(const char *dir, const char *rel) {
  char p[512];
  snprintf(p, sizeof p, "%s/%s", dir, rel);
  return slurp(p);
}

static int entries_at(const char *dir, const char *rel) {
  char p[512];
  snprintf(p, sizeof p, "%s/%s", dir, rel);
  return count_entries(p);
}

/* Stages one file of owner at dir/rel. */
static int stage(output_run *r, const char *owner, const char *rel, const char *text) {
  char p[512];
  snprintf(p, sizeof p, "%s/%s", r->dir, rel);
  return output_stage(r, owner, p, text, strlen(text), 0);
}

/* A run writes all of its files or none, keeps a manifest, and removes the
** files of its own that it no longer writes, and nothing else. */
static void test_runs(const char *base) {
  char dir[256];
  snprintf(dir, sizeof dir, "%s/out", base);
  output_run r;

  /* Two boards, a shared file: written once, recorded for both. */
  output_run_init(&r, dir, 1);
  CHECK_INT(stage(&r, "a", "a/a.build", "A\n"), 1);
  CHECK_INT(stage(&r, "a", "guests/g/g.qvmconf", "G\n"), 1);
  CHECK_INT(stage(&r, "b", "b/b.build", "B\n"), 1);
  CHECK_INT(stage(&r, "b", "guests/g/g.qvmconf", "G\n"), 0);
  CHECK_INT(exists(dir, "a/a.build"), 0);      /* staged, not yet in place */
  CHECK_INT(output_commit(&r, 1), 0);
  CHECK_INT(r.wrote, 3);
  CHECK_INT(exists(dir, "a/a.build") && exists(dir, "b/b.build") && exists(dir, ".mkbuildfile-output"), 1);
  output_run_free(&r);
  ptrvec made = { 0 };
  arena a;
  arena_init(&a);
  CHECK_INT(output_made(&a, dir, &made), 5);   /* ., a, b, guests, guests/g */
  CHECK_STR(made.n ? (const char *)made.v[0] : "", ".");
  arena_free(&a);

  /* Board a alone, without its guest: its stale guest file stays, b writes it. */
  put(dir, "notes.txt", "mine\n");
  output_run_init(&r, dir, 1);
  CHECK_INT(stage(&r, "a", "a/a.build", "A\n"), 0);
  CHECK_INT(output_commit(&r, 0), 0);
  CHECK_INT(r.removed, 0);
  CHECK_INT(exists(dir, "guests/g/g.qvmconf"), 1);
  output_run_free(&r);

  /* The whole family without b: b's files and folder go, the shared file
  ** too, its folders with it; a file render did not write stays. */
  output_run_init(&r, dir, 1);
  CHECK_INT(stage(&r, "a", "a/a.build", "A2\n"), 1);
  CHECK_INT(output_commit(&r, 1), 0);
  CHECK_INT(r.removed, 2);
  CHECK_INT(exists(dir, "b"), 0);
  CHECK_INT(exists(dir, "guests"), 0);
  CHECK_INT(exists(dir, "notes.txt"), 1);
  CHECK_STR(read_at(dir, "a/a.build"), "A2\n");
  output_run_free(&r);

  /* A file that blocks a folder: nothing is written, what was staged goes,
  ** and so do the folders the run made. */
  put(dir, "blocked", "x\n");
  output_run_init(&r, dir, 1);
  CHECK_INT(stage(&r, "a", "a/a.build", "A3\n"), 1);
  CHECK_INT(stage(&r, "c", "c/c.build", "C\n"), 1);
  CHECK_INT(stage(&r, "a", "blocked/x.qvmconf", "X\n"), -1);
  output_abort(&r);
  output_run_free(&r);
  CHECK_STR(read_at(dir, "a/a.build"), "A2\n");
  CHECK_INT(exists(dir, "c"), 0);
  CHECK_INT(entries_at(dir, "a"), 1);

  /* A killed run's temporary files go; a live one's stay. */
  char live[64];
  snprintf(live, sizeof live, "a/a.build.tmp.%ld.7", (long)getppid());
  put(dir, "a/a.build.tmp.999999999.0", "half");
  put(dir, live, "busy");
  output_run_init(&r, dir, 1);
  CHECK_INT(stage(&r, "a", "a/a.build", "A2\n"), 0);
  CHECK_INT(output_commit(&r, 0), 0);
  output_run_free(&r);
  CHECK_INT(exists(dir, "a/a.build.tmp.999999999.0"), 0);
  CHECK_INT(exists(dir, live), 1);
  char rm[600];
  snprintf(rm, sizeof rm, "rm -rf '%s'", dir);
  CHECK_INT(system(rm), 0);
}

int main(void) {
  char dir[] = "/tmp/mkb-output-XXXXXX";
  if (mkdtemp(dir) == NULL) return 1;
  char path[256];
  snprintf(path, sizeof path, "%s/sub/dir/a.build", dir);

  /* A new file, in folders that do not exist yet. */
  CHECK_INT(output_write(path, "one\n", 4), 1);
  CHECK_STR(slurp(path), "one\n");

  /* The same content is not written again: the inode stays the same. */
  struct stat before, after;
  stat(path, &before);
  CHECK_INT(output_write(path, "one\n", 4), 0);
  stat(path, &after);
  CHECK_INT(after.st_ino, before.st_ino);
  CHECK_INT(after.st_mtim.tv_nsec, before.st_mtim.tv_nsec);

  /* New content replaces the file by rename: a new inode, no temporary left. */
  CHECK_INT(output_write(path, "two\n", 4), 1);
  CHECK_STR(slurp(path), "two\n");
  stat(path, &after);
  CHECK(after.st_ino != before.st_ino);
  char sub[256];
  snprintf(sub, sizeof sub, "%s/sub/dir", dir);
  CHECK_INT(count_entries(sub), 1);

  /* A prefix of the old content is a change, and so is a longer one. */
  CHECK_INT(output_write(path, "tw", 2), 1);
  CHECK_STR(slurp(path), "tw");
  CHECK_INT(output_write(path, "tw\nmore\n", 8), 1);
  CHECK_STR(slurp(path), "tw\nmore\n");

  /* Where nothing can be written, the call fails and the old file stays. */
  char blocked[256];
  snprintf(blocked, sizeof blocked, "%s/sub/dir/a.build/x.build", dir);
  CHECK_INT(output_write(blocked, "x", 1), -1);
  CHECK_STR(slurp(path), "tw\nmore\n");
  CHECK_INT(count_entries(sub), 1);

  /* The file gets ordinary permissions, not mkstemp's 0600. */
  mode_t um = umask(022);
  CHECK_INT(output_write(path, "perm\n", 5), 1);
  stat(path, &after);
  CHECK_INT(after.st_mode & 0777, 0644);
  umask(um);

  unlink(path);
  rmdir(sub);
  snprintf(sub, sizeof sub, "%s/sub", dir);
  rmdir(sub);
  test_runs(dir);
  rmdir(dir);
  return unit_report();
}
