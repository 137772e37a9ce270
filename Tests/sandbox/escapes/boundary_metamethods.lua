-- escape: values that leave sandbox.run (results, nested results, errors, nested errors, tables the host passed in) carry every metamethod, each writing a file outside the granted folder
-- exit: 0
-- stdout: metamethods tried: 29
-- stdout: __gc refused: true
-- stdout: files written outside: none
-- stdout: host alive
local outside = arg[1] .. "/outside"
local names = {
  "__index", "__newindex", "__tostring", "__call", "__eq", "__lt", "__le", "__concat", "__len", "__unm",
  "__add", "__sub", "__mul", "__div", "__mod", "__pow", "__idiv", "__band", "__bor", "__bxor", "__shl",
  "__shr", "__bnot", "__close", "__pairs", "__name", "__mode", "__metatable", "__gc",
}

-- The sandbox's side: a table whose metamethod `name` writes `outside/<how>-<name>` (refused in
-- the sandbox; a file there means the host ran it on its own terms).
local maker = [[
  local outside, how, name = ...
  local fs = require "fs"
  local function mark() fs.write(outside .. "/" .. how .. "-" .. name, "escaped") return 1 end
  local mt = {}
  if name == "__name" then mt.__name = "escaped" mt.__index = mark
  elseif name == "__mode" then mt.__mode = "k" mt.__index = mark
  elseif name == "__metatable" then mt.__metatable = {__index = mark} mt.__index = mark
  else mt[name] = mark end
  local trap = setmetatable({}, mt)
  local packed = {inner = trap, list = {trap}, f = mark, co = coroutine.create(mark)}
  if how == "result" then return trap
  elseif how == "nested" then return packed
  elseif how == "error" then error(trap)
  elseif how == "nested-error" then error(packed)
  elseif how == "argument" then local t = select(4, ...) t.stored = trap t.f = mark t.co = packed.co
  elseif how == "callback" then local keep = select(5, ...) keep(trap, mark)
  end
]]

-- The host's side: everything a script might do with such a value.
local function exercise(v)
  if type(v) == "function" then pcall(v) return end
  if type(v) == "thread" then pcall(coroutine.resume, v) return end
  local other = v
  pcall(function() return v.x end)
  pcall(function() v.x = 1 end)
  pcall(tostring, v)
  pcall(string.format, "%s", v)
  pcall(v)
  pcall(function() return v == setmetatable({}, getmetatable(v)) end)
  pcall(function() return v == other, v ~= {} end)
  pcall(function() return v < other end)
  pcall(function() return v <= other end)
  pcall(function() return v .. "x", "x" .. v end)
  pcall(function() return #v end)
  pcall(function() return -v end)
  for _, op in ipairs{"+", "-", "*", "/", "%", "^", "//", "&", "|", "~", "<<", ">>"} do
    pcall(load("local a = ... return a " .. op .. " 1, 1 " .. op .. " a"), v)
  end
  pcall(function() return ~v end)
  pcall(function() local c <close> = v end)
  pcall(function() for i in pairs(v) do if i == 3 then break end end end)
  pcall(function() for i in ipairs(v) do if i == 3 then break end end end)
  pcall(function() return getmetatable(v) and getmetatable(v).__index(v, "x") end)
end

local function walk(v, depth)
  exercise(v)
  if type(v) == "table" and depth < 3 then
    for _, x in next, v do walk(x, depth + 1) end
  end
end

local tried, gcRefused = 0, false
for _, name in ipairs(names) do
  tried = tried + 1
  for _, how in ipairs{"result", "nested", "error", "nested-error", "argument", "callback"} do
    local given, kept = {}, {}
    local ok, value = pcall(sandbox.run, maker, {write = {arg[1] .. "/granted"}}, outside, how, name, given,
      function(...) kept[#kept + 1] = table.pack(...) end)
    if name == "__gc" and not ok and tostring(value):find("__gc", 1, true) then gcRefused = true end
    walk(value, 0)
    walk(given, 0)
    walk(kept, 0)
  end
end
collectgarbage()
collectgarbage()

local written = {}
for _, name in ipairs(names) do
  for _, how in ipairs{"result", "nested", "error", "nested-error", "argument", "callback"} do
    local f = io.open(outside .. "/" .. how .. "-" .. name)
    if f then f:close() written[#written + 1] = how .. "-" .. name end
  end
end
print("metamethods tried: " .. tried)
print("__gc refused: " .. tostring(gcRefused))
print("files written outside: " .. (#written == 0 and "none" or table.concat(written, " ")))
print("host alive")
