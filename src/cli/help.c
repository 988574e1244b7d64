/* SPDX-License-Identifier: MIT
** help.c: the tables of commands and options, and their three renderings. */
#define _POSIX_C_SOURCE 200809L
#include "cli/help.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"

typedef struct command {
  const char *name;
  const char *synopsis;   /* after "mkbuildfile " */
  const char *summary;    /* one line */
  const char *text;       /* paragraphs, "\n\n" between them */
  const char *options;    /* the options it takes, space-separated flags;
                             the command line refuses any other */
} command;

typedef struct option {
  const char *flag;       /* "-I" */
  const char *arg;        /* "DIR", or NULL */
  char sep;               /* between flag and arg: ' ' or '=' */
  const char *text;
} option;

/* Taken by every command that reports diagnostics. */
#define REPORTING "--Werror --diagnostics --sarif-root --color"

static const command commands[] = {
  { "render", "render BOARD... [-o DIR|-o FILE.build] [-MD] [-MF FILE] [--sysroot DIR]\n"
              "render --all -o DIR [-MD] [--sysroot DIR]\n"
              "render --all --ninja DIR [--mkifs PATH] [--sysroot DIR]",
    "render boards: the host buildfile, a .qvmconf per guest, a buildfile per QNX guest",
    "Without -o, prints the host buildfile of BOARD. With -o DIR, writes DIR/BOARD.build, "
    "DIR/guests/NAME/NAME.qvmconf for every guest and DIR/guests/NAME/NAME.build for a guest "
    "with its own image, so that the mappings of the host buildfile hold relative to DIR; and, "
    "when guests live on the board's data partition, DIR/BOARD-data.build, what goes on it (a "
    "buildfile for mkqnx6fsimg). "
    "With -o FILE.build, the host buildfile is FILE.build and the guests' files go beside it. "
    "A guest renders on its own too: NAME.qvmconf (and NAME.build for its own image), checked "
    "as lint checks a .qvmconf.\n\n"
    "A run writes all of its files or none: files whose content changed are written to "
    "temporary files (FILE.tmp.PID.N) and renamed into place once all are written; when any "
    "board fails, or a file cannot be written, nothing is. Two boards that would write one "
    "file with different contents are an error. A line on standard error says how many files "
    "were written, unchanged and removed.\n\n"
    "With -o DIR, render keeps a manifest, DIR/.mkbuildfile-output, of the files each board "
    "wrote and of the folders it made: a file a board no longer writes is removed by the next "
    "render, unless it changed since, and so are the folders it made that are left empty. The "
    "recipe search skips the folders render made.\n\n"
    "With --all, every board on the search path is rendered into DIR/BOARD/ (-o DIR is "
    "required), each recipe file loaded once; one board's failure does not stop the checks of "
    "the others, and a summary line says how many rendered.\n\n"
    "Before it writes, render runs the checks of check, the closure check included.",
    "-I --set -o -MD -MF --all --ninja --mkifs --sysroot -q " REPORTING },
  { "check", "check BOARD... [--sysroot DIR]\ncheck --all [--sysroot DIR]",
    "validate boards and their guests without writing anything",
    "Runs everything render runs up to the output: the schema, the QNX rules, the host "
    "wiring, and the closure check: every command a startup script runs is in its image (or "
    "is one procnto runs itself), every file a guest's configuration loads or reads is in the "
    "host image. Every problem is reported, sorted by file, line and column, then a summary "
    "line: checked N boards, M failed.\n\n"
    "With --sysroot DIR, or else with QNX_TARGET set, every host file of every image is looked "
    "up as mkifs looks it up (the entry's search=, the image's, else MKIFS_PATH or the "
    "folders mkifs searches below DIR, which stands for ${QNX_TARGET}/PROCESSOR); a file "
    "found nowhere is an error naming the folders searched. "
    "Each ELF file found must be built for the image's CPU, and every library it needs "
    "(DT_NEEDED) must be an entry of the same image, by file name or soname.",
    "-I --set --all --sysroot -q " REPORTING },
  { "explain", "explain BOARD PATH",
    "every definition of a value, the winner marked, why each other one lost",
    "PATH is dotted: image.base, startup, env.PATH, files./sbin/qvm, "
    "guests.NAME.vdevs.console.loc. Prints every definition of PATH along the layer stack in "
    "evaluation order, with its recipe, file:line:col, operation, priority and value; the "
    "winner is marked and every other definition says why it lost. List elements show where "
    "they came from; values the core derived (a vdev-TYPE.so, the qvm module) show their "
    "cause; what the host wiring took out shows why.",
    "-I --set " REPORTING },
  { "show", "show BOARD [--json]", "the resolved model, every value with its origin",
    "Prints the resolved model of BOARD and its guests as an annotated tree, or with --json "
    "in the documented layout of doc/json.md (schema_version 1).",
    "-I --set --json " REPORTING },
  { "diff", "diff BOARD1 BOARD2", "the differences of two resolved boards, by path",
    "Compares the resolved models of two boards and their guests; each difference shows both "
    "sides with their provenance. Exit status 0 when they are equal, 1 when they differ, 2 on "
    "trouble (a recipe error).",
    "-I --set " REPORTING },
  { "graph", "graph BOARD...\ngraph --all", "the composition graph as Graphviz dot",
    "Prints the boards, the recipes they include, their guests and the vdevs each guest uses "
    "as a dot digraph (render it with: dot -Tsvg).",
    "-I --set --all " REPORTING },
  { "lint", "lint FILE...", "check existing .build and .qvmconf files",
    "Reads existing mkifs buildfiles (FILE.build) and qvm configuration files "
    "(FILE.qvmconf) and reports their syntax errors and what the checks of recipes find in "
    "them, as file:line:col diagnostics. A .qvmconf may use vdev types that recipes on the "
    "search path declare (vdev_type; -I DIR).",
    "-I " REPORTING },
  { "import", "import FILE [-o RECIPE.lua]\nimport DEFS [-o RECIPE.lua]\nimport --boards DIR -o DIR",
    "turn an existing file, or a BSP's board definitions, into a recipe",
    "Writes a readable recipe: a board for FILE.build, a guest for FILE.qvmconf, using the "
    "shipped recipes where they match (a shipped board it resembles is included, and only "
    "the differences written). Rendering it gives back the model of FILE. The file is checked "
    "as lint checks it first: when the recipe would not render, import says why at the "
    "file's lines and writes nothing. A vdev type neither the schema nor a recipe declares is "
    "declared in the recipe, from the options the file gives it.\n\n"
    "DEFS is a QNX SDP 8.0 BSP's board definitions file (images/definitions.m4: m4 "
    "define()s of __ARCH__, __STARTUP__, __DEVC_START__ ...), known by its content. The "
    "recipe is the board the definitions describe: its image, startup and kernel, the "
    "runtime linker, and for each subsystem they enable the driver's files and its start "
    "lines, in the order of the images QNX's build template makes; and NAME-host, the same "
    "board as a QNX Hypervisor host (give it guests = { ... }). A macro mkbuildfile does not "
    "know becomes a comment in the recipe, with a warning at its line. The recipe is named "
    "after RECIPE.lua, else after the file or its folder.\n\n"
    "With --boards, every definitions file below DIR but those the others include() becomes "
    "-o DIR/NAME.lua, NAME after the file's folder; each is said on standard output. Nothing "
    "is written unless every one imported.",
    "-o -I --boards " REPORTING },
  { "list", "list [--shadowed]", "every recipe on the search path",
    "Prints every recipe name, its kind (board, guest, fragment) and the file:line that "
    "declares it, in search-path order. A name resolves to its declaration in the first "
    "search directory that declares it, whatever the file is called; a declaration that "
    "shadows others in later directories says which. With --shadowed, each shadowed "
    "declaration follows on a line of its own. Every recipe file is run: any that fails is "
    "reported, and the exit status is then 1.",
    "-I --shadowed " REPORTING },
  { "schema", "schema --luals [-o FILE]\nschema --markdown [-o FILE]\n"
              "schema --luacheckrc [-o FILE]",
    "the schema as editor definitions, the recipe reference or a luacheck configuration",
    "--luals writes a lua-language-server ---@meta file of the recipe language (point the "
    "editor's Lua.workspace.library at it); --markdown writes the recipe reference "
    "(doc/recipes.md); --luacheckrc writes a luacheck configuration whose globals and "
    "standard library are exactly those of the recipe sandbox.",
    "-o --luals --markdown --luacheckrc " REPORTING },
  { "help", "help [COMMAND]\nhelp --man", "this help, a command's, or the man page",
    "COMMAND --help shows the same as help COMMAND. help --man writes the man page.", "--man" },
};

