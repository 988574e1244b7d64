/* SPDX-License-Identifier: MIT
** sandbox.h: what a recipe runs with besides the prelude's globals, and how
** far it may go. Value operations are userdata that only C reads; the
** library functions whose C loops Lua cannot interrupt (pattern matching,
** table.move, ...) charge their work to the run's budget before they start;
** and every run is bounded in steps, in CPU time and in memory.
**
** A step is one Lua instruction, 8 bytes the Lua state allocates, or one
** unit of work a library function announces (a pattern's worst case, a
** table shift). The budget makes a runaway recipe fail at the same line on
** every machine; the CPU-time limit catches what a step does not measure
** (comparing two long strings is one instruction), from a timer signal
** that makes the next instruction raise. */
#ifndef MKB_SANDBOX_H
#define MKB_SANDBOX_H

#include <signal.h>
#include <stddef.h>

#include <lua.h>

#include "base/diag.h"
#include "load/limits.h"

/* Why a run was stopped. */
typedef enum { SBX_RUNNING, SBX_STEPS, SBX_TIME } sbx_stop;

/* The order in which the state made its tables, functions and userdata
** (ordered pairs: sandbox_order.c): block address -> sequence number. */
typedef struct sbx_seqs {
  const void **keys;
  unsigned long long *vals;
  size_t n, cap;            /* cap: a power of two, or 0 */
  unsigned long long next;  /* the number of the next object made */
} sbx_seqs;

typedef struct sbx {
  host_limits lim;
  lua_State *L;
  size_t used;              /* bytes the Lua state holds */
  long long budget;         /* steps left in the run */
  int count;                /* instructions between two calls of the hook */
  int running;              /* a recipe run is under way */
  volatile sig_atomic_t expired; /* the CPU timer fired (signal handler) */
  sbx_stop stop;            /* set once a limit is reached */
  const char *chunkname;    /* the recipe being run, as Lua names it */
  int kill_line;            /* its line where a limit was reached */
  int oom_line;             /* its line where an allocation was refused */
  int over_limit;           /* and it was refused for the limit */
  char why[256];            /* a library function's reason to stop, or "" */
  char why_token[16];       /* the token that reason points at */
  void *timer;              /* the CPU timer (a timer_t), or NULL */
  sbx_seqs seqs;            /* creation order of the objects the state made */
  const void *last_udata;   /* the block of the last userdata made */
  size_t udata_off;         /* from a userdata's block to its memory (1 user value) */
} sbx;

/* Creates the Lua state of s, with an allocator that holds it to
** lim->memory, and the CPU timer. NULL when even that fails. */
lua_State *sbx_open(sbx *s, const host_limits *lim);

/* Closes the state and deletes the timer. */
void sbx_close(sbx *s);

/* Starts and ends one recipe run of chunkname (borrowed until sbx_end):
** fills the budget, arms the timer, sets the hook. */
void sbx_begin(sbx *s, const char *chunkname);
void sbx_end(sbx *s);

/* The message of the limit that stopped the run (SBX_STEPS or SBX_TIME), and
** the message of a refused allocation. Static or in s's state: copy them. */
const char *sbx_stop_message(const sbx *s, char *buf, size_t size);
const char *sbx_oom_message(const sbx *s, char *buf, size_t size);

/* Pushes the table the prelude builds the sandbox from: op(name, value)
** makes a value operation; string, table and utf8 hold the library
** functions that charge their work. Stack: +1. */
void sbx_push_natives(lua_State *L);

/* ---- a defined order (sandbox_order.c) ----------------------------------
** Lua seeds its string hashes per state (from addresses and the time), so
** raw next visits keys in an order that changes from run to run. Recipes
** get next and pairs that visit keys in a defined order: integers
** ascending, then strings by their bytes, then floats ascending, false,
** true, and last tables, functions and value operations in the order the
** state made them (builtin functions in the order of their names). Their
** tostring names that number, never an address; string.format refuses %p. */

/* Notes a new object at block p (0), or -1 when the table of numbers
** cannot grow within the memory limit. Drops a freed one. p is only a key;
** it is not const so that GCC does not take the passing of a fresh block of
** the allocator for a read of uninitialized memory (Release builds). */
int sbx_seq_add(sbx *s, void *p);
void sbx_seq_drop(sbx *s, const void *p);
void sbx_seq_free(sbx *s);

/* Sets the fields next, pairs, tostring, string.format (a guard) and order
** (which numbers the builtin functions of a list, in its order) of the
** natives table on top of the stack. */
void sbx_push_order(lua_State *L);

/* Raises a recipe error (as the prelude's fail does): a table with the
** message and the token to point at, which the message handler reads. */
int sbx_recipe_error(lua_State *L, const char *token, const char *msg);

/* Charges steps of work a library function is about to do to the run's
** budget; raises when they exceed what is left. */
void sbx_charge(lua_State *L, double steps);

/* Value operations, as C reads them. */
typedef enum { SBX_APPEND, SBX_PREPEND, SBX_REMOVE, SBX_FORCE, SBX_DEFAULT, SBX_DELETE } sbx_op;

/* The operation at idx, or -1 when the value there is not one. For an
** operation, pushes the value it holds (nil for delete). Stack: +1 or 0. */
int sbx_push_op(lua_State *L, int idx);

/* The name of an operation as recipes write it ("append"). */
const char *sbx_op_name(sbx_op op);

#endif
