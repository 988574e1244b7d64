-- SPDX-License-Identifier: MIT
-- schema.lua: every field a recipe may set, as data. The C core reads this
-- table once; it is the single source of truth for names, types, defaults
-- and the one-line documentation of each field.
--
-- A type is a table with `type` one of:
--   string, integer, boolean, address (integer, or a string such as "20m"),
--   size (integer, or a string with a K/M/G suffix), perms (octal string,
--   "*" or symbolic), enum (`values`), list (`of`), map (`of`: any names),
--   record (`fields`, a list of fields; `items`: the type of its positional
--   part, if it has one), oneof (`types`: chosen by the kind of the value).
-- A field is a type plus `name`, `doc`, and optionally `required`,
-- `default`, `arch` (architectures that allow it) and `qnx` (versions).

local string_t  = { type = "string" }
local int_t     = { type = "integer" }
local bool_t    = { type = "boolean" }
local strings_t = { type = "list", of = string_t }

local function field(name, t, doc, extra)
  local f = { name = name, doc = doc }
  for k, v in pairs(t) do f[k] = v end
  for k, v in pairs(extra or {}) do f[k] = v end
  return f
end

-- Attributes of an image entry, written in its one bracket group.
local file_attributes = {
  field("uid", { type = "oneof", types = { int_t, string_t } }, "owner id, or \"*\" to take it from the host file"),
  field("gid", { type = "oneof", types = { int_t, string_t } }, "group id, or \"*\" to take it from the host file"),
  field("perms", { type = "perms" }, "permissions: an octal string such as \"0755\", \"*\", or symbolic (u+x)"),
  field("dperms", { type = "perms" }, "permissions of directories mkifs creates"),
  field("search", strings_t, "host directories searched for the file, in order"),
  field("optional", bool_t, "a missing host file is a warning (true) or an error (false)"),
  field("keeplinked", bool_t, "keep the relinked program as NAME.sym"),
  field("autolink", bool_t, "store shared objects under their SONAME with a link"),
  field("followlink", bool_t, "follow host symlinks when including a directory"),
  field("dupignore", bool_t, "ignore a duplicate entry"),
  field("data", { type = "enum", values = { "c", "copy", "u", "uip" } }, "copy the data segment when run, or use it in place"),
  field("code", { type = "enum", values = { "c", "copy", "u", "uip" } }, "copy the code segment when run, or use it in place"),
  field("prefix", string_t, "directory for relative target names"),
  field("autoso", { type = "enum", values = { "none", "list", "add", "n", "l", "a" } }, "find missing shared libraries: none, list or add them"),
}

local function with_attributes(fields)
  local out = {}
  for _, f in ipairs(fields) do out[#out + 1] = f end
  for _, f in ipairs(file_attributes) do out[#out + 1] = f end
  return out
end

local command_t = {
  type = "record",
  items = string_t,
  min_items = 1,
  fields = with_attributes {
    field("modules", strings_t, "kernel modules bound into procnto: [module=NAME] for each"),
  },
}

local script_line_t = {
  type = "oneof",
  types = {
    string_t,
    {
      type = "record",
      items = string_t,
      fields = {
        field("bg", bool_t, "run in the background (a trailing &)"),
        field("session", bool_t, "make the process a session leader ([+session])"),
        field("pri", { type = "oneof", types = { int_t, string_t } }, "priority and policy, e.g. 10 or \"10r\" ([pri=...])"),
        field("cpu", int_t, "bind the command to this CPU ([cpu=N])"),
        field("argv0", string_t, "argv[0] of the command ([argv0=...])"),
        field("external", bool_t, "run the program even if an internal command has its name"),
        field("env", { type = "map", of = { type = "oneof", types = { string_t, strings_t } } },
              "variables set for this command, or for every later one on a line of their own"),
      },
    },
  },
}

local file_t = {
  type = "oneof",
  types = {
    { type = "boolean", only = true, doc = "true: the file of that name, found on the search path" },
    string_t,
    {
      type = "record",
      items = string_t,
      max_items = 1,
      fields = with_attributes {
        field("contents", string_t, "the file's contents, written inline"),
        field("link", string_t, "make a symbolic link to this path"),
        field("dir", bool_t, "make an empty directory"),
        field("type", { type = "enum", values = { "file", "link", "fifo", "dir" } }, "kind of entry to create"),
      },
    },
  },
}

local board = {
  type = "record",
  fields = {
    field("include", strings_t, "recipes this one builds on, in order"),
    field("description", string_t, "one line about the board, shown in the header"),
    field("arch", { type = "enum", values = { "aarch64le", "x86_64", "armle-v7" } },
          "CPU of the host image ([virtual=ARCH,...])", { required = true }),
    field("qnx", { type = "enum", values = { "7.1", "8.0" } }, "QNX SDP release the image is for", { default = "7.1" }),
    field("image", {
      type = "record",
      fields = {
        field("base", { type = "address" }, "where the image starts in memory ([image=...])"),
        field("format", { type = "enum", values = { "raw", "binary", "elf", "srec", "bios", "multiboot", "uefi",
                                                   "raw64k", "binary64k", "elf64k", "srec64k" } },
              "boot file of the image ([virtual=ARCH,FORMAT])", { required = true }),
        field("compress", { type = "oneof", types = { bool_t, int_t } },
              "compress the image: true, false, or 1 (zlib), 2 (LZO), 3 (UCL)"),
        field("bootname", string_t, "name of the bootstrap file in the buildfile", { default = "boot" }),
        field("scriptname", string_t, "name of the startup script in the buildfile", { default = "startup-script" }),
      },
    }, "the image as a whole", { required = true }),
    field("attributes", { type = "record", fields = file_attributes },
          "attributes for every entry of the image: one global attribute line"),
    field("startup", command_t, "the startup program and its options: the first line of the bootstrap",
          { required = true }),
    field("kernel", command_t, "procnto and its options: the last line of the bootstrap", { required = true }),
    field("env", { type = "map", of = { type = "oneof", types = { string_t, strings_t } } },
          "environment of procnto and every program it starts (a list is joined with ':')"),
    field("hypervisor", {
      type = "record",
      fields = {
        field("enable", bool_t, "this image is a QNX Hypervisor host", { default = false }),
        field("safety", bool_t, "use the safety-certified hypervisor (QHS): qvm-safety, aps-safety, -safety kernel",
              { default = false }),
      },
    }, "the hypervisor host"),
    field("script", { type = "list", of = script_line_t }, "the startup script, one entry per line"),
    field("files", { type = "map", of = file_t }, "the files of the image, keyed by their path in the image"),
  },
}

local fragment = { type = "record", fields = board.fields }

return {
  version = 1,
  board = board,
  fragment = fragment,
}