static const option options[] = {
  { "-I", "DIR", ' ', "search DIR for recipes first; repeatable, in order" },
  { "--set", "PATH=VALUE", ' ', "override a board field last, e.g. --set "
    "image.base=0x48000000, or a field of one of its guests, as guests.NAME.PATH=VALUE; true, "
    "false, integers, quoted strings, tables and calls such as append{\"-s\"} are Lua, any "
    "other text is a string; repeatable, later wins" },
  { "-o", "PATH", ' ', "where to write (render: a folder, or FILE.build; import: a file, "
    "with --boards a folder; schema: a file)" },
  { "-MD", NULL, ' ', "also write a make-style depfile, OUTPUT.d, naming every recipe file "
    "read, every search path probed and, with a sysroot, every host file found" },
  { "-MF", "FILE", ' ', "the depfile's name (one board)" },
  { "--all", NULL, ' ', "every board on the search path" },
  { "--boards", NULL, ' ', "import: every board definitions file below the folder given" },
  { "--ninja", "DIR", ' ', "with render --all: write DIR/build.ninja, which renders every "
    "board and runs mkifs on what it renders, guest images first, and writes itself again "
    "when the recipes change" },
  { "--sysroot", "DIR", ' ', "look host files up as mkifs does, with DIR as "
    "${QNX_TARGET}/PROCESSOR (default: QNX_TARGET and the image's CPU, when QNX_TARGET is "
    "set), and check the ELF files found: their CPU and the libraries they need" },
  { "--mkifs", "PATH", ' ', "with --ninja: the mkifs that build.ninja runs (default: the "
    "environment's MKIFS, else mkifs from PATH)" },
  { "--json", NULL, ' ', "show: the model as JSON" },
  { "--shadowed", NULL, ' ', "list: also the declarations that others shadow" },
  { "--luals", NULL, ' ', "schema: LuaLS definitions" },
  { "--markdown", NULL, ' ', "schema: the Markdown reference" },
  { "--luacheckrc", NULL, ' ', "schema: a luacheck configuration for recipe folders" },
  { "-q", NULL, ' ', "print no summary lines, only diagnostics" },
  { "--Werror", NULL, ' ', "treat warnings as errors" },
  { "--diagnostics", "FORMAT", '=', "text (the default: file:line:col: error: message), "
    "json (one object per line) or sarif (one SARIF 2.1.0 log); on standard error" },
  { "--sarif-root", "DIR", ' ', "with --diagnostics=sarif: file locations are relative to "
    "DIR (default: the current folder), shipped recipes to the install's data folder" },
  { "--color", "WHEN", '=', "colour the text diagnostics: auto (the default: on a terminal, "
    "unless NO_COLOR is set and not empty), always or never" },
  { "--man", NULL, ' ', "help: write the man page" },
  { "-h, --help", NULL, ' ', "show the help (of the command)" },
  { "--version", NULL, ' ', "show the version" },
};

