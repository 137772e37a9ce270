-- Decoding a list of 20,000 products (the service's list envelope) with hwsubmit's json
-- and with Debian's lua-cjson, in the same process. IDs are above 2^53: json keeps them
-- exact integers, cjson turns them into floats.
local json = require "json"
local cjson = require "cjson"
local path = assert(arg[1], "usage: json_decode.lua OUTPUT.json")

local products = {}
for i = 1, 20000 do
  local id = 14631253285588838 + i
  products[i] = {
    id = id, sharedProductId = 1152921504606971255 + i,
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
local f = assert(io.open(path, "wb")); f:write(text); f:close()

local function best(decode)
  local result, fastest = nil, math.huge
  for _ = 1, 7 do
    collectgarbage(); collectgarbage()
    local t = os.clock()
    result = decode(text)
    fastest = math.min(fastest, os.clock() - t)
  end
  return fastest, result
end

local cj_time, cj = best(cjson.decode)
local js_time, js = best(json.decode)
local last = #js.value
print(string.format("document        %.1f MB, %d products", #text / 1e6, last))
print(string.format("cjson.decode    %7.2f ms  (id %s: %s)", cj_time * 1e3, math.type(cj.value[last].id), string.format("%.17g", cj.value[last].id)))
print(string.format("json.decode     %7.2f ms  (id %s: %d)", js_time * 1e3, math.type(js.value[last].id), js.value[last].id))
assert(js.value[last].id == 14631253285588838 + 20000, "json lost an id")
print(string.format("ratio json/cjson %.3f", js_time / cj_time))
