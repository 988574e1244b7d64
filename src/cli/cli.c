/* SPDX-License-Identifier: MIT
** cli.c: the command line. Parses options, runs a session, prints the
** diagnostics sorted, writes outputs only when every board succeeded, and
** maps the outcome to the exit status: 0 success, 1 recipe or validation
** error, 2 usage error. */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lua.h>

#include "views/depfile.h"
#include "views/diff.h"
#include "cli/root.h"
#include "core/session.h"
#include "cli/import_defs.h"
#include "formats/bspdefs.h"
#include "formats/existing.h"
#include "views/explain.h"
#include "views/graph.h"
#include "cli/help.h"
#include "base/output.h"
#include "views/schema_doc.h"
#include "views/show.h"

#ifndef MKB_VERSION
#define MKB_VERSION "0.0.0"
#endif

typedef enum { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER } color_when;

/* What a run did to its output folder, for the line render prints:
** "DIR: wrote N, unchanged M, removed K". */
typedef struct tally {
  char *dir;              /* NULL: nothing was to be written; owned */
  size_t wrote, unchanged, removed;
} tally;

typedef struct cli {
  const char *command;
  int all;                /* render --all, check --all, graph --all */
  int json;               /* --diagnostics=json (1) or sarif (2) */
  int show_json;          /* show --json */
  int shadowed;           /* list --shadowed */
  int luals, markdown, luacheckrc; /* schema --luals, --markdown, --luacheckrc */
  int md;                 /* render -MD */
  int boards;             /* import --boards DIR */
  int quiet;              /* -q: no summary lines */
  int man;                /* help --man */
  color_when color;       /* --color=WHEN */
  const char *mf;         /* render -MF FILE */
  const char *ninja;      /* render --all --ninja DIR */
  const char *mkifs;      /* --mkifs PATH, else MKIFS */
  const char *sarif_root; /* --sarif-root DIR */
  const char *exe;        /* argv[0] as run, for build.ninja */
  strbuf summary;         /* "checked N boards": printed after the diagnostics */
  output_run *run;        /* the files being written, or NULL */
  const char *run_dir;    /* its folder, as given */
  tally written;          /* what was written, once it was */
  const char **args;      /* positional arguments after the command */
  size_t nargs;
  const char **given;     /* the options given (first spelling), for the command's check */
  size_t ngiven;
  const char *out;
  mkb_options opt;
} cli;

static int usage_error(const char *fmt, const char *arg) {
  fputs("mkbuildfile: error: ", stderr);
  fprintf(stderr, fmt, arg);
  fputs("\nTry 'mkbuildfile --help'.\n", stderr);
  return 2;
}

/* A usage error about word, with the nearest of the known words (or none). */
static int usage_suggest(const char *what, const char *word, const char *best) {
  fprintf(stderr, "mkbuildfile: error: unknown %s '%s'", what, word);
  if (best) fprintf(stderr, "; did you mean '%s'?", best);
  fputs("\nTry 'mkbuildfile --help'.\n", stderr);
  return 2;
}

/* An environment variable; NULL when unset or empty. */
static const char *env_value(const char *name) {
  const char *v = getenv(name);
  return v && v[0] ? v : NULL;
}

static void push(const char ***v, size_t *n, const char *s) {
  const char **nv = realloc(*v, (*n + 1) * sizeof **v);
  if (nv == NULL) die_oom();
  nv[(*n)++] = s;
  *v = nv;
}

/* The options that take a value, as "-o PATH", "--set=V" or "-IDIR". */
static const char *const valued[] = { "-I", "-o", "--set", "-MF", "--ninja", "--mkifs",
                                      "--sysroot", "--sarif-root", "--diagnostics", "--color" };
/* The options that take none. */
static const char *const flags[] = { "-MD", "--all", "--json", "--luals", "--markdown",
                                     "--luacheckrc", "-q", "--Werror", "--man", "--boards",
                                     "--shadowed" };

static int one_of(const char *word, const char *const *v, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(word, v[i]) == 0) return 1;
  return 0;
}

/* The value of --diagnostics or --color: its index in names, or a usage
** error (2, reported) with the nearest name. */
static int pick(const char *opt, const char *value, const char *const *names, size_t n,
                int *out) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(value, names[i]) == 0) {
      *out = (int)i;
      return 0;
    }
  const char *best = mkb_nearest(value, names, n, NULL);
  fprintf(stderr, "mkbuildfile: error: %s takes %s, %s or %s, got '%s'", opt, names[0], names[1],
          names[2], value);
  if (best) fprintf(stderr, "; did you mean '%s'?", best);
  fputs("\nTry 'mkbuildfile --help'.\n", stderr);
  return 2;
}

