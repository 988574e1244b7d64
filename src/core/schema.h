/* SPDX-License-Identifier: MIT
** schema.h: the closed schema of lua/schema.lua, and the check of a
** resolved model against it: unknown fields and enum values (with a
** did-you-mean), wrong types, missing required fields. Defaults of absent
** fields are filled in, marked as derived from the schema. */
#ifndef MKB_SCHEMA_H
#define MKB_SCHEMA_H

#include "base/diag.h"
#include "base/model.h"
#include "core/boot_facts.h"
#include "core/schema_images.h"
#include "core/io_facts.h"

typedef enum {
  T_STRING, T_INTEGER, T_BOOLEAN, T_ADDRESS, T_SIZE, T_PERMS,
  T_ENUM, T_LIST, T_MAP, T_RECORD, T_ONEOF, T_VDEV
} schema_kind;

/* An enum value allowed only on some architectures (load type acpi). */
typedef struct schema_gate {
  const char *value;
  size_t narch;
  const char **arch;
} schema_gate;

typedef struct schema_type schema_type;
struct schema_type {
  schema_kind t;
  const char *name;          /* field name, when this is a field */
  const char *doc;
  int required;
  int only_true;             /* a boolean that may only be true */
  int boot;                  /* a part of the bootstrap: refused, and not
                                required, in an image that has none */
  const mkb_def *dflt;       /* default value, or NULL */
  size_t nvalues;            /* T_ENUM */
  const char **values;
  schema_type *of;           /* T_LIST, T_MAP */
  size_t nfields;            /* T_RECORD, in schema order */
  schema_type **fields;
  schema_type *items;        /* T_RECORD: its positional part, or NULL */
  long min_items, max_items; /* -1: no bound */
  int has_min, has_max;      /* T_INTEGER: bounded below, above */
  long long min, max;
  int multiline;             /* T_STRING: may hold control characters (file contents) */
  int nonempty;              /* T_STRING: may not be "" */
  int words;                 /* T_STRING: that many words in single blanks, or 0 */
  int raw_line;              /* T_STRING: a line of mkifs script text */
  int key_ident;             /* T_MAP: its names are identifiers */
  size_t ntypes;             /* T_ONEOF */
  schema_type **types;
  size_t narch;              /* architectures that allow it; 0: all */
  const char **arch;
  size_t nqnx;               /* QNX versions that allow it; 0: all */
  const char **qnx;
  const char *refuse_prefix; /* a string value may not start with it, or NULL */
  size_t ngates;             /* T_ENUM: values gated by architecture */
  schema_gate *gates;
};

/* Whether QNX ships a safety-certified variant of a vdev (lua/schema.lua
** says where that is known from). */
typedef enum { VDEV_SAFETY_UNKNOWN, VDEV_CERTIFIED, VDEV_NOT_CERTIFIED } vdev_safety;

/* A vdev type: its options are a record of the common options and its own. */
typedef struct vdev_type {
  const char *name;          /* "pl011": the host needs vdev-pl011.so */
  const char *doc;
  size_t narch;
  const char **arch;
  int implicit;              /* built into qvm (gic): no .so */
  int pic;                   /* an interrupt controller others refer to */
  long long window;          /* register window at loc when not declared */
  size_t nio;                /* architectures where a bare loc is an I/O port */
  const char **io_loc;
  schema_type *options;      /* T_RECORD */
  const char *bus;           /* "mmio", "pci_or_mmio", or NULL: how loc and intr are needed */
  vdev_safety safety;        /* whether QNX ships a safety-certified variant */
  size_t nboot_needs;        /* architectures whose guests need one to boot */
  const char **boot_needs;
  size_t nusual;             /* the locs QNX's own configurations give it */
  long long *usual_locs;
  const mkb_node *decl;      /* a type a recipe (vdev_type) or an import
                                declared: its model; NULL for the schema's */
  int imported;              /* declared by import from a file's options:
                                the recipe it writes declares it */
} vdev_type;

typedef struct mkb_schema {
  int version;
  schema_type *board;
  schema_type *guest;
  size_t nvdevs;
  vdev_type *vdevs;          /* in schema order */
  const char **vdev_names;
  schema_type **vdev_common; /* the options every vdev takes */
  size_t nvdev_common;
  schema_type *vdev_decl;    /* what a vdev_type declaration holds (T_RECORD) */
  boot_facts *boot;          /* what makes an image boot (boot_facts.h) */
  schema_images *images;     /* CPUs, script commands, search folders */
  size_t nhex;               /* the names of the fields and map entries */
  const char **hex;          /* flagged hex (schema_hex), each once */
  const mkb_def *io;         /* how guests' devices are wired (io_facts.h) */
  const mkb_def *bsp;        /* the table 'bsp': what QNX's build template makes
                                of a BSP's board definitions (formats/bspdefs.c
                                reads it), or NULL */
} mkb_schema;

/* The reason (mkb_node.why) of a value the check filled in from a default
** of the schema; schema_default_node says whether n is one. */
extern const char SCHEMA_DEFAULT[];
int schema_default_node(const mkb_node *n);

/* The vdev type of that name, or NULL. */
const vdev_type *schema_vdev(const mkb_schema *s, const char *name);

/* The field of record rec of that name, or NULL (also when rec is NULL or
** not a record). */
const schema_type *schema_field(const schema_type *rec, const char *name);

/* Is an integer under key an address or a size, which a .qvmconf and an
** imported recipe write in hex? The schema says so of a field (hex = true)
** or of a map's entry (hex_names), by name. schema is a const mkb_schema *,
** typed so that the printer of Lua values can take it (sb_lua_value_hex). */
int schema_hex(const void *schema, const char *key);

/* Adds to s the vdev type a recipe library declares (vdev_type NAME {
** ... }): decl is its model, checked against s->vdev_decl. Its options
** follow those every vdev takes; a type of that name declared before is
** replaced. Returns the new type (a pointer taken earlier into s->vdevs
** stays valid, to the type as it was). */
const vdev_type *schema_declare_vdev(mkb_schema *s, const char *name, const mkb_node *decl,
                                     arena *a);

/* Builds the schema from root, the value lua/schema.lua returned (path
** names it in messages); NULL after reporting. */
mkb_schema *schema_read(const mkb_def *root, const char *path, arena *a, diag_list *d);

/* Checks model (a resolved board) against t, reporting to d; fills in the
** defaults of absent fields (nodes allocated in a). `what` names the recipe
** in messages ("board 'rcar_h3'"), `site` is its declaration, where missing
** fields are reported. Returns the number of errors. */
int schema_check(const mkb_schema *s, const schema_type *t, mkb_node *model,
                 const char *what, const mkb_def *site, arena *a, diag_list *d);

/* Checks value against type t, as the field called name (a default of the
** schema). Returns the number of errors. */
int schema_check_value(const mkb_schema *s, const schema_type *t, const mkb_def *value,
                       const char *name, const mkb_def *site, arena *a, diag_list *d);


#endif
