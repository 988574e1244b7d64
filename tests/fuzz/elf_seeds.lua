-- SPDX-License-Identifier: MIT
-- elf_seeds.lua DIR: writes the seed corpus of the ELF reader's fuzz target
-- (fuzz_elf.c) into DIR: small ELF files of both classes and both byte
-- orders, with and without a dynamic section (DT_NEEDED, DT_SONAME,
-- DT_STRTAB in a PT_LOAD segment), and each of them cut short and with a
-- field pointing past its end, so that every check of src/load/elf.c has an
-- input that reaches it. The layout is the System V ABI's.
local dir = assert(arg[1], "usage: lua5.4 elf_seeds.lua DIR")

-- One ELF file: class 32 or 64, big-endian or not; with dyn, a PT_LOAD
-- segment over the whole file and a PT_DYNAMIC one naming libfoo.so.1
-- (needed) and libbar.so.2 (soname).
local function elf(bits, be, machine, dyn)
  local e = be and ">" or "<"
  local w = bits == 64 and "I8" or "I4"
  local ehsize, phentsize = bits == 64 and 64 or 52, bits == 64 and 56 or 32
  local phnum = dyn and 2 or 0
  local phoff = dyn and ehsize or 0
  local strtab = "\0libfoo.so.1\0libbar.so.2\0"
  local dynent = bits == 64 and 16 or 8
  local dynoff = ehsize + phnum * phentsize
  local dynsz = 5 * dynent
  local stroff = dynoff + dynsz
  local total = stroff + #strtab
  local ident = "\127ELF" .. string.char(bits == 64 and 2 or 1, be and 2 or 1, 1, 0) .. ("\0"):rep(8)
  local hdr = ident .. string.pack(e .. "I2I2I4" .. w .. w .. w .. "I4I2I2I2I2I2I2",
    dyn and 3 or 2, machine, 1, 0, phoff, 0, 0, ehsize, phentsize, phnum, 0, 0, 0)
  if not dyn then return hdr end
  local function phdr(type, off, vaddr, size)
    if bits == 64 then
      return string.pack(e .. "I4I4I8I8I8I8I8I8", type, 4, off, vaddr, vaddr, size, size, 8)
    end
    return string.pack(e .. "I4I4I4I4I4I4I4I4", type, off, vaddr, vaddr, size, size, 4, 4)
  end
  local base = 0x10000
  local ph = phdr(1, 0, base, total) .. phdr(2, dynoff, base + dynoff, dynsz)
  local d = ""
  for _, t in ipairs { { 1, 1 }, { 14, 13 }, { 5, base + stroff }, { 10, #strtab }, { 0, 0 } } do
    d = d .. string.pack(e .. w .. w, t[1], t[2])
  end
  return hdr .. ph .. d .. strtab
end

local function write(name, data)
  local f = assert(io.open(dir .. "/" .. name, "wb"))
  f:write(data)
  f:close()
end

os.execute("mkdir -p '" .. dir .. "'")
for _, v in ipairs {
  { "x86_64-le64", 64, false, 62 }, { "aarch64-le64", 64, false, 183 },
  { "arm-le32", 32, false, 40 }, { "ppc-be32", 32, true, 20 }, { "aarch64-be64", 64, true, 183 },
} do
  local name, bits, be, machine = v[1], v[2], v[3], v[4]
  local full = elf(bits, be, machine, true)
  write(name .. "-dyn", full)
  write(name .. "-static", elf(bits, be, machine, false))
  -- cut inside the identification, the header, the program headers, the
  -- dynamic section and the string table
  for _, cut in ipairs { 10, bits == 64 and 60 or 48, bits == 64 and 100 or 70, #full - 30, #full - 3 } do
    write(("%s-cut%d"):format(name, cut), full:sub(1, cut))
  end
end
write("not-elf", "#!/bin/sh\necho hi\n")
write("magic-only", "\127ELF")
write("bad-class", "\127ELF\3\1\1" .. ("\0"):rep(57))