/* Stores the value v of option o. Returns 0 or 2 (reported). */
static int set_valued(cli *c, const char *o, const char *v) {
  static const char *const formats[] = { "text", "json", "sarif" };
  static const char *const whens[] = { "auto", "always", "never" };
  int k;
  if (strcmp(o, "-I") == 0) push(&c->opt.incdirs, &c->opt.ninc, v);
  else if (strcmp(o, "-o") == 0) c->out = v;
  else if (strcmp(o, "--set") == 0) push(&c->opt.sets, &c->opt.nsets, v);
  else if (strcmp(o, "-MF") == 0) c->mf = v;
  else if (strcmp(o, "--ninja") == 0) c->ninja = v;
  else if (strcmp(o, "--mkifs") == 0) c->mkifs = v;
  else if (strcmp(o, "--sysroot") == 0) c->opt.sysroot = v;
  else if (strcmp(o, "--sarif-root") == 0) c->sarif_root = v;
  else if (strcmp(o, "--diagnostics") == 0) {
    if (pick(o, v, formats, 3, &k)) return 2;
    c->json = k;
  } else {
    if (pick(o, v, whens, 3, &k)) return 2;
    c->color = (color_when)k;
  }
  return 0;
}

static void set_flag(cli *c, const char *o) {
  if (strcmp(o, "-MD") == 0) c->md = 1;
  else if (strcmp(o, "--all") == 0) c->all = 1;
  else if (strcmp(o, "--json") == 0) c->show_json = 1;
  else if (strcmp(o, "--luals") == 0) c->luals = 1;
  else if (strcmp(o, "--markdown") == 0) c->markdown = 1;
  else if (strcmp(o, "--luacheckrc") == 0) c->luacheckrc = 1;
  else if (strcmp(o, "-q") == 0) c->quiet = 1;
  else if (strcmp(o, "--boards") == 0) c->boards = 1;
  else if (strcmp(o, "--Werror") == 0) c->opt.werror = 1;
  else if (strcmp(o, "--shadowed") == 0) c->shadowed = 1;
  else c->man = 1;
}

/* One option at argv[*i]: its value taken (and *i advanced past it), its
** name recorded for the command's check. Returns 0 or 2 (reported). */
static int parse_option(cli *c, int argc, char **argv, int *i) {
  const char *a = argv[*i];
  if (one_of(a, flags, sizeof flags / sizeof *flags)) {
    set_flag(c, a);
    push(&c->given, &c->ngiven, a);
    return 0;
  }
  for (size_t k = 0; k < sizeof valued / sizeof *valued; k++) {
    const char *o = valued[k];
    size_t n = strlen(o);
    if (strncmp(a, o, n) != 0) continue;
    const char *v;
    if (a[n] == '=' && o[1] == '-') v = a + n + 1;        /* --set=V */
    else if (a[n] != '\0' && strcmp(o, "-I") == 0) v = a + n;  /* -IDIR */
    else if (a[n] != '\0') continue;
    else if (*i + 1 < argc) v = argv[++*i];
    else return usage_error("option '%s' needs an argument", a);
    push(&c->given, &c->ngiven, o);
    return set_valued(c, o, v);
  }
  /* "--diagnostic=json": the name before '=' is what was misspelt */
  char name[64];
  snprintf(name, sizeof name, "%.*s", (int)strcspn(a, "="), a);
  return usage_suggest("option", a, help_suggest_option(name));
}

/* help [COMMAND | --man | --help]: printed at once, no session needed.
** Returns -1 when printed, 2 on a usage error (reported). */
static int parse_help(int argc, char **argv, int i) {
  const char *what = i + 1 < argc ? argv[i + 1] : NULL;
  if (what == NULL) help_usage(stdout);
  else if (strcmp(what, "--man") == 0) help_man(stdout, MKB_VERSION);
  else if (strcmp(what, "--help") == 0 || strcmp(what, "-h") == 0) help_command(stdout, "help");
  else if (help_command(stdout, what) != 0)
    return usage_suggest("command", what, help_suggest_command(what));
  return -1;
}

/* Every option given must be one the command takes (its help lists them). */
static int check_given(const cli *c) {
  for (size_t i = 0; i < c->ngiven; i++)
    if (!help_takes(c->command, c->given[i])) {
      fprintf(stderr, "mkbuildfile: error: %s does not take %s\nTry 'mkbuildfile %s --help'.\n",
              c->command, c->given[i], c->command);
      return 2;
    }
  return 0;
}

