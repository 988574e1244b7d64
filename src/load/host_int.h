/* SPDX-License-Identifier: MIT
** host_int.h: the host's insides, shared by host.c (the Lua state, running
** and converting one recipe file) and search.c (the search path: which
** files a lookup reads, and which declaration a name resolves to). Not an
** interface for other parts. */
#ifndef MKB_HOST_INT_H
#define MKB_HOST_INT_H

#include <lua.h>

#include "load/host.h"
#include "load/sandbox.h"

/* One search directory, as the lookups use it. */
typedef struct host_folder {
  size_t first, n;     /* its files: h->files.v[first .. first + n) */
  int indexed;         /* every file read and its declarations scanned */
  strmap declares;     /* name -> ptrvec* of the files whose text declares it */
  strmap stem;         /* NAME -> ptrvec* of its files NAME.lua */
  ptrvec any;          /* files that may declare any name (scan_decls.dynamic,
                          or unreadable) */
  strmap twice;        /* names whose second declaration here was reported */
  ptrvec tree;         /* the folders its listing walked, itself first */
  unsigned logged;     /* the recording (log_gen) that logged it last */
} host_folder;

struct mkb_host {
  lua_State *L;
  sbx sb;              /* the limits of the Lua state and of each run */
  diag_list *diags;
  arena mem;
  int ref_prelude;     /* registry ref of the prelude's table */
  ptrvec files;        /* mkb_file*, search-path order */
  size_t ndirs;
  strmap decls;        /* name -> ptrvec* of mkb_decl*, in load order */
  ptrvec names;        /* distinct declared names, first-seen order */
  ptrvec listing;      /* scratch for host_list and host_names */
  host_dir *dirs;      /* the search path */
  host_folder *folders;/* parallel to dirs */
  const char *bytecode_dir; /* compiled prelude and schema, or NULL */
  arena *log_mem;      /* recording lookups, or NULL */
  ptrvec *log_read, *log_searched;
  unsigned log_gen;    /* counts recordings */
  /* The run in progress, for the message handler. */
  const char *chunkname;
  int err_line;
  char *err_msg, *err_tok;
  size_t values_left;  /* values the file being converted may still declare */
  int values_over;     /* ...and it declared more: reported */
  strbuf path;         /* the path of the value being converted */
};

/* Reads f (a regular file of at most 8 MiB) into the host's arena: f->src,
** or f->unread saying why it cannot be read. Once. */
void host_read(mkb_host *h, mkb_file *f);

/* Runs f in the sandbox, once, and converts what it declares (host_find
** and its kin see the declarations). Errors go to the diagnostics; f->state
** says how it went. */
void host_load_file(mkb_host *h, mkb_file *f);

/* Adds file rel (relative to search directory di) to the host: its place in
** the search order, in folder di. */
void host_add_file(mkb_host *h, int di, const char *rel, int order);

#endif
