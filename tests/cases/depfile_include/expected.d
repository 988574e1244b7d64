out/myboard.build out/guests/g1/g1.qvmconf out/guests/g1/g1.build \
  out/myboard.build.d: \
  @ROOT@/lua/prelude.lua \
  @ROOT@/lua/schema.lua \
  a/myboard.lua \
  lib\ \#1\ $$x/common.lua \
  lib\ \#1\ $$x/guests/g1.lua \
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
  lib\ \#1\ $$x \
  lib\ \#1\ $$x/guests \
  @ROOT@/boards \
  @ROOT@/boards/guests \
  @ROOT@/recipes \
  @ROOT@/recipes/guests

@ROOT@/lua/prelude.lua:

@ROOT@/lua/schema.lua:

a/myboard.lua:

lib\ \#1\ $$x/common.lua:

lib\ \#1\ $$x/guests/g1.lua:

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

lib\ \#1\ $$x:

lib\ \#1\ $$x/guests:

@ROOT@/boards:

@ROOT@/boards/guests:

@ROOT@/recipes:

@ROOT@/recipes/guests:
