-- SPDX-License-Identifier: MIT
-- hypervisor-host: what turns a board image into a QNX Hypervisor host.
-- The core adds the rest from this switch: the qvm module on the kernel
-- line (QNX 7.1), the safety kernel and modules, and qvm in the image.

fragment "hypervisor-host" {
  hypervisor = { enable = true },
  env = {
    PATH            = default { "/proc/boot", "/sbin", "/bin", "/usr/bin", "/usr/sbin" },
    LD_LIBRARY_PATH = default { "/proc/boot", "/lib", "/usr/lib", "/lib/dll" },
  },
}
