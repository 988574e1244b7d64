/* SPDX-License-Identifier: MIT
** model.h: the value tree and its provenance.
**
** Two trees share one shape. A definition tree (mkb_def) is what one recipe
** wrote, converted from Lua by the loader: values, the operation and
** priority wrapped around them, and the file:line:col of every field. The
** resolved tree (mkb_node) is what the merge made of a whole layer stack:
** every node keeps the list of definitions that produced it, winners and
** losers alike, so explain, diagnostics and JSON read one record. */
#ifndef MKB_MODEL_H
#define MKB_MODEL_H

#include <stddef.h>
#include "base/util.h"

typedef enum { V_BOOL, V_INT, V_NUM, V_STR, V_TABLE } mkb_kind;

/* What a definition does to the value it finds. */
typedef enum {
  OP_SET,      /* x = v, default(v), force(v) */
  OP_APPEND,   /* append{...} */
  OP_PREPEND,  /* prepend{...} */
  OP_REMOVE,   /* remove{...} */
  OP_DELETE    /* delete */
} mkb_op;

typedef enum { PRIO_DEFAULT = 0, PRIO_PLAIN = 1, PRIO_FORCE = 2 } mkb_prio;

/* Where a definition was written. Strings are borrowed from the loader,
** which keeps them for the whole process. */
typedef struct mkb_src {
  const char *file;    /* display path of the recipe file */
  const char *recipe;  /* name of the recipe that holds the definition */
  int line, col;
} mkb_src;

typedef struct mkb_def mkb_def;
struct mkb_def {
  mkb_kind kind;
  mkb_op op;
  mkb_prio prio;
  mkb_src src;
  int b;               /* V_BOOL */
  long long i;         /* V_INT */
  const char *lit;     /* V_INT: the integer as its source wrote it
                          ("0x00007fc3"), or NULL: see def_lit */
  double n;            /* V_NUM */
  const char *s;       /* V_STR (NUL-terminated; may not hold NULs) */
  size_t nitems;       /* V_TABLE: positional part, and the list of
                          append/prepend/remove */
  mkb_def **items;
  size_t nkeys;        /* V_TABLE: keyed part, in source order */
  const char **keys;
  mkb_def **vals;
};

/* Why a definition did not give the final value. */
typedef enum {
  ST_WON,         /* gave the value (scalar) or contributed (table) */
  ST_APPLIED,     /* a list operation that was applied */
  ST_LOWER_PRIO,  /* a definition of higher priority won: see 'by' */
  ST_REPLACED,    /* a later definition of the same priority won: see 'by' */
  ST_DELETED,     /* a later 'delete' removed the key: see 'by' */
  ST_SHADOWED     /* a replacing definition came after this operation */
} mkb_status;

typedef struct mkb_hist {
  const mkb_def *def;
  int layer;           /* index in the layer stack */
  mkb_status status;
  const mkb_def *by;   /* the definition that made this one lose */
} mkb_hist;

typedef struct mkb_node mkb_node;
struct mkb_node {
  mkb_kind kind;
  int b;
  long long i;
  double n;
  const char *s;
  const mkb_def *origin;  /* the definition that gave this value: the
                             winner of a scalar, the definition that added a
                             list element, or NULL for a value derived by C */
  const char *why;        /* for a derived value: the reason, else NULL */
  size_t nitems;          /* V_TABLE: list part */
  mkb_node **items;
  size_t nkeys;           /* V_TABLE: keyed part, order of first definition */
  const char **keys;
  mkb_node **vals;
  size_t nhist;           /* every definition of this path, stack order */
  mkb_hist *hist;
  size_t list_from;       /* 1 + the index in hist of the definition whose
                             list part the merge kept (before operations),
                             0 when none did: which list won, recorded where
                             it was decided */
  /* What explain needs of what is not there: keys whose every definition a
  ** 'delete' ended (the node holds their history), and list elements that
  ** a remove{} dropped (removed_by[i] is that operation). */
  size_t ndeleted;
  const char **deleted_keys;
  mkb_node **deleted;
  size_t nremoved;
  mkb_node **removed;
  const mkb_def **removed_by;
  /* The builders' bookkeeping (node_push, node_set, node_get): the room
  ** left in the arrays and an index of the keys of a large table. It holds
  ** only while this node has the arrays it was made for, with as many keys:
  ** code that hands a node arrays of its own, or a copy of a node, need not
  ** know of it (the builders then copy before they append). */
  struct mkb_room *room;
};

/* A field path built on the stack while a tree is walked and turned into
** text ("image.base", "script[3]") only when a message needs it: walks
** over thousands of boards must not format a string per node. */
typedef struct mkb_path {
  const struct mkb_path *up;  /* NULL at the root's children */
  const char *key;            /* a key, or NULL for a list element */
  size_t index;               /* 1-based, for a list element */
} mkb_path;

/* The text of p ("" for NULL), allocated in a. */
const char *path_text(arena *a, const mkb_path *p);

/* The separator of path segments in field paths ("image\x1f" "base"). */
#define MKB_PATHSEP '\x1f'

/* Lookups on resolved nodes; NULL when absent or not a table. */
mkb_node *node_get(const mkb_node *t, const char *key);
mkb_node *node_path(const mkb_node *t, const char *dotted); /* "image.base" */
const char *node_str(const mkb_node *t, const char *key);   /* V_STR only */
int node_bool(const mkb_node *t, const char *key, int dflt);

/* Builders (owned by the arena a). node_push appends a list element and
** node_set sets a key, in place when it is there, else at the end (a copy
** of key is kept): both in amortized constant time, the arrays doubling
** when full; node_get finds a key in constant time in a large table. */
mkb_node *node_new(arena *a, mkb_kind k);
mkb_node *node_new_str(arena *a, const char *s, const char *why,
                       const mkb_def *origin);
void node_push(arena *a, mkb_node *t, mkb_node *item);
void node_set(arena *a, mkb_node *t, const char *key, mkb_node *val);

/* A value read from an existing file (a buildfile, a .qvmconf) where src
** says: a node of kind k (b for a boolean, i an integer, s a string; a
** table starts empty) whose origin is a plain definition of the same
** value there, so that it carries its place as a recipe's value does. */
mkb_node *node_read(arena *a, mkb_kind k, int b, long long i, const char *s, mkb_src src);

/* An integer read from an existing file, as node_read, that keeps the text
** it was written as (def_set_lit). */
mkb_node *node_read_int(arena *a, long long i, const char *text, mkb_src src);

/* Numbers as written. A file or recipe that writes 0x00007fc3 gets
** 0x00007fc3 back from import, render and messages, not 32707: the
** definition keeps the spelling of an integer literal (lit), and every
** printer of integers writes it when the value is still the one it spells.
** def_set_lit keeps text (len bytes) as d's spelling when it is one that
** Lua and the files read back as d->i: 0x-hex of any case and width, or a
** decimal without leading zeros (0382 is octal to some readers). def_lit:
** d's spelling when d is an integer of value i that has one, else NULL.
** node_lit: the spelling of a resolved integer, from the definition that
** gave it. */
void def_set_lit(arena *a, mkb_def *d, const char *text, size_t len);
const char *def_lit(const mkb_def *d, long long i);
const char *node_lit(const mkb_node *n);

/* An integer node (V_INT) as written: its source spelling when it has one,
** else hex when hex is set and it is not negative, else decimal. The
** renderers write every integer through here. */
void sb_int_as_written(strbuf *b, const mkb_node *v, int hex);

/* Is the scalar f the value b, written the same? node_equal, and an integer
** f that has a spelling has b's (an import writes a value whose spelling
** differs from the inherited one, so that the number comes out as written). */
int node_same_spelling(const mkb_node *f, const mkb_node *b);

/* Takes key out of t, the other keys keeping their order; 0 when absent. */
int node_remove_key(mkb_node *t, const char *key);

/* A table with t's kind, value, provenance, elements and keys (the same
** nodes) in arrays of its own, so that it can change without changing t. */
mkb_node *node_copy(arena *a, const mkb_node *t);

/* The best position for a diagnostic about n: its origin, or the newest
** definition in its history. NULL when n was derived with no origin. */
const mkb_def *node_site(const mkb_node *n);

