-- SPDX-License-Identifier: MIT
-- Every wire of the worked hypervisor product (examples/hypervisor), end to
-- end: the rendered files are parsed back, and for each connection a guest
-- configuration declares, the host side it needs is looked up in the host's
-- buildfile (and in the data partition's manifest), in the order the host
-- must run it: everything a guest needs before the line that starts it.
local h = require "spec.helpers"

local function shq(s) return "'" .. s:gsub("'", "'\\''") .. "'" end

local function read(path)
  local f = io.open(path, "rb")
  if not f then return nil end
  local s = f:read("a")
  f:close()
  return s
end

-- Renders the product's boards into a fresh folder.
local function render_product()
  local dir = h.tmpdir()
  local cmd = ("%s render acme-hyp80 acme-pc71 -I %s -o %s 2>/dev/null"):format(
    shq(h.bin()), shq(h.ROOT .. "/examples/hypervisor"), shq(dir))
  assert(os.execute(cmd), "the product renders")
  return dir
end

-- A buildfile: its procnto line, its script lines (quotes dropped), and its
-- entries by target path (an inline file's text as its value).
local function parse_build(text)
  local b = { script = {}, files = {}, boot = {} }
  local section
  local inline, inline_text
  for line in text:gmatch("([^\n]*)\n") do
    if inline then
      if line == "}" then
        b.files[inline] = inline_text
        inline = nil
      else
        inline_text = inline_text .. line .. "\n"
      end
    elseif line:match("^%[virtual=") then
      section = "boot"
    elseif line:match("^%[%+script%]") then
      section = "script"
    elseif line == "}" then
      section = "files"
    elseif section == "boot" then
      b.boot[#b.boot + 1] = line
    elseif section == "script" then
      b.script[#b.script + 1] = (line:gsub('"', ""):gsub("^%s+", ""))
    elseif line ~= "" and not line:match("^#") then
      local target = line:gsub("^%[[^%]]*%]%s*", "")
      local t, rest = target:match("^(%S+)%s*=%s*(.*)$")
      if t and rest == "{" then
        inline, inline_text = t, ""
      elseif t then
        b.files[t] = rest
      else
        b.files[target] = true
      end
    end
  end
  return b
end

-- A .qvmconf: system, loads, vdevs (type and options, in order), passes.
local function parse_qvmconf(text)
  local q = { vdevs = {}, loads = {}, passes = {} }
  local cur
  for line in text:gmatch("([^\n]*)\n") do
    local word, rest = line:match("^(%S+)%s*(.*)$")
    if line:match("^%s") and cur then
      local k, v = line:match("^%s+(%S+)%s*(.*)$")
      cur[k] = v
    elseif word == "system" then
      q.system = rest
    elseif word == "vdev" then
      cur = { type = rest }
      q.vdevs[#q.vdevs + 1] = cur
    elseif word == "pass" then
      cur = {}
      q.passes[#q.passes + 1] = cur
    elseif word == "load" or (rest and rest:match("^load ")) then
      q.loads[#q.loads + 1] = line:match("(%S+)$")
      cur = nil
    elseif word and not word:match("^#") then
      cur = nil
    end
  end
  return q
end

-- The index of the first script line matching pattern (plain text), or nil.
local function find(script, text)
  for i, l in ipairs(script) do
    if l:find(text, 1, true) then return i end
  end
end

local function has_file(b, name)
  for t, v in pairs(b.files) do
    if t == name or t:match("[^/]+$") == name or (type(v) == "string" and v:match("[^/]+$") == name) then
      return true
    end
  end
  return false
end

-- The board's data partition manifest: partition path -> host file.
local function parse_data(text)
  local m = {}
  for line in (text or ""):gmatch("([^\n]*)\n") do
    local t, s = line:match("^(/%S+)=(%S+)$")
    if t then m[t] = s end
  end
  return m
end

-- The guests of a rendered board, by system name, with the index of the
-- script line that starts each and, for one on the data partition, its
-- folder there.
local function guests_of(dir, b, names)
  local out = {}
  for _, name in ipairs(names) do
    local q = parse_qvmconf(assert(read(("%s/guests/%s/%s.qvmconf"):format(dir, name, name))))
    q.name = name
    q.start = find(b.script, "qvm @/vm/config/" .. name .. ".qvmconf")
    if not q.start then
      q.start = find(b.script, "&& qvm @" .. name .. ".qvmconf")
      q.dir = q.start and b.script[q.start]:match("cd (%S+) &&")
    end
    assert(q.start, "a script line starts guest " .. name)
    out[q.system] = q
  end
  return out
end

local function check_net(b, guests, qnx)
  local checked = 0
  for sys, q in pairs(guests) do
    for _, v in ipairs(q.vdevs) do
      if v.type == "virtio-net" then
        assert.is_truthy(v.name, "a NIC of " .. sys .. " has a name")
        assert.is_truthy(v.mac, "a NIC of " .. sys .. " has a MAC")
        local vp = v.peer:match("^/dev/vdevpeers/(%S+)$")
        local osys, oname = v.peer:match("^/dev/qvm/([^/]+)/(%S+)$")
        local mine = ("/dev/qvm/%s/%s"):format(sys, v.name)
        if vp and qnx == "8.0" then
          local stack = find(b.script, "io-sock")
          local create = find(b.script, "ifconfig " .. vp .. " create up")
          local bind = find(b.script, ("vpctl %s peer=%s bind=/dev/vdevpeers/%s"):format(vp, mine, vp))
          assert.is_truthy(stack and create and bind, sys .. "'s " .. v.name .. " is bound on the host")
          assert.is_truthy(b.script[stack]:find("-m vdevpeer-net", 1, true))
          assert.is_true(stack < create and create < bind and bind < q.start)
          local bridge = find(b.script, "ifconfig bridge0 create up addm genet0")
          assert.is_truthy(bridge and b.script[bridge]:find("addm " .. vp, 1, true))
          assert.is_true(bridge < q.start)
          assert.is_true(has_file(b, "mods-vdevpeer-net.so") and has_file(b, "vpctl"))
        elseif vp then
          local stack = find(b.script, "io-pkt-v6-hc -d vdevpeer-net")
          assert.is_truthy(stack, "io-pkt runs the vdevpeer driver")
          assert.is_truthy(b.script[stack]:find(("peer=%s,bind=/dev/vdevpeers/%s,mac="):format(mine, vp), 1, true))
          local up = find(b.script, "ifconfig " .. vp .. " up")
          assert.is_true(stack < up and up < q.start)
          assert.is_true(has_file(b, "devnp-vdevpeer-net.so") and has_file(b, "io-pkt-v6-hc"))
        else
          local other = assert(guests[osys], sys .. "'s " .. v.name .. " peers with a guest of the board")
          local found = false
          for _, w in ipairs(other.vdevs) do
            if w.type == "virtio-net" and w.name == oname then
              assert.are.equal(mine, w.peer)
              found = true
            end
          end
          assert.is_true(found, osys .. " has the NIC " .. oname)
        end
        checked = checked + 1
      end
    end
  end
  return checked
end

local function check_disks(b, guests, data)
  local checked = 0
  for sys, q in pairs(guests) do
    for _, v in ipairs(q.vdevs) do
      local prefix = v.type == "virtio-blk" and v.hostdev and v.hostdev:match("^/dev/(%a+)0$")
      if prefix then
        local driver = find(b.script, "prefix=" .. prefix) or find(b.script, "name=" .. prefix)
        local wait = find(b.script, "waitfor /dev/" .. prefix .. "0")
        assert.is_truthy(driver and wait, sys .. "'s disk is made by the host")
        assert.is_true(driver < wait and wait < q.start)
        local file = b.script[driver]:match("fd=(%S+)")
        if file then
          assert.is_truthy(data[file] or b.files[file], "the loopback disk's file is on the host")
          local mount = find(b.script, "mount -t")
          if data[file] then assert.is_true(mount < driver) end
        end
        assert.is_true(has_file(b, b.script[driver]:match("^(%S+)")))
        checked = checked + 1
      end
    end
  end
  return checked
end

local function check_partition(b, guests, data)
  local checked = 0
  for sys, q in pairs(guests) do
    if q.dir then
      local wait, mount = find(b.script, "waitfor /dev/sd0t179"), find(b.script, "mount -t qnx6 /dev/sd0t179 /")
      assert.is_true(wait < mount and mount < q.start)
      assert.are.equal(("guests/%s/%s.qvmconf"):format(q.name, q.name), data[q.dir .. "/" .. q.name .. ".qvmconf"])
      for _, l in ipairs(q.loads) do
        assert.is_truthy(data[q.dir .. "/" .. l], sys .. " loads " .. l .. " from its folder")
        assert.is_nil(b.files[q.dir .. "/" .. l], "and it is not in the host image")
      end
      assert.is_nil(b.files["/vm/config/" .. q.name .. ".qvmconf"])
      checked = checked + 1
    end
  end
  return checked
end

local function check_pci(b, guests)
  local checked = 0
  for _, q in pairs(guests) do
    for _, p in ipairs(q.passes) do
      if p.loc and p.loc:match("^pci:") then
        local server = find(b.script, "pci-server --config=")
        assert.is_truthy(server, "pci-server runs with its configuration")
        local cfg = b.script[server]:match("%-%-config=(%S+)")
        local hw = assert(b.files[cfg]):match("PCI_HW_MODULE=(%S+)")
        assert.is_truthy(hw and hw:match("^/lib/dll/pci/"), "PCI_HW_MODULE is set, from /lib/dll/pci")
        assert.is_truthy(b.files[hw])
        assert.is_truthy(b.files["/lib/dll/pci/pci_server-qvm_support.so"])
        assert.is_truthy(b.boot[2]:match("LD_LIBRARY_PATH=%S*/lib/dll/pci"))
        assert.is_true(server < find(b.script, "waitfor /dev/pci") and server < q.start)
        checked = checked + 1
      end
    end
  end
  return checked
end

describe("the worked hypervisor product", function()
  local dir
  setup(function() dir = render_product() end)
  teardown(function() h.rmtree(dir) end)

  it("wires acme-hyp80 (QNX 8.0): NICs to the host through bridge0, guest to guest, a host-made disk, guests on the data partition", function()
    local b = parse_build(assert(read(dir .. "/acme-hyp80.build")))
    local data = parse_data(read(dir .. "/acme-hyp80-data.build"))
    local guests = guests_of(dir, b, { "cluster", "infotainment" })
    assert.are.equal(4, check_net(b, guests, "8.0"))
    assert.are.equal(1, check_disks(b, guests, data))
    assert.are.equal(2, check_partition(b, guests, data))
    -- the vdev library of a guest started by hand stays
    assert.is_truthy(b.files["/lib/dll/vdev-virtio-entropy.so"])
  end)

  it("wires acme-pc71 (QNX 7.1): the PCI device passed to the Linux guest, and its NIC to the host", function()
    local b = parse_build(assert(read(dir .. "/acme-pc71.build")))
    local guests = guests_of(dir, b, { "qnx71-x86", "gateway" })
    assert.are.equal(1, check_pci(b, guests))
    assert.are.equal(1, check_net(b, guests, "7.1"))
    assert.is_nil(read(dir .. "/acme-pc71-data.build"), "no data partition, no manifest")
  end)
end)
