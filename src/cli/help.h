/* SPDX-License-Identifier: MIT
** help.h: the help of every command and option, written once: --help,
** COMMAND --help and the man page (doc/mkbuildfile.1) are all made from
** these tables, so they cannot disagree. */
#ifndef MKB_HELP_H
#define MKB_HELP_H

#include <stdio.h>

/* The usage of the whole tool. */
void help_usage(FILE *out);

/* The usage of one command; 0, or -1 when there is no such command. */
int help_command(FILE *out, const char *name);

/* The man page, in roff (man(7)). */
void help_man(FILE *out, const char *version);

/* 1 when name is a command. */
int help_is_command(const char *name);

/* 1 when command name takes the option flag (its first spelling: "-I",
** "--diagnostics", "-q"). The help of a command lists exactly these. */
int help_takes(const char *name, const char *flag);

/* The command or option (any spelling) nearest to word, or NULL. */
const char *help_suggest_command(const char *word);
const char *help_suggest_option(const char *word);

#endif