#define NCOMMANDS (sizeof commands / sizeof *commands)
#define NOPTIONS (sizeof options / sizeof *options)

static const command *find(const char *name) {
  for (size_t i = 0; i < NCOMMANDS; i++)
    if (strcmp(commands[i].name, name) == 0) return &commands[i];
  return NULL;
}

int help_is_command(const char *name) { return find(name) != NULL; }

/* Prints text wrapped at 78 columns, each line after `indent` spaces. */
static void wrap(FILE *out, const char *text, int indent, int first_col) {
  int col = first_col;
  const char *p = text;
  while (*p) {
    if (p[0] == '\n') {
      fputc('\n', out);
      col = 0;
      p++;
      continue;
    }
    size_t w = strcspn(p, " \n");
    if (col > indent && col + 1 + (int)w > 78) {
      fputc('\n', out);
      col = 0;
    }
    if (col < indent) {
      fprintf(out, "%*s", indent - col, "");
      col = indent;
    } else if (col > indent) {
      fputc(' ', out);
      col++;
    }
    fwrite(p, 1, w, out);
    col += (int)w;
    p += w;
    while (*p == ' ') p++;
  }
  if (col) fputc('\n', out);
}

static void option_line(FILE *out, const option *o) {
  char head[64];
  snprintf(head, sizeof head, "  %s%s%s", o->flag, o->arg ? (o->sep == '=' ? "=" : " ") : "",
           o->arg ? o->arg : "");
  fputs(head, out);
  int col = (int)strlen(head);
  if (col >= 24) {
    fputc('\n', out);
    col = 0;
  }
  wrap(out, o->text, 24, col);
}

static void synopsis_lines(FILE *out, const char *prefix, const char *syn) {
  const char *p = syn;
  while (*p) {
    size_t k = strcspn(p, "\n");
    fprintf(out, "%smkbuildfile %.*s\n", p == syn ? prefix : "   or: ", (int)k, p);
    p += k;
    if (*p) p++;
  }
}

