/* SPDX-License-Identifier: MIT
** cli.c: the command line. Parses options, runs a session, prints the
** diagnostics sorted, writes outputs only when every board succeeded, and
** maps the outcome to the exit status: 0 success, 1 recipe or validation
** error, 2 usage error. */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lua.h>

#include "views/depfile.h"
#include "views/diff.h"
#include "cli/root.h"
#include "core/session.h"
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

typedef struct cli {
  const char *command;
  int all;                /* render --all, check --all */
  int json;               /* --diagnostics=json (1) or sarif (2) */
  int show_json;          /* show --json */
  int luals, markdown;    /* schema --luals, schema --markdown */
  int md;                 /* render -MD */
  const char *mf;         /* render -MF FILE */
  const char *ninja;      /* render --all --ninja DIR */
  const char *exe;        /* argv[0] as run, for build.ninja */
  strbuf summary;         /* "checked N boards": printed after the diagnostics */
  output_dirs dirs;       /* the folders written into */
  const char **args;      /* positional arguments after the command */
  size_t nargs;
  const char *out;
  mkb_options opt;
} cli;

static int usage_error(const char *fmt, const char *arg) {
  fputs("mkbuildfile: error: ", stderr);
  fprintf(stderr, fmt, arg);
  fputs("\nTry 'mkbuildfile --help'.\n", stderr);
  return 2;
}

static void push(const char ***v, size_t *n, const char *s) {
  const char **nv = realloc(*v, (*n + 1) * sizeof **v);
  if (nv == NULL) die_oom();
  nv[(*n)++] = s;
  *v = nv;
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
    if (c->command == NULL && strcmp(a, "help") == 0) {
      /* help [COMMAND] | help --man: no session needed */
      const char *what = i + 1 < argc ? argv[i + 1] : NULL;
      if (what == NULL) {
        help_usage(stdout);
      } else if (strcmp(what, "--man") == 0) {
        help_man(stdout, MKB_VERSION);
      } else if (help_command(stdout, what) != 0) {
        return usage_error("help: no command '%s'", what);
      }
      return -1;
    }
    if (strcmp(a, "--version") == 0) {
      printf("mkbuildfile %s (%s)\n", MKB_VERSION, LUA_RELEASE);
      return -1;
    }
    if (strcmp(a, "-I") == 0 || strcmp(a, "-o") == 0 || strcmp(a, "--set") == 0 ||
        strcmp(a, "-MF") == 0 || strcmp(a, "--ninja") == 0 || strcmp(a, "--sysroot") == 0) {
      if (i + 1 >= argc) return usage_error("option '%s' needs an argument", a);
      const char *v = argv[++i];
      if (strcmp(a, "-I") == 0) push(&c->opt.incdirs, &c->opt.ninc, v);
      else if (strcmp(a, "-o") == 0) c->out = v;
      else if (strcmp(a, "-MF") == 0) c->mf = v;
      else if (strcmp(a, "--ninja") == 0) c->ninja = v;
      else if (strcmp(a, "--sysroot") == 0) c->opt.sysroot = v;
      else push(&c->opt.sets, &c->opt.nsets, v);
      continue;
    }
    if (strcmp(a, "-MD") == 0) {
      c->md = 1;
      continue;
    }
    if (strcmp(a, "--json") == 0) {
      c->show_json = 1;
      continue;
    }
    if (strcmp(a, "--luals") == 0 || strcmp(a, "--markdown") == 0) {
      if (a[2] == 'l') c->luals = 1;
      else c->markdown = 1;
      continue;
    }
    if (strncmp(a, "-I", 2) == 0) {
      push(&c->opt.incdirs, &c->opt.ninc, a + 2);
      continue;
    }
    if (strcmp(a, "--all") == 0) {
      c->all = 1;
      continue;
    }
    if (strcmp(a, "--Werror") == 0) {
      c->opt.werror = 1;
      continue;
    }
    if (strncmp(a, "--diagnostics=", 14) == 0) {
      if (strcmp(a + 14, "json") == 0) c->json = 1;
      else if (strcmp(a + 14, "sarif") == 0) c->json = 2;
      else if (strcmp(a + 14, "text") == 0) c->json = 0;
      else return usage_error("--diagnostics takes text, json or sarif, got '%s'", a + 14);
      continue;
    }
    if (strncmp(a, "--set=", 6) == 0) {
      push(&c->opt.sets, &c->opt.nsets, a + 6);
      continue;
    }
    if (a[0] == '-' && a[1] != '\0') return usage_error("unknown option '%s'", a);
    if (c->command == NULL) c->command = a;
    else push(&c->args, &c->nargs, a);
  }
  if (c->command == NULL) return usage_error("no command given%s", "");
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

