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
  int state;            /* 0 not run, 1 loaded, -1 failed */
  int meta;             /* LuaLS definitions (---@meta): not a recipe, never run */
  const char *unread;   /* why it cannot be read, or NULL */
  char *src;            /* the source text, owned by the host (NULL until read) */
  size_t len;
  scan_decls decls;     /* the names its text declares (once read) */
  scan_result scan;     /* the places of its fields (once run) */
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

/* Name lookup. The search directories are searched in order, each as a
** whole: a name declared anywhere in an earlier directory (a file of any
** name, in any subfolder) wins over every later one. Within a directory a
** lookup runs only the files that may declare the name: NAME.lua, the
** files whose text declares it, and those whose text cannot tell (names
** computed in code); the others are read and scanned, never run, so that a
** broken file that does not declare the name is not reported. Two
** declarations of one name in one directory are an error (reported once,
** at the later, with a note at the other). A file that may declare the name
** and fails to load is reported with a note saying why the lookup read it.
**
** host_find returns the declaration, or NULL when there is none, or when a
** file that may hold it failed to load (*failed, if given, is then 1: its
** errors say it all). host_find_after looks only in the directories after
** that of `after`: the declaration `after` shadows, which a recipe reaches
** by including its own name. */
const mkb_decl *host_find(mkb_host *h, const char *name, int *failed);
const mkb_decl *host_find_after(mkb_host *h, const mkb_decl *after, int *failed);

/* Starts recording what lookups consult: every recipe file a lookup reads
** (its real path, into read; a new declaration in any of them could change
** the answer) and every search directory it went through (into searched: a
** new file anywhere below one could). Strings live in the host. host_log_end
** stops recording. */
void host_log_begin(mkb_host *h, arena *a, ptrvec *read, ptrvec *searched);
void host_log_end(mkb_host *h);

/* Runs every recipe file on the search path (reporting every one that
** fails), and every second declaration of a name in one directory. */
void host_load_all(mkb_host *h);

/* Every declared name, resolved as a lookup resolves it among the
** declarations known (call host_load_all first), in search-path order of
** the winner. The array belongs to the host and is valid until the next
** call of host_list or host_names. */
size_t host_list(mkb_host *h, const mkb_decl ***out);

/* The declarations of dc's name that dc shadows: those in later search
** directories, in search-path order (host_load_all first). Allocated in the
** host's arena. */
size_t host_shadowed(mkb_host *h, const mkb_decl *dc, const mkb_decl ***out);

/* Every name the recipe files declare as far as their text tells, and every
** name declared so far, each once, in search-path order, without running a
** file: the candidates of a did-you-mean. Valid as host_list's result. */
size_t host_names(mkb_host *h, const char ***out);

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
