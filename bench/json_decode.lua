-- Decoding a list of 20,000 products (the service's list envelope) with hwsubmit's json
-- and with Debian's lua-cjson, in the same process. IDs are above 2^53: json keeps them
-- exact integers, cjson turns them into floats.
--
-- The two decoders take turns (the order swapping every round) so that a change in the
-- machine's load touches both alike; each is timed from a collected heap with no result of
-- either alive, and the fastest of its rounds is kept.
local json = require "json"
local cjson = require "cjson"
local path = assert(arg[1], "usage: json_decode.lua OUTPUT.json")
local rounds = tonumber(arg[2]) or 9

local first_id, shared_base, count = 14631253285588838, 1152921504606971255, 20000
local products = {}
for i = 1, count do
  local id = first_id + i
  products[i] = {
    id = id, sharedProductId = shared_base + i,
    links = { { href = "https://manage.devcenter.microsoft.com/v2.0/my/hardware/products/" .. id, rel = "self", method = "GET" } },
    isCommitted = i % 2 == 0, isExtensionInf = false, deviceMetadataIds = json.array(),
    deviceType = "external", isTestSign = false, isFlightSign = false,
    marketingNames = { "Contoso Widget " .. i, "Widget Pro" },
    productName = "Contoso Widget " .. i,
    selectedProductTypes = { windows_v100_RS5 = "Unclassified" },
    requestedSignatures = { "WINDOWS_v100_X64_RS5_FULL", "WINDOWS_v100_ARM64_RS5_FULL" },
    additionalAttributes = json.object(), testHarness = "attestation",
    announcementDate = "2026-12-01T00:00:00Z", rating = i / 7,
  }
end
local text = json.encode({ value = products, links = json.array() })
products = nil
local f = assert(io.open(path, "wb")); f:write(text); f:close()

-- How many of a decoded list's IDs differ from the exact ones, and of what Lua type they are.
local function inexact_ids(result)
  local wrong = 0
  for i = 1, count do
    local p = result.value[i]
    if math.type(p.id) ~= "integer" or p.id ~= first_id + i
      or math.type(p.sharedProductId) ~= "integer" or p.sharedProductId ~= shared_base + i then
      wrong = wrong + 1
    end
  end
  return wrong, math.type(result.value[count].id)
end

local decoders = { { name = "cjson.decode", decode = cjson.decode }, { name = "json.decode", decode = json.decode } }
for _, d in ipairs(decoders) do
  d.fastest = math.huge
  local result = d.decode(text)
  assert(#result.value == count, d.name .. " lost products")
  d.wrong, d.kind = inexact_ids(result)
end
for round = 1, rounds do
  for k = 1, 2 do
    local d = decoders[round % 2 == 0 and k or 3 - k]
    collectgarbage(); collectgarbage()
    local t = os.clock()
    local result = d.decode(text)
    d.fastest = math.min(d.fastest, os.clock() - t)
    result = nil
  end
end

-- One product, as most service responses are: the cost of a call rather than of the bulk.
local one = json.encode(json.decode(text).value[1])
local calls = 20000
for round = 1, rounds do
  for k = 1, 2 do
    local d = decoders[round % 2 == 0 and k or 3 - k]
    collectgarbage(); collectgarbage()
    local t = os.clock()
    for _ = 1, calls do d.decode(one) end
    d.one = math.min(d.one or math.huge, (os.clock() - t) / calls)
  end
end

local cj, js = decoders[1], decoders[2]
print(string.format("document        %.1f MB, %d products, fastest of %d rounds each", #text / 1e6, count, rounds))
for _, d in ipairs(decoders) do
  print(string.format("%-15s %7.2f ms  (ids are %ss; %d of %d products without their exact integer ids)", d.name, d.fastest * 1e3, d.kind, d.wrong, count))
end
assert(js.wrong == 0, "json lost an id")
print(string.format("one product     %d bytes: cjson.decode %.2f us, json.decode %.2f us, ratio %.3f", #one, cj.one * 1e6, js.one * 1e6, js.one / cj.one))
print(string.format("ratio json/cjson %.3f", js.fastest / cj.fastest))