/* Writes the files of one board below dir (or, for -o FILE.build, the
** buildfile to that file and the guests beside it). Returns -1 after
** reporting a failure. */
static int write_outputs(cli *c, mkb_session *s, const mkb_render *r, const char *dir,
                         const char *sub, const char *file) {
  for (size_t i = 0; i < r->n; i++) {
    char *path;
    if (file && i == 0) {
      path = strdup(file);
      if (path == NULL) die_oom();
    } else {
      path = join_path(dir, sub, r->v[i].path);
    }
    if (output_write_in(&c->dirs, path, r->v[i].data.s ? r->v[i].data.s : "",
                        r->v[i].data.len) < 0) {
      diag_add(&s->diags, DIAG_ERROR, NULL, 0, 0, "cannot write %s: %s", path, strerror(errno));
      free(path);
      return -1;
    }
    free(path);
  }
  return 0;
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

/* Writes BOARD's depfile: targets are its outputs under dir (sub). */
static int write_depfile(cli *c, mkb_session *s, const mkb_system *sys, const mkb_render *r,
                         const char *dir, const char *sub, const char *file, const char *mf) {
  const char **targets = calloc(r->n + 1, sizeof *targets);
  if (targets == NULL) die_oom();
  for (size_t i = 0; i < r->n; i++)
    targets[i] = file && i == 0 ? strdup(file) : join_path(dir, sub, r->v[i].path);
  strbuf b;
  sb_init(&b);
  depfile_text(targets, r->n, sys, &b);
  char *path = NULL;
  if (mf) {
    path = strdup(mf);
  } else {
    size_t n = strlen(targets[0]) + 3;
    path = malloc(n);
    if (path) snprintf(path, n, "%s.d", targets[0]);
  }
  if (path == NULL) die_oom();
  int rc = 0;
  if (output_write_in(&c->dirs, path, b.s ? b.s : "", b.len) < 0) {
    diag_add(&s->diags, DIAG_ERROR, NULL, 0, 0, "cannot write %s: %s", path, strerror(errno));
    rc = -1;
  }
  free(path);
  sb_free(&b);
  for (size_t i = 0; i < r->n; i++) free((char *)targets[i]);
  free(targets);
  return rc;
}

static int cmd_render(cli *c, mkb_session *s) {
  const char **names = c->args;
  size_t n = c->nargs;
  if (c->all) {
    if (n) return usage_error("render --all takes no board names, got '%s'", names[0]);
    n = session_boards(s, &names);
  } else if (n == 0) {
    return usage_error("render needs a board name (or --all)%s", "");
  }
  int to_file = c->out && ends_with(c->out, ".build");
  if ((n > 1 || c->all) && to_file)
    return usage_error("several boards need -o DIR, not a file: '%s'", c->out);
  if (n > 1 && c->out == NULL && !c->all)
    return usage_error("several boards need -o DIR%s", "");
  if ((c->md || c->mf) && c->out == NULL && !c->all)
    return usage_error("a depfile names what -o writes: -MD and -MF need -o%s", "");
  if (c->mf && (n > 1 || c->all))
    return usage_error("-MF names one board's depfile; with several boards use -MD%s", "");
  if (c->ninja && !c->all) return usage_error("--ninja goes with render --all%s", "");
  mkb_render *rs = calloc(n + 1, sizeof *rs);
  mkb_system *sys = calloc(n + 1, sizeof *sys);
  if (rs == NULL || sys == NULL) die_oom();
  size_t failed = 0;
  if (c->all && !c->ninja) {
    /* A family, one board at a time: render, write, free, so that memory
    ** does not grow with the family; one board's failure does not stop
    ** the others. */
    const char *dir = c->out ? c->out : ".";
    for (size_t i = 0; i < n; i++) {
      mkb_system one;
      mkb_render r;
      char *wd = join_path(dir, NULL, names[i]);  /* where mkifs will run */
      s->workdir = wd;
      int ok = session_resolve(s, names[i], &one) == 0;
      s->workdir = NULL;
      free(wd);
      if (ok) {
        system_render(s, &one, &r);
        ok = write_outputs(c, s, &r, dir, names[i], NULL) == 0 &&
             (!c->md || write_depfile(c, s, &one, &r, dir, names[i], NULL, NULL) == 0);
        render_free(&r);
      }
      system_free(&one);
      if (!ok) {
        failed++;
        sb_printf(&c->summary, "%s %s", failed == 1 ? "; failed:" : "", names[i]);
      }
    }
    strbuf tail = c->summary;
    sb_init(&c->summary);
    sb_printf(&c->summary, "rendered %zu of %zu boards%s", n - failed, n, tail.s ? tail.s : "");
    sb_free(&tail);
    free(rs);
    free(sys);
    return failed ? 1 : 0;
  }
  const char *dir = c->out ? c->out : ".";
  char *filedir = NULL;
  if (to_file) {
    const char *slash = strrchr(c->out, '/');
    filedir = slash ? strndup(c->out, (size_t)(slash - c->out + (slash == c->out))) : strdup(".");
    if (filedir == NULL) die_oom();
    dir = filedir;
  }
  s->workdir = c->ninja ? NULL : dir;  /* mkifs runs where the buildfile is written */
  for (size_t i = 0; i < n; i++) {
    if (session_resolve(s, names[i], &sys[i]) != 0) failed++;
    else system_render(s, &sys[i], &rs[i]);
  }
  s->workdir = NULL;
  int rc = 0;
  if (c->ninja) {
    /* The build file names what ninja will render; nothing else is written. */
    if (failed == 0) {
      strbuf b;
      sb_init(&b);
      /* MKBUILDFILE_PATH becomes -I folders after the others: the build
      ** must not depend on the environment ninja runs in. */
      const char **inc = calloc(c->opt.ninc + 64, sizeof *inc);
      if (inc == NULL) die_oom();
      size_t ninc = 0;
      for (size_t i = 0; i < c->opt.ninc; i++) inc[ninc++] = c->opt.incdirs[i];
      char *env = c->opt.envpath ? strdup(c->opt.envpath) : NULL;
      for (char *tok = env ? strtok(env, ":") : NULL; tok && ninc < c->opt.ninc + 64;
           tok = strtok(NULL, ":"))
        if (access(tok, F_OK) == 0) inc[ninc++] = tok;
      ninja_text(c->exe, inc, ninc, c->opt.sets, c->opt.nsets, c->opt.werror, c->opt.sysroot,
                 names, rs, n, &b);
      free(env);
      free(inc);
      char *path = join_path(c->ninja, NULL, "build.ninja");
      if (output_write(path, b.s ? b.s : "", b.len) < 0) {
        diag_add(&s->diags, DIAG_ERROR, NULL, 0, 0, "cannot write %s: %s", path,
                 strerror(errno));
        rc = 1;
      }
      free(path);
      sb_free(&b);
    } else {
      rc = 1;
    }
  } else if (failed == 0 && s->diags.errors == 0 && c->out && !collide(s, rs, n)) {
    /* Nothing is written unless every board rendered. */
    for (size_t i = 0; i < n && rc == 0; i++) {
      if (write_outputs(c, s, &rs[i], dir, NULL, to_file ? c->out : NULL) != 0) rc = 1;
      else if ((c->md || c->mf) &&
               write_depfile(c, s, &sys[i], &rs[i], dir, NULL, to_file ? c->out : NULL, c->mf) != 0)
        rc = 1;
    }
  } else if (failed == 0 && s->diags.errors == 0 && c->out == NULL) {
    for (size_t i = 0; i < n; i++) fwrite(rs[i].v[0].data.s, 1, rs[i].v[0].data.len, stdout);
  } else {
    rc = 1;
  }
  for (size_t i = 0; i < n; i++) {
    render_free(&rs[i]);
    system_free(&sys[i]);
  }
  free(rs);
  free(sys);
  free(filedir);
  return rc;
}

static int cmd_explain(cli *c, mkb_session *s) {
  if (c->nargs != 2) return usage_error("explain takes a board and a path, as in "
                                        "'explain rcar_h3 image.base'%s", "");
  mkb_system sys;
  int rc = 1;
  if (session_resolve(s, c->args[0], &sys) == 0)
    rc = explain_path(&sys, c->args[1], stdout, &s->diags) == 0 ? 0 : 1;
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
  const char **names = c->args;
  size_t n = c->nargs;
  if (c->all) {
    if (n) return usage_error("graph --all takes no board names, got '%s'", names[0]);
    n = session_boards(s, &names);
  } else if (n == 0) {
    return usage_error("graph needs a board name (or --all)%s", "");
  }
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
  const char **names = c->args;
  size_t n = c->nargs;
  if (c->out) return usage_error("check writes nothing; drop -o %s", c->out);
  if (c->all) {
    if (n) return usage_error("check --all takes no board names, got '%s'", names[0]);
    n = session_boards(s, &names);
  } else if (n == 0) {
    return usage_error("check needs a board name (or --all)%s", "");
  }
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
  if (c->nargs != 1) return usage_error("import takes one file%s", "");
  if (!file_kind(c->args[0]))
    return usage_error("import: cannot tell what '%s' is: name it FILE.build or FILE.qvmconf",
                       c->args[0]);
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
  if (c->luals == c->markdown) return usage_error("schema needs --luals or --markdown%s", "");
  strbuf b;
  sb_init(&b);
  if (c->luals) schema_luals(s->schema, &b);
  else schema_markdown(s->schema, &b);
  int rc = 0;
  if (c->out == NULL) {
    fwrite(b.s ? b.s : "", 1, b.len, stdout);
  } else if (output_write_in(&c->dirs, c->out, b.s ? b.s : "", b.len) < 0) {
    diag_add(&s->diags, DIAG_ERROR, NULL, 0, 0, "cannot write %s: %s", c->out, strerror(errno));
    rc = 1;
  }
  sb_free(&b);
  return rc;
}

static int cmd_list(cli *c, mkb_session *s) {
  if (c->nargs) return usage_error("list takes no arguments, got '%s'", c->args[0]);
  const mkb_decl **all;
  size_t n = session_recipes(s, &all);
  int w = 4;
  for (size_t i = 0; i < n; i++)
    if ((int)strlen(all[i]->name) > w) w = (int)strlen(all[i]->name);
  for (size_t i = 0; i < n; i++)
    printf("%-*s  %-8s  %s:%d\n", w, all[i]->name, decl_kind_name(all[i]->kind),
           all[i]->file->display, all[i]->line);
  return s->diags.errors ? 1 : 0;
}

/* An environment variable; NULL when unset or empty. */
static const char *env_value(const char *name) {
  const char *v = getenv(name);
  return v && v[0] ? v : NULL;
}

int main(int argc, char **argv) {
  cli c;
  memset(&c, 0, sizeof c);
  int rc = parse(&c, argc, argv);
  if (rc != 0) {
    free(c.args);
    free(c.opt.incdirs);
    free(c.opt.sets);
    return rc < 0 ? 0 : rc;
  }
  if (!help_is_command(c.command)) {
    rc = usage_error("unknown command '%s'", c.command);
    free(c.args);
    free(c.opt.incdirs);
    free(c.opt.sets);
    return rc;
  }
  c.opt.envpath = env_value("MKBUILDFILE_PATH");
  c.opt.qnx_target = env_value("QNX_TARGET");  /* host files, without --sysroot */
  c.opt.mkifs_path = env_value("MKIFS_PATH");
  char *root = find_root(argv[0]);
  if (root == NULL) {
    fputs("mkbuildfile: error: cannot find the prelude (lua/prelude.lua) beside the "
          "program or in ../share/mkbuildfile\n", stderr);
    return 1;
  }
  char *self = realpath("/proc/self/exe", NULL);
  c.exe = self ? self : argv[0];
  /* The build puts the compiled prelude and schema in lua/ beside the
  ** binary; an installed copy keeps them with the sources. */
  char *bytecode = NULL;
  if (self && strrchr(self, '/')) {
    size_t k = (size_t)(strrchr(self, '/') - self);
    bytecode = malloc(k + 8);
    if (bytecode) snprintf(bytecode, k + 8, "%.*s/lua", (int)k, self);
  }
  c.opt.bytecode_dir = bytecode;
  output_dirs_init(&c.dirs);
  mkb_session s;
  if (session_open(&s, root, &c.opt) != 0) {
    rc = 1;
  } else if (strcmp(c.command, "render") == 0) {
    rc = cmd_render(&c, &s);
  } else if (strcmp(c.command, "check") == 0) {
    rc = cmd_check(&c, &s);
  } else if (strcmp(c.command, "explain") == 0) {
    rc = cmd_explain(&c, &s);
  } else if (strcmp(c.command, "show") == 0) {
    rc = cmd_show(&c, &s);
  } else if (strcmp(c.command, "diff") == 0) {
    rc = cmd_diff(&c, &s);
  } else if (strcmp(c.command, "graph") == 0) {
    rc = cmd_graph(&c, &s);
  } else if (strcmp(c.command, "lint") == 0) {
    rc = cmd_lint(&c, &s);
  } else if (strcmp(c.command, "import") == 0) {
    rc = cmd_import(&c, &s);
  } else if (strcmp(c.command, "schema") == 0) {
    rc = cmd_schema(&c, &s);
  } else {
    rc = cmd_list(&c, &s);
  }
  if (c.json == 2) {
    diag_print_sarif(&s.diags, stderr, MKB_VERSION);
  } else if (c.json) {
    diag_print_json(&s.diags, stderr);
  } else {
    const char *nc = getenv("NO_COLOR");
    int color = isatty(fileno(stderr)) && nc == NULL;
    diag_print(&s.diags, stderr, color);
    print_summary(&s.diags);
    if (c.summary.len) fprintf(stderr, "%s\n", c.summary.s);
  }
  sb_free(&c.summary);
  output_dirs_free(&c.dirs);
  if (rc == 0 && s.diags.errors) rc = 1;
  session_close(&s);
  free(root);
  free(self);
  free(bytecode);
  free(c.args);
  free(c.opt.incdirs);
  free(c.opt.sets);
  return rc;
}