/* Returns 0, 2 on a usage error (reported), or -1 when help or the version
** was printed. */
static int parse(cli *c, int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      if (c->command && help_is_command(c->command)) help_command(stdout, c->command);
      else help_usage(stdout);
      return -1;
    }
    if (c->command == NULL && strcmp(a, "help") == 0) return parse_help(argc, argv, i);
    if (strcmp(a, "--version") == 0) {
      printf("mkbuildfile %s (%s)\n", MKB_VERSION, LUA_RELEASE);
      return -1;
    }
    if (a[0] == '-' && a[1] != '\0') {
      if (parse_option(c, argc, argv, &i) != 0) return 2;
    } else if (c->command == NULL) {
      c->command = a;
    } else {
      push(&c->args, &c->nargs, a);
    }
  }
  if (c->command == NULL) return usage_error("no command given%s", "");
  if (!help_is_command(c->command))
    return usage_suggest("command", c->command, help_suggest_command(c->command));
  if (check_given(c) != 0) return 2;
  struct stat st;
  if (c->opt.sysroot && (stat(c->opt.sysroot, &st) != 0 || !S_ISDIR(st.st_mode)))
    return usage_error("--sysroot: '%s' is not a folder", c->opt.sysroot);
  for (size_t i = 0; i < c->opt.nsets; i++)
    if (!set_option_valid(c->opt.sets[i]))
      return usage_error("--set takes PATH=VALUE with a dotted PATH, got '%s'", c->opt.sets[i]);
  return 0;
}

static void print_summary(const diag_list *d) {
  if (d->errors == 0 && d->warnings == 0) return;
  fprintf(stderr, "%d error%s, %d warning%s\n", d->errors, d->errors == 1 ? "" : "s",
          d->warnings, d->warnings == 1 ? "" : "s");
}

static int ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && strcmp(s + n - k, suffix) == 0;
}

static char *join_path(const char *dir, const char *sub, const char *rel) {
  size_t n = strlen(dir) + (sub ? strlen(sub) : 0) + strlen(rel) + 3;
  char *p = malloc(n);
  if (p == NULL) die_oom();
  if (sub) snprintf(p, n, "%s/%s/%s", dir, sub, rel);
  else snprintf(p, n, "%s/%s", dir, rel);
  return p;
}

/* Stages one file of the run for owner (a board), touched when it is a
** depfile. Returns 0, or -1 after reporting a failure. */
static int put_file(cli *c, mkb_session *s, const char *owner, const char *path,
                    const strbuf *data, int touch) {
  if (output_stage(c->run, owner, path, data->s ? data->s : "", data->len, touch) >= 0) return 0;
  diag_add(&s->diags, DIAG_ERROR, NULL, 0, 0, "cannot write %s: %s", path, strerror(errno));
  return -1;
}

/* Stages the files of one board below dir (or, for -o FILE.build, the
** buildfile to that file and the guests beside it). Returns -1 after
** reporting a failure. */
static int write_outputs(cli *c, mkb_session *s, const char *board, const mkb_render *r,
                         const char *dir, const char *sub, const char *file) {
  for (size_t i = 0; i < r->n; i++) {
    char *path;
    if (file && i == 0) {
      path = strdup(file);
      if (path == NULL) die_oom();
    } else {
      path = join_path(dir, sub, r->v[i].path);
    }
    int rc = put_file(c, s, board, path, &r->v[i].data, 0);
    free(path);
    if (rc != 0) return -1;
  }
  return 0;
}

/* Starts the run of files into dir (a manifest with it unless for ninja). */
static void run_begin(cli *c, output_run *run, const char *dir, int manifest) {
  output_run_init(run, dir, manifest);
  c->run = run;
  c->run_dir = dir;
}

/* Puts the staged files in place (all: the run renders every board), or,
** after a failure (ok 0), none. Fills the summary line's tally and warns of
** stale files left in place. Returns 0, or 1 when nothing was written. */
static int run_end(cli *c, mkb_session *s, int ok, int all) {
  output_run *run = c->run;
  c->run = NULL;
  if (ok && output_commit(run, all) != 0) {
    diag_add(&s->diags, DIAG_ERROR, NULL, 0, 0, "cannot write %s: %s", run->failed,
             strerror(errno));
    ok = 0;
  } else if (!ok) {
    output_abort(run);
  }
  if (ok) {
    free(c->written.dir);
    c->written.dir = strdup(c->run_dir);
    if (c->written.dir == NULL) die_oom();
    c->written.wrote = run->wrote;
    c->written.unchanged = run->unchanged;
    c->written.removed = run->removed;
    if (run->manifest_error)
      diag_add(&s->diags, DIAG_WARNING, NULL, 0, 0, "cannot keep the manifest %s: the next "
               "render will not know which files to remove", run->manifest_error);
    for (size_t i = 0; i < run->kept.n; i++)
      diag_add(&s->diags, DIAG_WARNING, NULL, 0, 0, "%s: left in place although no board "
               "writes it any more: it changed since render wrote it", (char *)run->kept.v[i]);
  }
  output_run_free(run);
  return ok ? 0 : 1;
}

