/* SPDX-License-Identifier: MIT
** closure.h: does the image hold everything it needs to boot? The closure
** check (../shared/reference/qnx-bootable.md §1, §3), run by check and by
** render before it writes:
**   - every command a startup script runs is an entry of the image on its
**     PATH, an absolute path the image provides (an entry, a link, a
**     procmgr_symlink of the script), or a command procnto runs itself
**     (the schema's images.script_commands);
**   - every file a guest's configuration names (its load files, the files
**     of its vdevs' hostdev, the configuration qvm is started with) is in
**     the host image;
**   - with a host-file lookup (--sysroot, QNX_TARGET): every host file of
**     every image is found as mkifs finds it; each ELF file among them is
**     built for the image's CPU, and every library it needs (DT_NEEDED) is
**     an entry of the same image, by file name or soname.
** Each finding is reported at the recipe line that wrote the script line,
** the load, the hostdev or the entry. */
#ifndef MKB_CLOSURE_H
#define MKB_CLOSURE_H

#include "core/check.h"
#include "load/hostfs.h"

typedef struct closure_in {
  hostfs *fs;                 /* NULL: no host-file lookup */
  const char *const *made;    /* host paths the build makes itself (a guest's
                                 .qvmconf and image): not looked up */
  size_t nmade;
  const char *workdir;        /* where mkifs will run (a relative host path
                                 with a '/' is looked for there first), or
                                 NULL: the current folder */
  ptrvec *found;              /* out: every host file found, as found
                                 (const char*, in c->mem), for depfiles */
} closure_in;

/* Checks board (derived and checked) and the images of its n guests.
** Returns the number of errors reported. */
int closure_check(check_ctx *c, const closure_in *in, const mkb_node *board,
                  const mkb_guest *guests, size_t n);

#endif