void help_usage(FILE *out) {
  fputs("Usage: mkbuildfile COMMAND [OPTION]...\n"
        "Turn Lua recipes into the files a QNX hypervisor system is built from.\n\n"
        "Commands:\n", out);
  for (size_t i = 0; i < NCOMMANDS; i++) {
    char head[32];
    snprintf(head, sizeof head, "  %s", commands[i].name);
    fputs(head, out);
    wrap(out, commands[i].summary, 12, (int)strlen(head));
  }
  fputs("\nOptions:\n", out);
  for (size_t i = 0; i < NOPTIONS; i++) option_line(out, &options[i]);
  fputs("\nRecipes are looked up in the -I directories, then in MKBUILDFILE_PATH\n"
        "(colon-separated), then in the shipped boards/ and recipes/.\n"
        "Exit status: 0 success, 1 recipe or validation error, 2 usage error.\n"
        "'mkbuildfile COMMAND --help' shows a command's help; the man page has it all.\n", out);
}

/* 1 when command c takes the option whose first flag is flag. */
static int takes(const command *c, const char *flag) {
  size_t n = strlen(flag);
  for (const char *p = c->options; (p = strstr(p, flag)) != NULL; p += n)
    if ((p == c->options || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0')) return 1;
  return 0;
}

/* The first flag of option o ("-h" of "-h, --help"). */
static void first_flag(const option *o, char *flag, size_t cap) {
  size_t k = strcspn(o->flag, ",");
  snprintf(flag, cap, "%.*s", (int)k, o->flag);
}

int help_command(FILE *out, const char *name) {
  const command *c = find(name);
  if (c == NULL) return -1;
  synopsis_lines(out, "Usage: ", c->synopsis);
  fputc('\n', out);
  wrap(out, c->summary, 0, 0);
  fputc('\n', out);
  wrap(out, c->text, 0, 0);
  if (c->options[0]) {
    fputs("\nOptions:\n", out);
    for (size_t i = 0; i < NOPTIONS; i++) {
      char flag[16];
      first_flag(&options[i], flag, sizeof flag);
      if (takes(c, flag)) option_line(out, &options[i]);
    }
  }
  return 0;
}

int help_takes(const char *name, const char *flag) {
  const command *c = find(name);
  return c != NULL && takes(c, flag);
}

const char *help_suggest_command(const char *word) {
  const char *names[NCOMMANDS];
  for (size_t i = 0; i < NCOMMANDS; i++) names[i] = commands[i].name;
  return mkb_nearest(word, names, NCOMMANDS, NULL);
}

const char *help_suggest_option(const char *word) {
  /* every spelling of every option: "-h" and "--help" both */
  static const char *flags[2 * NOPTIONS];
  static char buf[2 * NOPTIONS][24];
  size_t n = 0;
  for (size_t i = 0; i < NOPTIONS; i++) {
    const char *p = options[i].flag;
    while (*p) {
      size_t k = strcspn(p, ", ");
      snprintf(buf[n], sizeof buf[n], "%.*s", (int)k, p);
      flags[n] = buf[n];
      n++;
      p += k;
      p += strspn(p, ", ");
    }
  }
  return mkb_nearest(word, flags, n, NULL);
}

/* roff: a backslash or a leading dot or quote would be read as markup. */
static void roff(FILE *out, const char *s) {
  int bol = 1;
  for (; *s; s++) {
    if (bol && (*s == '.' || *s == '\'')) fputs("\\&", out);
    if (*s == '\\') fputs("\\e", out);
    else if (*s == '-') fputs("\\-", out);
    else fputc(*s, out);
    bol = *s == '\n';
  }
}

/* The COMMANDS section: each command, its summary and its paragraphs. */
static void man_commands(FILE *out) {
  fputs(".SH COMMANDS\n", out);
  for (size_t i = 0; i < NCOMMANDS; i++) {
    fputs(".TP\n.B ", out);
    roff(out, commands[i].name);
    fputc('\n', out);
    roff(out, commands[i].summary);
    fputs(".\n", out);
    const char *p = commands[i].text;
    while (*p) {
      const char *e = strstr(p, "\n\n");
      size_t k = e ? (size_t)(e - p) : strlen(p);
      char *para = strndup(p, k);
      if (para) {
        fputs(p == commands[i].text ? "" : ".IP\n", out);
        roff(out, para);
        fputc('\n', out);
        free(para);
      }
      p += k;
      while (*p == '\n') p++;
    }
  }
}

/* The OPTIONS section: the flag bold, its argument italic. */
static void man_options(FILE *out) {
  fputs(".SH OPTIONS\n", out);
  for (size_t i = 0; i < NOPTIONS; i++) {
    /* .BI alternates bold and italic: the flag bold, its argument italic,
    ** both in the tag line of .TP. */
    fputs(options[i].arg ? ".TP\n.BI \"" : ".TP\n.B ", out);
    roff(out, options[i].flag);
    if (options[i].arg) {
      fputs(options[i].sep == '=' ? "=\" \"" : " \" \"", out);
      roff(out, options[i].arg);
      fputc('"', out);
    }
    fputc('\n', out);
    roff(out, options[i].text);
    fputc('\n', out);
  }
}

/* EXIT STATUS, ENVIRONMENT, FILES, EXAMPLES and SEE ALSO. */
static void man_tail(FILE *out) {
  fputs(".SH EXIT STATUS\n.TP\n.B 0\nsuccess\n.TP\n.B 1\na recipe or validation error "
        "(diff: the boards differ)\n.TP\n.B 2\na usage error (diff: trouble)\n", out);
  fputs(".SH ENVIRONMENT\n.TP\n.B MKBUILDFILE_PATH\nfolders searched for recipes after the "
        "\\-I folders, separated by colons\n.TP\n.B NO_COLOR\nwhen set and not empty, diagnostics are "
        "not coloured (unless \\-\\-color=always)\n.TP\n.B MKIFS\nthe mkifs that build.ninja runs, "
        "unless \\-\\-mkifs is given\n.TP\n.B QNX_TARGET\nwithout \\-\\-sysroot, host files "
        "are looked up below QNX_TARGET/PROCESSOR, as mkifs does\n.TP\n.B MKIFS_PATH\nwithout "
        "\\-\\-sysroot, the folders host files are looked up in, as mkifs does\n.TP\n"
        ".B MKBUILDFILE_MEMORY_LIMIT\nMiB the Lua state of the recipes may hold (default 256; 0: "
        "no limit)\n.TP\n.B MKBUILDFILE_STEP_LIMIT\nmillions of steps one recipe file may run "
        "(default 200; 0: no limit)\n.TP\n.B MKBUILDFILE_TIME_LIMIT\nCPU seconds one recipe "
        "file may run (default 10; 0: no limit)\n", out);
  fputs(".SH FILES\n.TP\n.I /usr/share/mkbuildfile/\nthe prelude and schema (lua/), the "
        "shipped boards (boards/) and recipes (recipes/), searched last\n", out);
  fputs(".SH EXAMPLES\n.nf\nmkbuildfile render rcar_h3\nmkbuildfile render rcar_h3 \\-o out/\n"
        "mkbuildfile render \\-\\-all \\-I examples/family \\-o out/\n"
        "mkbuildfile explain rcar_h3 image.base\nmkbuildfile check \\-\\-all \\-\\-Werror\n"
        "mkbuildfile lint host.build guest.qvmconf\nmkbuildfile import host.build \\-o myboard.lua\n"
        ".fi\n.SH SEE ALSO\n.BR mkifs (1),\n.BR qvm (1)\n", out);
}

void help_man(FILE *out, const char *version) {
  fprintf(out, ".\\\" Generated by 'mkbuildfile help --man' from src/cli/help.c: do not edit.\n"
               ".TH MKBUILDFILE 1 \"\" \"mkbuildfile %s\" \"User Commands\"\n", version);
  fputs(".SH NAME\nmkbuildfile \\- turn Lua recipes into QNX hypervisor buildfiles and "
        "qvm configurations\n.SH SYNOPSIS\n.nf\n", out);
  for (size_t i = 0; i < NCOMMANDS; i++) {
    const char *p = commands[i].synopsis;
    while (*p) {
      size_t k = strcspn(p, "\n");
      fputs("\\fBmkbuildfile\\fR ", out);
      char line[256];
      snprintf(line, sizeof line, "%.*s\n", (int)k, p);
      roff(out, line);
      p += k;
      if (*p) p++;
    }
  }
  fputs(".fi\n.SH DESCRIPTION\n", out);
  roff(out, "mkbuildfile turns declarative Lua recipes into the files a QNX hypervisor system "
            "is built from: the host image's mkifs buildfile, a .qvmconf for every guest VM, "
            "and the buildfiles of QNX guests. Recipes (board, guest and fragment "
            "declarations) compose with include and override each other with default, force, "
            "append, prepend, remove and delete; the core resolves them, checks them against "
            "a closed schema and the QNX rules, and renders them. Every diagnostic points at "
            "the recipe line that caused it, as file:line:col: error: message.\n");
  man_commands(out);
  man_options(out);
  man_tail(out);
}
