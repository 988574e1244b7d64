-- SPDX-License-Identifier: MIT
-- readme_test.lua BINARY ROOT [--bless]: README.md is tested.
--
-- The conventions of README.md, for whoever adds a section:
--
-- * A ```console block is a transcript: each line that starts with "$ " is
--   a command, the lines after it (up to the next "$ " line or the end of
--   the block) are what it prints: its standard output, then its standard
--   error (the tool prints its diagnostics and summary lines last). Every
--   console block is run here, in order, and must print exactly that. A
--   command that should fail shows it with "; echo $?" or "|| ..." as a
--   person would; a non-zero exit of the last command is not itself a
--   failure (the transcript shows what happened).
-- * A ```lua block whose first line is "-- PATH" (a relative path ending in
--   .lua) is a file of the transcripts: it is written to PATH before the
--   console blocks after it run. Any other lua block is only shown.
-- * ```sh blocks (the build commands, long runs) and ```text blocks (a
--   synopsis, figures measured once) are shown, not run: show output only
--   in console blocks. A transcript that needs what the scratch folder
--   cannot hold (the sysroot of "Will it boot?", ELF files built with gcc)
--   is a plain ``` block, checked by the test that builds it
--   (tests/sysroot_test.sh, its "readme" case).
-- * The commands run with `mkbuildfile` on PATH (this build's binary), in a
--   scratch folder that holds a copy of examples/ and the files of the lua
--   blocks, so that no command touches a tracked file.
-- * Counts stated in the README come from the suite: each entry of `counts`
--   below is a pattern of README.md whose number must equal what the
--   command beside it counts.
--
-- --bless rewrites the console blocks of README.md with what their commands
-- print now: write the commands of a new block, run it, and read the diff
-- (git diff README.md) before you commit it.
-- Ends with "N passed, M failed".
local bin, root, mode = arg[1], arg[2], arg[3]
assert(bin and root, "usage: lua5.4 readme_test.lua BINARY ROOT [--bless]")

local function sh_quote(s) return "'" .. s:gsub("'", "'\\''") .. "'" end

local function capture(cmd)
  local p = assert(io.popen(cmd, "r"))
  local out = p:read("a")
  p:close()
  return out
end

local function write(path, text)
  local f = assert(io.open(path, "wb"))
  f:write(text)
  f:close()
end

local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

local readme = read(root .. "/README.md")
local bindir = bin:match("^(.*)/[^/]*$") or "."
local scratch = capture("mktemp -d"):gsub("%s+$", "")
assert(os.execute("cp -R " .. sh_quote(root .. "/examples") .. " " .. sh_quote(scratch)))

local pass, fail = 0, 0
local function failed(what, detail)
  fail = fail + 1
  io.write("FAIL ", what, "\n", detail or "", "\n")
end

-- Runs one command of a transcript; returns stdout .. stderr.
local function run(cmd)
  local env = "unset MKBUILDFILE_PATH NO_COLOR MKIFS; PATH=" .. sh_quote(bindir) .. ":$PATH; export PATH; "
  os.execute("cd " .. sh_quote(scratch) .. " && (" .. env .. cmd .. ") >.readme.out 2>.readme.err")
  local got = read(scratch .. "/.readme.out") .. read(scratch .. "/.readme.err")
  os.remove(scratch .. "/.readme.out")
  os.remove(scratch .. "/.readme.err")
  return got
end

local function diff(want, got)
  write(scratch .. "/.want", want)
  write(scratch .. "/.got", got)
  local d = capture("cd " .. sh_quote(scratch) .. " && diff -u .want .got | head -40")
  os.remove(scratch .. "/.want")
  os.remove(scratch .. "/.got")
  return d
end

-- The transcript of a console block: { {cmd=..., want=...}, ... }.
local function transcript(body)
  local steps = {}
  for line in body:gmatch("([^\n]*)\n") do
    local cmd = line:match("^%$ (.*)$")
    if cmd then
      steps[#steps + 1] = { cmd = cmd, want = "" }
    elseif #steps > 0 then
      steps[#steps].want = steps[#steps].want .. line .. "\n"
    end
  end
  return steps
end

local nblock = 0
-- Each block in order (gsub calls in order); returns the block as it is,
-- or, with --bless, a console block with what its commands print now.
local blessed = readme:gsub("\n```(%w*)\n(.-\n)```", function(lang, body)
  nblock = nblock + 1
  if lang == "lua" then
    local path = body:match("^%-%- ([%w_./-]+%.lua)\n")
    if path then
      assert(not path:match("^/") and not path:match("%.%."), "README file outside the scratch folder: " .. path)
      os.execute("mkdir -p " .. sh_quote(scratch .. "/" .. (path:match("^(.*)/") or ".")))
      write(scratch .. "/" .. path, body)
    end
  elseif lang == "console" then
    local now = ""
    for _, step in ipairs(transcript(body)) do
      local got = run(step.cmd)
      now = now .. "$ " .. step.cmd .. "\n" .. got
      if got == step.want then
        pass = pass + 1
      elseif mode ~= "--bless" then
        failed("README block " .. nblock .. ": $ " .. step.cmd, diff(step.want, got))
      end
    end
    return "\n```console\n" .. now .. "```"
  end
end)
if mode == "--bless" then write(root .. "/README.md", blessed) end

-- Counts the README states, each checked against the suite: a pattern of
-- README.md capturing a number (or a number word), and the command that
-- counts it.
local counts = {
  { "the CLI golden cases %((%d+),", "ls -d " .. sh_quote(root) .. "/tests/cases/*/cmd | wc -l" },
  { "scripts (%a+) boards with a Lua loop",
    sh_quote(bin) .. " list -I " .. sh_quote(root .. "/examples/family") .. " | grep -c '^acme-r'" },
}
local words = { six = 6, seven = 7, eight = 8, nine = 9, ten = 10 }
for _, c in ipairs(counts) do
  local stated = readme:match(c[1])
  local n = tonumber((capture(c[2]):match("(%d+)%s*$")))
  local want = tonumber(stated) or words[stated or ""]
  if stated and want == n then
    pass = pass + 1
  else
    failed("README count '" .. c[1] .. "'",
           "README says " .. tostring(stated) .. ", the suite counts " .. tostring(n))
  end
end

os.execute("rm -rf " .. sh_quote(scratch))
print(pass .. " passed, " .. fail .. " failed")
os.exit(fail == 0 and 0 or 1)