/* Boards rendered into one folder share guests/: two boards that would
** write one path with different contents are an error, not a silent
** overwrite. */
static int collide(mkb_session *s, const mkb_render *rs, size_t n) {
  int bad = 0;
  for (size_t i = 0; i < n; i++)
    for (size_t k = 0; k < rs[i].n; k++)
      for (size_t j = 0; j < i; j++)
        for (size_t m = 0; m < rs[j].n; m++) {
          const mkb_output *a = &rs[i].v[k], *b = &rs[j].v[m];
          if (strcmp(a->path, b->path) != 0) continue;
          if (a->data.len == b->data.len &&
              (a->data.len == 0 || memcmp(a->data.s, b->data.s, a->data.len) == 0))
            continue;
          diag_add(&s->diags, DIAG_ERROR, NULL, 0, 0,
                   "boards '%s' and '%s' both write %s, with different contents: render "
                   "them to different folders", rs[j].v[0].path, rs[i].v[0].path, a->path);
          bad = 1;
        }
  return bad;
}

/* Stages BOARD's depfile: targets are its outputs under dir (sub), then the
** depfile itself. Its modification time is set to now even when its content
** is unchanged: the outputs keep theirs when unchanged (ninja's restat), so
** the depfile is what tells make when the render last ran (the stamp of the
** Makefile in README.md). */
static int write_depfile(cli *c, mkb_session *s, const mkb_system *sys, const mkb_render *r,
                         const char *dir, const char *sub, const char *file, const char *mf) {
  const char **targets = calloc(r->n + 2, sizeof *targets);
  if (targets == NULL) die_oom();
  for (size_t i = 0; i < r->n; i++)
    targets[i] = file && i == 0 ? strdup(file) : join_path(dir, sub, r->v[i].path);
  char *path = NULL;
  if (mf) {
    path = strdup(mf);
  } else {
    size_t n = strlen(targets[0]) + 3;
    path = malloc(n);
    if (path) snprintf(path, n, "%s.d", targets[0]);
  }
  if (path == NULL) die_oom();
  targets[r->n] = path;
  strbuf b;
  sb_init(&b);
  depfile_text(targets, r->n + 1, sys, &b);
  int rc = put_file(c, s, sys->name, path, &b, 1);
  sb_free(&b);
  for (size_t i = 0; i <= r->n; i++) free((char *)targets[i]);
  free(targets);
  return rc;
}

/* The checks of render's arguments; 0 or 2 (reported). */
static int render_usage(const cli *c, size_t n, int to_file) {
  if ((n > 1 || c->all) && to_file)
    return usage_error("several boards need -o DIR, not a file: '%s'", c->out);
  if (n > 1 && c->out == NULL && !c->all)
    return usage_error("several boards need -o DIR%s", "");
  if ((c->md || c->mf) && c->out == NULL && !c->all)
    return usage_error("a depfile names what -o writes: -MD and -MF need -o%s", "");
  if (c->mf && (n > 1 || c->all))
    return usage_error("-MF names one board's depfile; with several boards use -MD%s", "");
  if (c->ninja && !c->all) return usage_error("--ninja goes with render --all%s", "");
  if (c->all && !c->ninja && c->out == NULL)
    return usage_error("render --all writes a folder per board: it needs -o DIR%s", "");
  if (c->mkifs && !c->ninja) return usage_error("--mkifs goes with --ninja%s", "");
  return 0;
}

/* render --all -o DIR without --ninja: a family, one board at a time
** (render, stage, free), so that memory does not grow with the family; one
** board's failure does not stop the checks of the others, but then nothing
** is written. */
static int render_all(cli *c, mkb_session *s, const char **names, size_t n) {
  const char *dir = c->out;
  output_run run;
  run_begin(c, &run, dir, 1);
  size_t failed = 0;
  int io = 0;
  strbuf which;
  sb_init(&which);
  for (size_t i = 0; i < n; i++) {
    mkb_system one;
    mkb_render r;
    char *wd = join_path(dir, NULL, names[i]);  /* where mkifs will run */
    s->workdir = wd;
    int ok = session_resolve(s, names[i], &one) == 0;
    s->workdir = NULL;
    free(wd);
    if (ok && !io) {
      system_render(s, &one, &r);
      io = write_outputs(c, s, names[i], &r, dir, names[i], NULL) != 0 ||
           (c->md && write_depfile(c, s, &one, &r, dir, names[i], NULL, NULL) != 0);
      render_free(&r);
    }
    system_free(&one);
    if (!ok) sb_printf(&which, "%s %s", ++failed == 1 ? "; failed:" : "", names[i]);
  }
  sb_printf(&c->summary, "rendered %zu of %zu boards%s", n - failed, n, which.s ? which.s : "");
  sb_free(&which);
  return run_end(c, s, failed == 0 && !io, 1) || failed ? 1 : 0;
}