/* Reads an address or size: an integer, or a string of digits or 0x-hex
** with an optional K, M or G suffix (a "mem:" prefix is skipped). Returns
** 1 and sets *out, or 0 when v is neither or its value does not fit in 64
** bits ("9999999999999999G"). */
/* The number at the start of p: digits or 0x-hex with an optional K, M or
** G. Sets *out and returns the character after it, or NULL when p holds no
** number or it does not fit in 64 bits. node_size and the pass reader both
** read their numbers here. */
const char *mkb_size_text(const char *p, unsigned long long *out);
int node_size(const mkb_node *v, unsigned long long *out);

/* Compares two scalar values given by their fields (mkb_def and mkb_node
** have the same ones): 1 equal, 0 not, -1 both tables, which each caller
** compares its own way. 1 and 1.0 are the same number to a recipe author. */
int mkb_scalar_cmp(mkb_kind kx, int bx, long long ix, double nx, const char *sx,
                   mkb_kind ky, int by, long long iy, double ny, const char *sy);
#define MKB_SCALAR_CMP(x, y)                                              \
  mkb_scalar_cmp((x)->kind, (x)->b, (x)->i, (x)->n, (x)->s, (y)->kind, \
                 (y)->b, (y)->i, (y)->n, (y)->s)

/* Do two resolved trees hold the same values? Provenance is ignored; list
** items compare in order, and so do keys (the order of files and script
** lines is part of the output). 1 and 1.0 are equal. */
int node_equal(const mkb_node *a, const mkb_node *b);

/* The one format of a (non-integer) number, wherever the tool writes one
** (Lua text, JSON, messages, the schema reference, a rendered file): the
** shortest text in 14 to 17 significant digits that reads back as the same
** double, in buf (32 bytes at least), which it returns. Lua adds ".0" to a
** whole number (sb_lua_number); JSON writes null for what is not finite. */
const char *mkb_number(char *buf, double n);

/* The one printer of values as Lua text, for explain, show, diff, the
** importers and messages. lua_is_name: k can be written bare as a key (a
** name, not a keyword). sb_lua_string: a quoted, escaped string. sb_lua_key:
** a key, bare when a name, else ["..."]. sb_lua_number: mkb_number, and
** 1.0 for a whole one (as Lua prints a float). sb_lua_int: the views'
** integer: a whole number of 4 KiB pages (an address or a size, most
** likely) in hex, any other in decimal. Every printer of an integer that
** has a spelling (node_lit, def_lit) writes that instead. */
int lua_is_name(const char *k);
void sb_lua_string(strbuf *b, const char *s);
void sb_lua_key(strbuf *b, const char *k);
void sb_lua_number(strbuf *b, double n);
void sb_lua_int(strbuf *b, long long i);

/* Text of several lines as a long string [[...]] (with as many '=' as it
** takes that the text cannot close it), the text starting on the line
** after the bracket; other text as sb_lua_string writes it. */
void sb_lua_text(strbuf *b, const char *s);

/* A whole value: { "a", k = 1 }. sb_lua_value writes integers as
** sb_lua_int; sb_lua_value_hex, for a file to keep (an imported recipe),
** writes in hex the non-negative integers under a key for which hex(ctx,
** key) is true (key is NULL for a list element, and for n itself when it
** stands under no key), any other in decimal. sb_lua_def writes what a
** definition wrote, a 'delete' as delete. */
void sb_lua_value(strbuf *b, const mkb_node *n);
void sb_lua_value_hex(strbuf *b, const mkb_node *n, const char *key,
                      int (*hex)(const void *ctx, const char *key), const void *ctx);
void sb_lua_def(strbuf *b, const mkb_def *d);

/* The text sb_lua_value writes for n (or, n NULL, sb_lua_def for d), in a:
** a value in a message. */
const char *lua_text(arena *a, const mkb_node *n, const mkb_def *d);

/* The list operation (or list) of list's history that holds element e, or
** NULL: which append{} or prepend{} added an element. */
const mkb_def *node_container(const mkb_node *list, const mkb_def *e);

/* Equality of values as 'remove' sees it (deep for tables). */
int def_equal(const mkb_def *a, const mkb_def *b);
const char *kind_name(mkb_kind k);
const char *kind_article(mkb_kind k);  /* "a string", "an integer" */
const char *op_name(mkb_op op, mkb_prio prio);

#endif
