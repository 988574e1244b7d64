/* SPDX-License-Identifier: MIT
** host.h: the Lua host. Finds recipe files on the search path, runs them in
** the sandbox of lua/prelude.lua, and turns what they declare into C
** definition trees (model.h) with the position of every field. Nothing
** after this stage touches Lua.
**
** One host serves a whole process: each recipe file is read, scanned and
** run at most once, however many boards use it. */
#ifndef MKB_HOST_H
#define MKB_HOST_H

#include "base/diag.h"
#include "base/model.h"
#include "load/limits.h"
#include "load/scan.h"

/* A vdev_type declares a vdev type the schema does not know (a third
** party's): the core adds it to the schema when a guest uses it. */
typedef enum { DECL_BOARD, DECL_GUEST, DECL_FRAGMENT, DECL_VDEV_TYPE } decl_kind;

typedef struct mkb_file {
  const char *path;     /* as opened */
  const char *display;  /* as shown in diagnostics and headers */
  int dir, order;       /* search-path position: directory, then listing */
  int state;            /* 0 not read, 1 loaded, -1 failed */
  char *src;            /* the source text, owned by the host */
  size_t len;
  scan_result scan;
} mkb_file;

typedef struct mkb_decl {
  decl_kind kind;
  const char *name;
  const mkb_file *file;
  int line, col;        /* the constructor call */
  size_t seq;           /* declaration order within the file */
  mkb_def *fields;      /* V_TABLE */
} mkb_decl;

typedef struct host_dir {
  const char *path;     /* directory to search */
  const char *display;  /* prefix shown for its files ("" for none) */
  int required;         /* a missing directory is an error (-I) */
} host_dir;

typedef struct mkb_host mkb_host;

/* Creates the Lua state, runs lua/prelude.lua from luadir and lists the
** recipe files of dirs (copied). bytecode_dir, if not NULL, may hold the
** build's compiled prelude.luac and schema.luac, used when not older than
** their sources. limits bound the Lua state and every recipe run (NULL: the
** defaults, changed by the environment; see sandbox.h). Reports problems to
** d, which must outlive the host; returns NULL on a failure that leaves
** nothing to work with. */
mkb_host *host_open(const char *luadir, const char *bytecode_dir, const host_dir *dirs,
                    size_t ndirs, const host_limits *limits, diag_list *d);
void host_close(mkb_host *h);

/* The declaration that the name resolves to: the first file NAME.lua on the
** search path that declares it; failing that, the first declaration of NAME
** in any recipe file, in search-path order. Loads files as needed; errors in
** them go to the diagnostics. NULL when the name is not declared; *failed
** (if given) is then 1 when NAME.lua did not load, 2 when another recipe
** file did not load (it may have declared the name). */
const mkb_decl *host_find(mkb_host *h, const char *name, int *failed);

/* Starts recording what lookups consult: every recipe file a lookup reads
** (its real path, into read) and every DIR/NAME.lua it probed on the search
** path and did not find (into missing), so that a depfile names both: a new
** file that would shadow a recipe must trigger a rebuild. Strings live in
** the host. host_log_end stops recording. */
void host_log_begin(mkb_host *h, arena *a, ptrvec *read, ptrvec *missing);
void host_log_end(mkb_host *h);

/* Loads every recipe file on the search path. */
void host_load_all(mkb_host *h);

/* Every declared name, resolved with host_find, in search-path order of the
** declaration it resolves to. Call host_load_all first. The array belongs
** to the host and is valid until the next call. */
size_t host_list(mkb_host *h, const mkb_decl ***out);

/* Files known to the host, in search-path order. */
size_t host_files(const mkb_host *h, mkb_file ***out);

/* Evaluates a --set value: true/false, an integer, a quoted string, a table
** or a call such as append{...} are Lua, run in the recipe sandbox; any
** other text (8.0, a path, a word) is a string. The definition is allocated
** in the host and carries src. */
mkb_def *host_eval(mkb_host *h, const char *text, mkb_src src);

arena *host_arena(mkb_host *h);
const char *decl_kind_name(decl_kind k);



/* Runs a trusted Lua data file (the schema) with the standard libraries and
** converts the value it returns. Tables are read by key, so their keys
** come in no particular order; lists keep theirs. A table the data uses
** in several places is converted once and shared. NULL after reporting an
** error. */
mkb_def *host_load_data(mkb_host *h, const char *path);

/* Every name the recipe sandbox lets a recipe read, sorted: globals
** ("board", "pairs") and library fields ("string.format"), from the
** prelude's globals(). Strings live in the host; 0, or -1 after reporting. */
int host_sandbox_names(mkb_host *h, ptrvec *out);

/* The folders the listing of search directory dir (as given to host_open)
** walked, dir itself first, in listing order; 0 when dir is not a search
** directory or could not be read. A lookup that probed dir/NAME.lua stands
** for NAME.lua anywhere in them. Borrowed from the host. */
size_t host_tree(const mkb_host *h, const char *dir, const char *const **out);

#endif