/* The -I folders of build.ninja: the command line's, then those of
** MKBUILDFILE_PATH that exist (the build must not depend on the
** environment ninja runs in). Free the array and *env. */
static const char **ninja_incdirs(const cli *c, size_t *n, char **env) {
  size_t cap = c->opt.ninc + 1;
  *env = c->opt.envpath ? strdup(c->opt.envpath) : NULL;
  for (const char *p = *env; p && *p; p++) cap += *p == ':';
  const char **inc = calloc(cap + 1, sizeof *inc);
  if (inc == NULL) die_oom();
  *n = 0;
  for (size_t i = 0; i < c->opt.ninc; i++) inc[(*n)++] = c->opt.incdirs[i];
  for (char *tok = *env ? strtok(*env, ":") : NULL; tok; tok = strtok(NULL, ":"))
    if (access(tok, F_OK) == 0) inc[(*n)++] = tok;
  return inc;
}

/* render --all --ninja DIR: DIR/build.ninja, which renders and builds
** every board and writes itself again when the recipes change, and
** DIR/build.ninja.d, the dependencies of that regeneration. */
static int render_ninja(cli *c, mkb_session *s, const char **names, mkb_system *sys,
                        const mkb_render *rs, size_t n) {
  const char *env_mkifs = env_value("MKIFS");
  char *env;
  size_t ninc;
  const char **inc = ninja_incdirs(c, &ninc, &env);
  ninja_spec spec = { c->exe, inc, ninc, c->opt.sets, c->opt.nsets, c->opt.werror,
                      c->opt.sysroot,
                      c->mkifs ? c->mkifs : env_mkifs ? env_mkifs : "mkifs" };
  strbuf b, d;
  sb_init(&b);
  sb_init(&d);
  ninja_text(&spec, names, rs, n, &b);
  char *path = join_path(c->ninja, NULL, "build.ninja");
  char *dpath = join_path(c->ninja, NULL, "build.ninja.d");
  ninja_depfile_text("build.ninja", c->ninja, s, sys, n, &d);
  output_run run;
  run_begin(c, &run, c->ninja, 0);
  int ok = put_file(c, s, "build.ninja", path, &b, 0) == 0 &&
           put_file(c, s, "build.ninja", dpath, &d, 1) == 0;
  int rc = run_end(c, s, ok, 0);
  free(path);
  free(dpath);
  sb_free(&b);
  sb_free(&d);
  free(env);
  free(inc);
  return rc;
}

/* Writes (or prints) the rendered boards: nothing unless every board
** rendered. */
static int render_write(cli *c, mkb_session *s, mkb_system *sys, mkb_render *rs, size_t n,
                        const char *dir, int to_file) {
  if (s->diags.errors || (c->out && collide(s, rs, n))) return 1;
  if (c->out == NULL) {
    for (size_t i = 0; i < n; i++) fwrite(rs[i].v[0].data.s, 1, rs[i].v[0].data.len, stdout);
    return 0;
  }
  output_run run;
  run_begin(c, &run, dir, 1);
  int ok = 1;
  for (size_t i = 0; i < n && ok; i++) {
    if (write_outputs(c, s, sys[i].name, &rs[i], dir, NULL, to_file ? c->out : NULL) != 0)
      ok = 0;
    else if ((c->md || c->mf) &&
             write_depfile(c, s, &sys[i], &rs[i], dir, NULL, to_file ? c->out : NULL, c->mf) != 0)
      ok = 0;
  }
  return run_end(c, s, ok, 0);
}

/* The folder render writes into: -o DIR, or that of -o FILE.build ("."
** without -o). Owned. */
static char *out_folder(const cli *c, int to_file) {
  const char *slash = to_file ? strrchr(c->out, '/') : NULL;
  char *dir = !to_file ? strdup(c->out ? c->out : ".")
              : slash ? strndup(c->out, (size_t)(slash - c->out + (slash == c->out)))
              : strdup(".");
  if (dir == NULL) die_oom();
  return dir;
}

