/* SPDX-License-Identifier: MIT
** wire.h: both sides of every connection of a guest's devices, for the
** QNX version at hand (lua/schema.lua, table 'io', names the sources):
**   - a guest NIC declares what it connects to (the host, through a vpN
**     the core allocates or the recipe names, or another guest's NIC): the
**     guest gets name, peer and mac, the host its network stack with the
**     vdevpeer driver, the peer binding and the bridges;
**   - a guest disk declares its backing: a file, a host device, or a RAM or
**     loopback disk the host makes, started and waited for before the guest;
**   - a PCI pass-through gets pci-server with its configuration and qvm
**     support module; a pass over a board device's registers or interrupt
**     gives that device (its driver leaves the host); a device that does
**     DMA on a board with an SMMU brings smmuman;
**   - a guest may live on a data partition beside the host image: the host
**     mounts it, starts the guest there (cd, qvm @file), and render writes
**     what goes on it;
**   - the qvm line carries the guest's launch options.
** Everything added is a node whose 'why' says what caused it. */
#ifndef MKB_WIRE_H
#define MKB_WIRE_H

#include "core/derive.h"

/* The guests' side, before the host is derived: NIC peers, names and MACs,
** disk hostdevs, passes matched to board devices, loads from the data
** partition. Reports to d; returns the number of errors. */
int wire_guests(const mkb_schema *s, mkb_node *board, mkb_guest *guests, size_t n, arena *a,
                diag_list *d);

/* The host's side (derive_board calls it before the guests' start lines):
** the commands that must run before any guest starts, appended to the
** script, and the files they need. What it takes out goes to removals.
** Returns the number of errors. */
int wire_host(const mkb_schema *s, mkb_node *board, mkb_guest *guests, size_t n, arena *a,
              diag_list *d, ptrvec *removals);

/* Guest model (of system name) as wired on a host of its own: NIC peers
** and MACs and disk hostdevs written. For import, which compares a file
** with it. */
void wire_as_base(const mkb_schema *s, mkb_node *guest, const char *name, arena *a);

/* The qvm option a vdev option of the recipe's own writes: to -> peer,
** disk -> hostdev; NULL for any other. */
const char *wire_writes(const char *key);

/* The script line that starts guest g, whose configuration is cfg in the
** host image (or on the data partition). */
mkb_node *wire_start_line(const mkb_schema *s, const mkb_node *board, const mkb_guest *g,
                          const char *cfg, arena *a);

/* Does guest g live on the board's data partition (its files stay out of
** the host image)? */
int wire_on_partition(const mkb_guest *g);

/* Does the board declare vdev library so (vdev-TYPE.so, or its -safety
** file) for guests it starts by hand (hypervisor.vdevs)? */
int wire_declared_vdev(const mkb_node *board, const char *so);

/* Is path (in the host's file system) a file of the board's data
** partition, listed in data_partition.files once wired? */
int wire_partition_provides(const mkb_node *board, const char *path);

/* The path on the data partition of path in the host's file system (the
** mount taken off): 1 and *out, or 0 when path is not below the mount. */
int wire_partition_target(const mkb_node *board, const char *path, arena *a, const char **out);

#endif
