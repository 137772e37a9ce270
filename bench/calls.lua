-- Cost of one call from Lua into a bound Swift function against one into a C function
-- doing the same work (two luaL_checkinteger and an add), in the same process.
local bench = require "hwsubmit.bench"
local swift_add, c_add = bench.swift_add, bench.c_add
local N = 5000000
local clock = os.clock

local function empty() local t = clock() for i = 1, N do end return clock() - t end
local function run(f) local t = clock() for i = 1, N do f(i, 1) end return clock() - t end

assert(swift_add(40, 2) == 42 and c_add(40, 2) == 42)
local best = { empty = math.huge, swift = math.huge, c = math.huge }
for _ = 1, 7 do
  best.empty = math.min(best.empty, empty())
  best.c = math.min(best.c, run(c_add))
  best.swift = math.min(best.swift, run(swift_add))
end
local c_ns = (best.c - best.empty) / N * 1e9
local swift_ns = (best.swift - best.empty) / N * 1e9
print(string.format("C function      %6.1f ns per call", c_ns))
print(string.format("Swift function  %6.1f ns per call", swift_ns))
print(string.format("ratio swift/c %.3f", swift_ns / c_ns))