/* The boards a command works on: its arguments, or with --all every board
** on the search path. 0, or 2 after a usage error. */
static int board_names(cli *c, mkb_session *s, const char ***names, size_t *n) {
  *names = c->args;
  *n = c->nargs;
  if (c->all && *n) {
    fprintf(stderr, "mkbuildfile: error: %s --all takes no board names, got '%s'\n"
                    "Try 'mkbuildfile --help'.\n", c->command, (*names)[0]);
    return 2;
  }
  if (c->all) {
    *n = session_boards(s, names);
  } else if (*n == 0) {
    fprintf(stderr, "mkbuildfile: error: %s needs a board name (or --all)\n"
                    "Try 'mkbuildfile --help'.\n", c->command);
    return 2;
  }
  return 0;
}

static int cmd_render(cli *c, mkb_session *s) {
  const char **names;
  size_t n;
  if (board_names(c, s, &names, &n) != 0) return 2;
  int to_file = c->out && ends_with(c->out, ".build");
  if (render_usage(c, n, to_file) != 0) return 2;
  if (c->all && !c->ninja) return render_all(c, s, names, n);
  mkb_render *rs = calloc(n + 1, sizeof *rs);
  mkb_system *sys = calloc(n + 1, sizeof *sys);
  if (rs == NULL || sys == NULL) die_oom();
  char *dir = out_folder(c, to_file);
  size_t failed = 0;
  s->workdir = c->ninja ? NULL : dir;  /* mkifs runs where the buildfile is written */
  for (size_t i = 0; i < n; i++) {
    if (session_resolve(s, names[i], &sys[i]) != 0) failed++;
    else system_render(s, &sys[i], &rs[i]);
  }
  s->workdir = NULL;
  int rc = 1;
  if (failed == 0 && c->ninja) rc = render_ninja(c, s, names, sys, rs, n);
  else if (failed == 0) rc = render_write(c, s, sys, rs, n, dir, to_file);
  free(dir);
  for (size_t i = 0; i < n; i++) {
    render_free(&rs[i]);
    system_free(&sys[i]);
  }
  free(rs);
  free(sys);
  return rc;
}

static int cmd_explain(cli *c, mkb_session *s) {
  if (c->nargs != 2) return usage_error("explain takes a board and a path, as in "
                                        "'explain rcar_h3 image.base'%s", "");
  mkb_system sys;
  /* A board that does not validate is explained too: that is when it is
  ** needed most. */
  int rc = session_resolve(s, c->args[0], &sys) == 0 ? 0 : 1;
  if (sys.board && explain_path(&sys, c->args[1], stdout, &s->diags) != 0) rc = 1;
  system_free(&sys);
  return rc;
}

static int cmd_show(cli *c, mkb_session *s) {
  if (c->nargs != 1) return usage_error("show takes one board%s", "");
  mkb_system sys;
  int rc = 1;
  if (session_resolve(s, c->args[0], &sys) == 0) {
    if (c->show_json) show_json(&sys, stdout);
    else show_text(&sys, stdout);
    rc = 0;
  }
  system_free(&sys);
  return rc;
}

static int cmd_diff(cli *c, mkb_session *s) {
  if (c->nargs != 2) return usage_error("diff takes two boards%s", "");
  mkb_system a, b;
  int ok = session_resolve(s, c->args[0], &a) == 0;
  ok = session_resolve(s, c->args[1], &b) == 0 && ok;
  int rc = 2;  /* as diff(1): trouble */
  if (ok) rc = diff_systems(&a, &b, stdout) ? 1 : 0;
  system_free(&a);
  system_free(&b);
  return rc;
}

static int cmd_graph(cli *c, mkb_session *s) {
  const char **names;
  size_t n;
  if (board_names(c, s, &names, &n) != 0) return 2;
  mkb_system *sys = calloc(n + 1, sizeof *sys);
  const mkb_system **ok = calloc(n + 1, sizeof *ok);
  if (sys == NULL || ok == NULL) die_oom();
  size_t k = 0, failed = 0;
  for (size_t i = 0; i < n; i++) {
    if (session_resolve(s, names[i], &sys[i]) == 0) ok[k++] = &sys[i];
    else failed++;
  }
  if (failed == 0) graph_dot(ok, k, stdout);
  for (size_t i = 0; i < n; i++) system_free(&sys[i]);
  free(sys);
  free(ok);
  return failed ? 1 : 0;
}

