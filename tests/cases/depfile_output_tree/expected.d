out/t.build out/guests/qnx71/qnx71.qvmconf out/guests/qnx71/qnx71.build \
  out/t.build.d: \
  @ROOT@/lua/prelude.lua \
  @ROOT@/lua/schema.lua \
  a/t.lua \
  @ROOT@/boards/guests/linux-x86.lua \
  @ROOT@/boards/guests/linux.lua \
  @ROOT@/boards/guests/qnx71-x86.lua \
  @ROOT@/boards/guests/qnx71.lua \
  @ROOT@/boards/guests/qnx80.lua \
  @ROOT@/boards/imx8qm.lua \
  @ROOT@/boards/rcar_h3-safety.lua \
  @ROOT@/boards/rcar_h3.lua \
  @ROOT@/boards/rpi4.lua \
  @ROOT@/boards/x86_64.lua \
  @ROOT@/recipes/guests/linux-aarch64.lua \
  @ROOT@/recipes/guests/linux-x86_64.lua \
  @ROOT@/recipes/guests/qnx-aarch64.lua \
  @ROOT@/recipes/guests/qnx-x86_64.lua \
  @ROOT@/recipes/hypervisor-host.lua \
  a \
  a/kept \
  @ROOT@/boards \
  @ROOT@/boards/guests \
  @ROOT@/recipes \
  @ROOT@/recipes/guests

@ROOT@/lua/prelude.lua:

@ROOT@/lua/schema.lua:

a/t.lua:

@ROOT@/boards/guests/linux-x86.lua:

@ROOT@/boards/guests/linux.lua:

@ROOT@/boards/guests/qnx71-x86.lua:

@ROOT@/boards/guests/qnx71.lua:

@ROOT@/boards/guests/qnx80.lua:

@ROOT@/boards/imx8qm.lua:

@ROOT@/boards/rcar_h3-safety.lua:

@ROOT@/boards/rcar_h3.lua:

@ROOT@/boards/rpi4.lua:

@ROOT@/boards/x86_64.lua:

@ROOT@/recipes/guests/linux-aarch64.lua:

@ROOT@/recipes/guests/linux-x86_64.lua:

@ROOT@/recipes/guests/qnx-aarch64.lua:

@ROOT@/recipes/guests/qnx-x86_64.lua:

@ROOT@/recipes/hypervisor-host.lua:

a:

a/kept:

@ROOT@/boards:

@ROOT@/boards/guests:

@ROOT@/recipes:

@ROOT@/recipes/guests:
