/// The Lua source of a sandbox's boundary with trusted code: `enter(f, ...)`, the one way
/// trusted code calls into a sandbox, and the copies and wrappers that keep values crossing
/// it from running code on the wrong side's terms.
///
/// Going in (the arguments of `enter`): tables are copied (their metatables kept: the host's
/// metamethods run on the sandbox's thread, under its limits), and the host's functions are
/// wrapped so that what the sandbox passes them comes out, and what they return goes in,
/// the same way. So a sandbox cannot store a function of its own into a table of the host's.
///
/// Coming out (results and errors): tables are copied with `next` (no `__pairs`, no
/// `__index` of the sandbox's runs), metatables a sandbox set are dropped (the host's, such
/// as `hdc.Error` and the JSON markers, are kept), the tables behind the read-only views of
/// the sandbox's library copies are copied too, functions are wrapped so that calling them
/// enters the sandbox again, and coroutines are replaced by proxies whose `resume` resumes
/// the sandbox's coroutine inside the sandbox. An error object with a metatable of the
/// sandbox's becomes the string its `__tostring` makes, run inside the sandbox.
///
/// All of this copying runs inside the sandbox, as part of the call: it counts against the
/// sandbox's limits, not the host's. The chunk returns `enter` and `deliver(ok, ...)`, which
/// exports the outcome of code of the sandbox's that ended elsewhere (a task it spawned,
/// waited for by trusted code).
enum LuaSandboxBoundaryPrelude {
    static let chunkName = "=[sandbox boundary]"

    static let source = #"""
local G, S, rawEnter, getmetatable, pcall = ...  -- getmetatable: raw, __metatable does not hide
local next, type, select, rawset, setmetatable, tostring, error =
  G.next, G.type, G.select, G.rawset, G.setmetatable, G.tostring, G.error
local pack, unpack = G.table.pack, G.table.unpack
local create, resume, yield, status =
  G.coroutine.create, G.coroutine.resume, G.coroutine.yield, G.coroutine.status
local owned, locked, backing = S.owned, S.locked, S.backing

local function weak() return setmetatable({}, {__mode = "k"}) end
local wrappers, guests = weak(), weak()                   -- the sandbox's functions
local proxies, proxied = weak(), weak()                   -- the sandbox's coroutines
local hosts, guarded = weak(), weak()                     -- the host's functions
local enter, export, import, importAll, deliver

-- Applies `move` to each of the values, with one table of copies for them all.
local function each(move, ...)
  local n = select("#", ...)
  if n == 0 then return end
  local seen = {}
  if n == 1 then return (move((...), seen)) end
  local values = pack(...)
  for i = 1, n do values[i] = move(values[i], seen) end
  return unpack(values, 1, n)
end

local function copy(v, seen, move, keepMetatable)
  local c = {}
  seen[v] = c
  for k, x in next, v do
    rawset(c, move(k, seen), move(x, seen))
  end
  local mt = getmetatable(v)
  if type(mt) == "table" and keepMetatable(mt) then setmetatable(c, mt) end
  return c
end

local function hostMetatable(mt) return not owned[mt] end
local function anyMetatable() return true end

-- Resumes a coroutine of the sandbox's (inside it): its error is raised, so that a limit it
-- ran into is reported as the limit; returns whether it has finished, and what it yielded
-- or returned.
local function step(co, ...)
  local results = pack(resume(co, ...))
  if not results[1] then error(results[2], 0) end
  return status(co) == "dead", unpack(results, 2, results.n)
end

-- A coroutine of the sandbox's, as the host sees it: a coroutine of the host's whose every
-- resume resumes the sandbox's one inside the sandbox.
local function proxy(co)
  local p = proxies[co]
  if p then return p end
  p = create(function(...)
    local args = pack(...)
    while true do
      local results = pack(enter(step, co, unpack(args, 1, args.n)))
      if results[1] then return unpack(results, 2, results.n) end
      args = pack(yield(unpack(results, 2, results.n)))
    end
  end)
  proxies[co] = p
  proxied[p] = co
  return p
end

-- The wrapper `make` makes of `f`, made once and remembered in `cache`; `back` leads from
-- the wrapper to `f`, so a value that goes out and comes back in is itself again.
local function wrapper(f, cache, back, make)
  local w = cache[f]
  if w then return w end
  w = make(f)
  cache[f] = w
  back[w] = f
  return w
end

-- A function of the sandbox's, for the host: calling it enters the sandbox.
local function entering(f)
  return function(...) return enter(f, ...) end
end

function export(v, seen)
  local kind = type(v)
  if kind == "function" then return hosts[v] or wrapper(v, wrappers, guests, entering) end
  if kind == "thread" then return proxy(v) end
  if kind ~= "table" then return v end
  local done = seen[v]
  if done then return done end
  if locked[v] then
    local behind = backing[v]
    if behind == nil then return v end
    seen[v] = copy(behind, seen, export, hostMetatable)
    return seen[v]
  end
  return copy(v, seen, export, hostMetatable)
end

-- The outcome of a function of the host's that the sandbox called.
local function settle(ok, ...)
  if ok then return importAll(...) end
  error(import((...), {}), 0)
end

-- A function of the host's, for the sandbox: what the sandbox passes it is exported, what
-- it returns or raises is imported.
local function guarding(f)
  return function(...) return settle(pcall(f, each(export, ...))) end
end

function import(v, seen)
  local kind = type(v)
  if kind == "function" then return guests[v] or wrapper(v, guarded, hosts, guarding) end
  if kind == "thread" then return proxied[v] or v end
  if kind ~= "table" or locked[v] then return v end
  local done = seen[v]
  if done then return done end
  return copy(v, seen, import, anyMetatable)
end

function importAll(...) return each(import, ...) end

-- An error leaving the sandbox: a table with a metatable of the sandbox's becomes what its
-- __tostring says (run here, inside the sandbox); anything else is exported.
local function exportError(e)
  if type(e) == "table" then
    local mt = getmetatable(e)
    if type(mt) == "table" and owned[mt] then
      local ok, text = pcall(tostring, e)
      if ok and type(text) == "string" then return text end
      return "(error object is a table with a metatable of the sandbox's)"
    end
  end
  return export(e, {})
end

local function finish(ok, ...)
  if ok then return true, each(export, ...) end
  return false, exportError((...))
end

-- Runs inside the sandbox: the arguments come in, the outcome goes out.
local function body(f, ...)
  return finish(pcall(f, each(import, ...)))
end

function enter(f, ...)
  local _ = deliver  -- keeps deliver (held weakly by the host) alive as long as enter
  return rawEnter(body, f, ...)
end

-- What code of the sandbox's ended with, handed to trusted code by the host (a task's results
-- or error, for task:wait()): exported inside the sandbox, as a call's outcome is.
local function passValues(_, ...) return true, each(export, ...) end
local function passError(_, e) return false, exportError(e) end
function deliver(ok, ...)
  if ok then return rawEnter(passValues, false, ...) end
  return rawEnter(passError, false, ...)
end

return enter, deliver
"""#
}