static int cmd_check(cli *c, mkb_session *s) {
  if (c->out) return usage_error("check writes nothing; drop -o %s", c->out);
  const char **names;
  size_t n;
  if (board_names(c, s, &names, &n) != 0) return 2;
  size_t failed = 0;
  for (size_t i = 0; i < n; i++) {
    mkb_system sys;
    if (session_resolve(s, names[i], &sys) != 0) failed++;
    system_free(&sys);
  }
  sb_printf(&c->summary, "checked %zu board%s", n, n == 1 ? "" : "s");
  if (failed) sb_printf(&c->summary, ", %zu failed", failed);
  return failed || s->diags.errors ? 1 : 0;
}

static int cmd_lint(cli *c, mkb_session *s) {
  if (c->nargs == 0) return usage_error("lint needs a .build or .qvmconf file%s", "");
  int rc = 0;
  for (size_t i = 0; i < c->nargs; i++) {
    /* A glob over a folder meets READMEs: say so and go on with the rest. */
    if (!file_kind(c->args[i])) {
      diag_add(&s->diags, DIAG_WARNING, NULL, 0, 0,
               "lint: '%s' is neither FILE.build nor FILE.qvmconf: skipped", c->args[i]);
      continue;
    }
    if (session_lint(s, c->args[i]) != 0) rc = 1;
  }
  return rc;
}

/* The recipe name of an imported file: its name without the extension,
** with what Lua strings and recipe names dislike turned into '-'. */
static char *import_name(const char *path) {
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  char *name = strdup(base);
  if (name == NULL) die_oom();
  char *dot = strchr(name, '.');
  if (dot && dot != name) *dot = '\0';
  for (char *p = name; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
          *p == '_' || *p == '-'))
      *p = '-';
  return name;
}

static int cmd_import(cli *c, mkb_session *s) {
  if (c->boards && (c->nargs != 1 || c->out == NULL))
    return usage_error("import --boards takes a BSP's folder and -o DIR%s", "");
  if (c->boards) return import_defs_boards(s, c->args[0], c->out);
  if (c->nargs != 1) return usage_error("import takes one file%s", "");
  if (!file_kind(c->args[0]) && bspdefs_is_file(c->args[0]))
    return import_defs(s, c->args[0], c->out);
  if (!file_kind(c->args[0]))
    return usage_error("import: cannot tell what '%s' is: name it FILE.build or FILE.qvmconf, "
                       "or give a BSP's board definitions file", c->args[0]);
  char *name = import_name(c->args[0]);
  strbuf b;
  sb_init(&b);
  int rc = 1;
  if (session_import(s, c->args[0], name, &b) == 0) {
    rc = 0;
    if (c->out == NULL) {
      fwrite(b.s ? b.s : "", 1, b.len, stdout);
    } else if (output_write(c->out, b.s ? b.s : "", b.len) < 0) {
      diag_add(&s->diags, DIAG_ERROR, NULL, 0, 0, "cannot write %s: %s", c->out, strerror(errno));
      rc = 1;
    }
  }
  sb_free(&b);
  free(name);
  return rc;
}

static int cmd_schema(cli *c, mkb_session *s) {
  if (c->nargs) return usage_error("schema takes no arguments, got '%s'", c->args[0]);
  if (c->luals + c->markdown + c->luacheckrc != 1)
    return usage_error("schema needs one of --luals, --markdown and --luacheckrc%s", "");
  strbuf b;
  sb_init(&b);
  if (c->luals) schema_luals(s->schema, &b);
  else if (c->markdown) schema_markdown(s->schema, &b);
  else if (schema_luacheckrc(s, &b) != 0) {
    sb_free(&b);
    return 1;
  }
  int rc = 0;
  if (c->out == NULL) {
    fwrite(b.s ? b.s : "", 1, b.len, stdout);
  } else if (output_write(c->out, b.s ? b.s : "", b.len) < 0) {
    diag_add(&s->diags, DIAG_ERROR, NULL, 0, 0, "cannot write %s: %s", c->out, strerror(errno));
    rc = 1;
  }
  sb_free(&b);
  return rc;
}

/* One line of list: NAME KIND FILE:LINE, and what it shadows or what
** shadows it. */
static void list_line(int w, const mkb_decl *dc, const char *rel, const mkb_decl *const *v,
                      size_t n) {
  printf("%-*s  %-8s  %s:%d", w, dc->name, decl_kind_name(dc->kind), dc->file->display,
         dc->line);
  for (size_t i = 0; i < n; i++)
    printf("%s%s:%d", i ? ", " : rel, v[i]->file->display, v[i]->line);
  fputs(n ? ")\n" : "\n", stdout);
}

