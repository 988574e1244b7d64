out/myboard.build out/guests/g1/g1.qvmconf out/guests/g1/g1.build \
  out/myboard.build.d: \
  @ROOT@/lua/prelude.lua \
  @ROOT@/lua/schema.lua \
  a/myboard.lua \
  @ROOT@/recipes/hypervisor-host.lua \
  lib\ \#1\ $$x/common.lua \
  lib\ \#1\ $$x/guests/g1.lua \
  @ROOT@/recipes/guests/qnx-aarch64.lua \
  a \
  lib\ \#1\ $$x \
  lib\ \#1\ $$x/guests \
  @ROOT@/boards \
  @ROOT@/boards/guests

@ROOT@/lua/prelude.lua:

@ROOT@/lua/schema.lua:

a/myboard.lua:

@ROOT@/recipes/hypervisor-host.lua:

lib\ \#1\ $$x/common.lua:

lib\ \#1\ $$x/guests/g1.lua:

@ROOT@/recipes/guests/qnx-aarch64.lua:

a:

lib\ \#1\ $$x:

lib\ \#1\ $$x/guests:

@ROOT@/boards:

@ROOT@/boards/guests:
