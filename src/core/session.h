/* SPDX-License-Identifier: MIT
** session.h: one run of the stages for a board, shared by the command line
** and the Lua module the specs use: link, merge, check against the schema,
** derive, render. A session keeps the host (and so every loaded recipe
** file) across boards. */
#ifndef MKB_SESSION_H
#define MKB_SESSION_H

#include "load/host.h"
#include "core/link.h"
#include "core/schema.h"
#include "core/derive.h"
#include "load/hostfs.h"

typedef struct mkb_options {
  const char **incdirs;   /* -I, in order */
  size_t ninc;
  const char **sets;      /* --set path=value, in order */
  size_t nsets;
  const char *envpath;    /* MKBUILDFILE_PATH, or NULL */
  int werror;             /* warnings are errors */
  const char *bytecode_dir; /* the build's compiled prelude and schema, or NULL */
  const char *sysroot;    /* --sysroot: host files are looked up there */
  const char *qnx_target; /* QNX_TARGET, or NULL: without a sysroot, looked up there */
  const char *mkifs_path; /* MKIFS_PATH, or NULL */
  const host_limits *limits; /* of the recipe language; NULL: defaults and environment */
} mkb_options;

typedef struct mkb_session {
  arena mem;
  diag_list diags;
  mkb_host *host;
  mkb_schema *schema;
  const char *root;       /* holds lua/, boards/ and recipes/ */
  const mkb_def **sets;   /* one layer per --set of a board field */
  size_t nsets;
  const char **set_text;  /* every --set option, as given */
  size_t ntext;
  const char **gset;      /* the --set options of guest fields
                             (guests.NAME.PATH=VALUE), as given */
  size_t ngset;
  hostfs *fs;             /* the host-file lookup, or NULL (no sysroot) */
  const char *workdir;    /* the folder the next resolution's mkifs runs in
                             (the render's output folder), or NULL: the
                             current one; set by the caller */
} mkb_session;

/* Opens a session; diagnostics go to s->diags. Returns 0, or -1 when the
** session cannot work (the diagnostics say why). Close it in any case. */
int session_open(mkb_session *s, const char *root, const mkb_options *o);
void session_close(mkb_session *s);

/* The files of one board: its buildfile first, then per guest its
** .qvmconf and, for a QNX guest, its buildfile. Paths are relative to the
** output folder ("rcar_h3.build", "guests/qnx71/qnx71.qvmconf"). */
typedef struct mkb_output {
  char *path;
  strbuf data;
} mkb_output;

typedef struct mkb_render {
  size_t n;
  mkb_output *v;
} mkb_render;

/* A board resolved with its guests: everything explain, show, diff, graph
** and the depfile read. Owns its arena; free with system_free. */
typedef struct mkb_system {
  arena mem;
  const char *name;
  mkb_stack stack;
  mkb_node *board;
  size_t nguests;
  mkb_guest *guests;
  mkb_stack *gstacks;   /* the layer stack of each guest */
  ptrvec removals;      /* mkb_removal*: what the wiring took out */
  ptrvec read;          /* const char*: recipe and core files consulted */
  ptrvec searched;      /* const char*: the search directories the lookups
                           went through */
  ptrvec probed;        /* const char*: the folders those stand for: each
                           such search directory, then the folders its
                           listing walked below it (a new recipe file
                           anywhere there could change a lookup) */
  ptrvec probed_below;  /* parallel to probed: non-NULL for a folder below
                           its search directory */
  ptrvec hostfiles;     /* const char*: host files found (with a sysroot) */
  ptrvec *gsets;        /* per guest: const char*, the --set options of its
                           fields (for its files' header) */
} mkb_system;

/* Links, merges and checks the recipe `name`, which must be of kind `want`,
** as a board's guests are: its layer stack into *st, both allocated in a;
** its problems go to d (the session's diagnostics, or a list of the
** caller's, to try a recipe quietly). The model, or NULL after errors. */
mkb_node *session_recipe(mkb_session *s, const char *name, decl_kind want, arena *a,
                         diag_list *d, mkb_stack *st);

/* The vdev types guest (a model) uses that the schema does not know, and
** that a vdev_type of that name on the search path declares, added to the
** schema (the resolution of a guest and lint do it before they check one).
** Problems of a declaration go to d. Returns the number of types added. */
size_t session_vdevs(mkb_session *s, const mkb_node *guest, diag_list *d);

/* Links, merges, checks and derives board `name` and its guests, or the
** guest `name` on its own (no host: its .qvmconf and image only). Returns
** 0, or -1 after reporting errors (*out is then to be freed all the same). */
int session_resolve(mkb_session *s, const char *name, mkb_system *out);
void system_free(mkb_system *sys);

/* Renders a resolved system into *out (freed with render_free). */
void system_render(mkb_session *s, const mkb_system *sys, mkb_render *out);

/* Renders board `name` into *out (which the caller frees with
** render_free, in every case). Returns 0, or -1 after reporting errors. */
int session_render(mkb_session *s, const char *name, mkb_render *out);
void render_free(mkb_render *r);

/* Every board on the search path, in search-path order (loads every
** recipe file). The array belongs to the session's host. */
size_t session_boards(mkb_session *s, const char ***names);

/* Every declared recipe, resolved as lookups resolve it, in search-path
** order (loads every recipe file). The array belongs to the host. */
size_t session_recipes(mkb_session *s, const mkb_decl ***out);

/* Checks that an option of the form PATH=VALUE is well formed. */
int set_option_valid(const char *opt);

#endif