static int cmd_list(cli *c, mkb_session *s) {
  if (c->nargs) return usage_error("list takes no arguments, got '%s'", c->args[0]);
  const mkb_decl **all;
  size_t n = session_recipes(s, &all);
  int w = 4;
  for (size_t i = 0; i < n; i++)
    if ((int)strlen(all[i]->name) > w) w = (int)strlen(all[i]->name);
  for (size_t i = 0; i < n; i++) {
    const mkb_decl **sh;
    size_t k = host_shadowed(s->host, all[i], &sh);
    list_line(w, all[i], "  (shadows ", sh, k);
    for (size_t j = 0; c->shadowed && j < k; j++) list_line(w, sh[j], "  (shadowed by ", &all[i], 1);
  }
  return s->diags.errors ? 1 : 0;
}

static int run_command(cli *c, mkb_session *s) {
  static const struct {
    const char *name;
    int (*run)(cli *, mkb_session *);
  } table[] = {
    { "render", cmd_render }, { "check", cmd_check }, { "explain", cmd_explain },
    { "show", cmd_show }, { "diff", cmd_diff }, { "graph", cmd_graph }, { "lint", cmd_lint },
    { "import", cmd_import }, { "schema", cmd_schema }, { "list", cmd_list },
  };
  for (size_t i = 0; i < sizeof table / sizeof *table; i++)
    if (strcmp(c->command, table[i].name) == 0) return table[i].run(c, s);
  return 2;  /* parse let through only commands of the table (and help) */
}

/* Colour by --color; auto: on a terminal, unless NO_COLOR is set to a
** non-empty value (no-color.org: an empty NO_COLOR is not a request). */
static int use_color(const cli *c) {
  if (c->color != COLOR_AUTO) return c->color == COLOR_ALWAYS;
  const char *nc = getenv("NO_COLOR");
  return isatty(fileno(stderr)) && (nc == NULL || nc[0] == '\0');
}

/* The diagnostics in the chosen format, then (text, not -q) the summary
** lines. */
static void report(const cli *c, mkb_session *s) {
  if (c->json == 2) {
    sarif_place place = { c->sarif_root, s->root };
    diag_print_sarif(&s->diags, stderr, MKB_VERSION, &place);
    return;
  }
  if (c->json) {
    diag_print_json(&s->diags, stderr);
    return;
  }
  diag_print(&s->diags, stderr, use_color(c));
  print_summary(&s->diags);
  if (c->quiet) return;
  if (c->summary.len) fprintf(stderr, "%s\n", c->summary.s);
  if (c->written.dir)
    fprintf(stderr, "%s: wrote %zu, unchanged %zu, removed %zu\n", c->written.dir,
            c->written.wrote, c->written.unchanged, c->written.removed);
}

/* The build puts the compiled prelude and schema in lua/ beside the
** binary; an installed copy keeps them with the sources. Owned. */
static char *bytecode_dir(const char *self) {
  if (self == NULL || strrchr(self, '/') == NULL) return NULL;
  size_t k = (size_t)(strrchr(self, '/') - self);
  char *dir = malloc(k + 8);
  if (dir) snprintf(dir, k + 8, "%.*s/lua", (int)k, self);
  return dir;
}

static void cli_free(cli *c) {
  sb_free(&c->summary);
  free(c->written.dir);
  free(c->args);
  free(c->given);
  free(c->opt.incdirs);
  free(c->opt.sets);
}

int main(int argc, char **argv) {
  cli c;
  memset(&c, 0, sizeof c);
  int rc = parse(&c, argc, argv);
  if (rc != 0) {
    cli_free(&c);
    return rc < 0 ? 0 : rc;
  }
  c.opt.envpath = env_value("MKBUILDFILE_PATH");
  c.opt.qnx_target = env_value("QNX_TARGET");  /* host files, without --sysroot */
  c.opt.mkifs_path = env_value("MKIFS_PATH");
  char *root = find_root(argv[0]);
  if (root == NULL) {
    fputs("mkbuildfile: error: cannot find the prelude (lua/prelude.lua) beside the "
          "program or in ../share/mkbuildfile\n", stderr);
    cli_free(&c);
    return 1;
  }
  char *self = realpath("/proc/self/exe", NULL);
  c.exe = self ? self : argv[0];
  char *bytecode = bytecode_dir(self);
  c.opt.bytecode_dir = bytecode;
  mkb_session s;
  rc = session_open(&s, root, &c.opt) != 0 ? 1 : run_command(&c, &s);
  report(&c, &s);
  if (rc == 0 && s.diags.errors) rc = 1;
  session_close(&s);
  free(root);
  free(self);
  free(bytecode);
  cli_free(&c);
  return rc;
}
