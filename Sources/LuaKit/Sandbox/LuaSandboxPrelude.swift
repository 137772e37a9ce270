/// The Lua source that builds a sandbox's environment table. It runs as trusted code, once
/// per sandbox, with the real globals, the sandbox's primitives (bound Swift functions that
/// check its policy) and the state-wide tables of read-only views; it returns the environment.
///
/// Everything the sandboxed code can reach is made here: copies of the safe libraries behind
/// read-only views, the guarded base functions, `require` over the sandbox's own `package`,
/// and read-only views of the host modules it was given (`hdc`). The real functions sit in
/// upvalues of these closures, out of reach without `debug`.
enum LuaSandboxPrelude {
    static let chunkName = "=[sandbox]"

    static let source = #"""
local G, P, S, opts = ...
local type, next, select, error, pcall, rawget, rawset, rawequal, tostring, ipairs =
  G.type, G.next, G.select, G.error, G.pcall, G.rawget, G.rawset, G.rawequal, G.tostring, G.ipairs
local setmetatable, getmetatable, load, loadfile = G.setmetatable, G.getmetatable, G.load, G.loadfile
local format, find, unpack = G.string.format, G.string.find, G.table.unpack
local forbid = P.forbid

local env = {}
-- Metatables the sandboxed code set itself: those it may read back and change.
local owned = setmetatable({}, {__mode = "k"})

-- A read-only view of a host table: reads go through (tables read as views too), writes
-- are refused, and the view has no metatable a script can reach. In the metatables of the
-- host's values (S.sealed: userdata types, hdc.Error, the string metatable …), functions read
-- as nil: the host's metamethods act on its values, and are not called by hand.
local function readonly(t, name)
  local view = S.views[t]
  if view then return view end
  local hidden = S.hidden[t]
  local sealed = S.sealed
  name = name or "a table of the host"
  view = {}
  S.views[t] = view
  S.locked[view] = name
  local function concealed(k, v)
    return (hidden and hidden[k]) or (type(v) == "function" and sealed[t])
  end
  setmetatable(view, {
    __index = function(_, k)
      local v = t[k]
      if concealed(k, v) then return nil end
      if type(v) == "table" then
        return readonly(v, type(k) == "string" and name .. "." .. k or nil)
      end
      return v
    end,
    __newindex = function(_, k)
      forbid(format("changing the read-only table '%s' (field '%s')", name, tostring(k)))
    end,
    __pairs = function()
      return function(_, k)
        local nk, nv = next(t, k)
        while nk ~= nil and concealed(nk, nv) do nk, nv = next(t, nk) end
        if type(nv) == "table" then nv = readonly(nv) end
        return nk, nv
      end, view, nil
    end,
    __len = function() return #t end,
    __metatable = false,
  })
  return view
end

-- A read-only view of a table of the sandbox's own (a copy of a library): fast reads.
local function frozen(copy, name)
  local view = setmetatable({}, {
    __index = copy,
    __newindex = function(_, k)
      forbid(format("changing the read-only table '%s' (field '%s')", name, tostring(k)))
    end,
    __pairs = function() return next, copy, nil end,
    __len = function() return #copy end,
    __metatable = false,
  })
  S.locked[view] = name
  S.backing[view] = copy
  return view
end

-- A library the sandbox does not have: any use says so.
local function absent(name, advice)
  local view = setmetatable({}, {
    __index = function(_, k) forbid(format("%s.%s%s", name, tostring(k), advice)) end,
    __newindex = function(_, k) forbid(format("%s.%s%s", name, tostring(k), advice)) end,
    __metatable = false,
  })
  S.locked[view] = name
  return view
end

local function copy(lib, skip)
  local c = {}
  for k, v in next, lib do
    if not (skip and skip[k]) then c[k] = v end
  end
  return c
end

-- Functions that will run in a new coroutine or task are marked as the sandbox's when they
-- start, so its limits and permissions follow them there.
local mark = P.mark
local function marked(f)
  if type(f) ~= "function" or not mark then return f end
  return function(...)
    mark()
    return f(...)
  end
end

-- The base library.
for _, k in ipairs{"assert", "error", "ipairs", "next", "pairs", "pcall", "print", "select",
                   "tonumber", "tostring", "type", "rawequal", "rawlen", "rawget", "warn", "_VERSION"} do
  env[k] = G[k]
end
env._G = env

-- print through the host's filter, when it has one (its redaction of what is shown).
if P.write_output then
  local write_output, concat, pack = P.write_output, G.table.concat, G.table.pack
  function env.print(...)
    local args = pack(...)
    for i = 1, args.n do args[i] = tostring(args[i]) end
    write_output(concat(args, "\t", 1, args.n) .. "\n")
  end
end

function env.rawset(t, k, v)
  if S.locked[t] then
    forbid(format("changing the read-only table '%s' (field '%s')", S.locked[t], tostring(k)))
  end
  return rawset(t, k, v)
end

function env.getmetatable(v)
  local mt = getmetatable(v)
  if type(mt) ~= "table" or owned[mt] then return mt end
  return readonly(mt, "a metatable of the host")
end

function env.setmetatable(t, mt)
  if type(t) == "table" then
    if S.locked[t] then
      forbid(format("changing the metatable of the read-only table '%s'", S.locked[t]))
    end
    local current = getmetatable(t)
    if current ~= nil and not owned[current] then
      forbid("changing the metatable of a table the sandbox did not make")
    end
  end
  if type(mt) == "table" then
    if rawget(mt, "__gc") ~= nil then
      forbid("a __gc metamethod (finalizers run where no limit can stop them)")
    end
    owned[mt] = true
    S.owned[mt] = true
  end
  return setmetatable(t, mt)
end

local collect = G.collectgarbage
local harmless = {count = true, collect = true, step = true, isrunning = true}
function env.collectgarbage(option, ...)
  if option == nil or harmless[option] then return collect(option, ...) end
  forbid(format("collectgarbage(%q)", tostring(option)))
end

-- Text chunks only: bytecode is not checked by Lua and can corrupt the interpreter.
local function textOnly(f, message)
  if f == nil and type(message) == "string" and find(message, "binary chunk", 1, true) then
    return nil, "sandbox: loading a binary chunk (bytecode) is not allowed in the sandbox"
  end
  return f, message
end

function env.load(chunk, name, mode, ...)
  local e = env
  if select("#", ...) > 0 then e = ... end
  return textOnly(load(chunk, name, "t", e))
end

function env.loadfile(path, mode, ...)
  if path == nil then forbid("loadfile() of standard input") end
  if type(path) ~= "string" then
    error(format("bad argument #1 to 'loadfile' (string expected, got %s)", type(path)), 2)
  end
  local real = P.check_read(path)
  local e = env
  if select("#", ...) > 0 then e = ... end
  return textOnly(loadfile(real, "t", e))
end

function env.dofile(path)
  if path == nil then forbid("dofile() of standard input") end
  local f, message = env.loadfile(path)
  if not f then error(message, 2) end
  return f()
end

-- Libraries: copies behind read-only views, so nothing the sandbox does to them reaches the host.
env.string = frozen(copy(G.string, {dump = true}), "string")
env.table = frozen(copy(G.table), "table")
env.math = frozen(copy(G.math), "math")
env.utf8 = frozen(copy(G.utf8), "utf8")

-- An error a limit raises leaves Lua's hooks off in that thread until a pcall or resume
-- catches it. Code Lua would run before that point (xpcall's handler; the __close handlers
-- of a coroutine that died, when it is closed) would be out of every limit's reach, so the
-- sandbox runs the handler after the unwinding, and never closes a dead coroutine.
local pack = G.table.pack
function env.xpcall(f, handler, ...)
  local results = pack(pcall(f, ...))
  if results[1] then return unpack(results, 1, results.n) end
  return false, select(2, pcall(handler, results[2]))
end

local co = copy(G.coroutine)
local create, resume, status, close = co.create, co.resume, co.status, co.close
co.create = function(f) return create(marked(f)) end
co.wrap = function(f)
  local thread = create(marked(f))
  return function(...)
    local results = pack(resume(thread, ...))
    if results[1] then return unpack(results, 2, results.n) end
    error(results[2], 2)
  end
end
co.close = function(thread)
  if status(thread) == "dead" then return true end
  return close(thread)
end
env.coroutine = frozen(co, "coroutine")

local os = G.os
local function refuse(name)
  return function() forbid("os." .. name) end
end
env.os = frozen({
  clock = os.clock, date = os.date, difftime = os.difftime, time = os.time,
  getenv = function(name)
    if type(name) ~= "string" then
      error(format("bad argument #1 to 'getenv' (string expected, got %s)", type(name)), 2)
    end
    return P.getenv(name)
  end,
  execute = refuse("execute"), remove = refuse("remove"), rename = refuse("rename"),
  exit = refuse("exit"), tmpname = refuse("tmpname"), setlocale = refuse("setlocale"),
}, "os")
env.io = absent("io", " (files are read and written through fs, in directories the sandbox was granted)")
env.debug = absent("debug", "")

-- Host modules the sandbox was given, as read-only views; the functions named in
-- opts.starters run their function arguments in new tasks, which are marked as the sandbox's.
local loaded, preload = {}, {}
for name, starters in next, opts.modules do
  local real = G[name]
  if type(real) == "table" then
    local view = readonly(real, name)
    if mark and #starters > 0 then
      local own = {}
      for _, fname in ipairs(starters) do
        own[fname] = function(...)
          local n, args = select("#", ...), {...}
          for i = 1, n < 2 and n or 2 do
            if type(args[i]) == "function" then
              args[i] = marked(args[i])
              break
            end
          end
          return real[fname](unpack(args, 1, n))
        end
      end
      local outer = view
      view = setmetatable({}, {
        __index = function(_, k)
          local v = own[k]
          if v ~= nil then return v end
          return outer[k]
        end,
        __newindex = function(_, k)
          forbid(format("changing the read-only table '%s' (field '%s')", name, tostring(k)))
        end,
        __pairs = function() return G.pairs(outer) end,
        __metatable = false,
      })
      S.locked[view] = name
    end
    env[name] = view
    loaded[name] = view
  end
end
for _, name in ipairs(opts.preloads) do
  local loader = G.package.preload[name]
  if loader then preload[name] = loader end
end

for _, name in ipairs{"string", "table", "math", "utf8", "coroutine", "os"} do
  loaded[name] = env[name]
end
loaded._G = env

-- require: hwsubmit's stdlib, the granted directories, the host modules given; each module
-- loaded from a file runs inside the sandbox.
function env.require(name)
  if type(name) ~= "string" then
    error(format("bad argument #1 to 'require' (string expected, got %s)", type(name)), 2)
  end
  local value = loaded[name]
  if value ~= nil then return value end
  local loader, extra = preload[name], ":preload:"
  if loader == nil then
    local top, rest = name:match("^([^.]+)%.(.+)$")
    if top and loaded[top] ~= nil and opts.modules[top] then
      local v = loaded[top]
      for part in rest:gmatch("[^.]+") do
        if type(v) ~= "table" then v = nil break end
        v = v[part]
      end
      if v ~= nil then
        loaded[name] = v
        return v
      end
    end
    local path, message = P.find_module(name)
    if not path then error(format("module '%s' not found:%s", name, message), 2) end
    local f, lerr = loadfile(path, "t", env)
    if not f then
      if find(lerr, "binary chunk", 1, true) then
        forbid(format("loading the module '%s' from a binary chunk (bytecode)", name))
      end
      error(format("error loading module '%s' from file '%s':\n\t%s", name, path, lerr), 2)
    end
    loader, extra = f, path
  end
  local result = loader(name, extra)
  if result ~= nil then
    loaded[name] = result
  elseif loaded[name] == nil then
    loaded[name] = true
  end
  return loaded[name], extra
end

env.package = frozen({
  loaded = loaded, preload = preload, path = P.module_path, cpath = "",
  config = G.package.config,
}, "package")
loaded.package = env.package

return env
"""#
}
