#!/usr/bin/env hwsubmit
-- A first look at the hwsubmit host: `make demo` runs this script.
-- Usage: hwsubmit examples/hello.lua [product name]

local json = require "json"

local name = arg[1] or "Contoso Widget"
print(("hwsubmit runs Lua: %s, with %d argument(s)"):format(_VERSION, select("#", ...)))

-- The service's IDs are 64-bit integers above 2^53. They arrive as Lua integers, exact.
local product = json.decode([[
{ "id": 14631253285588838, "sharedProductId": 1152921504606971255,
  "productName": "Contoso Widget", "deviceMetadataIds": [], "additionalAttributes": {},
  "requestedSignatures": ["WINDOWS_v100_X64_RS5_FULL"], "announcementDate": null }
]])
print(("product %d is %s (id is a Lua %s)"):format(product.id, product.productName, math.type(product.id)))
print(("next id would be %d"):format(product.id + 1))

-- lua-cjson, Debian's C module, loads too; it turns the same ID into a float.
local ok, cjson = pcall(require, "cjson")
if ok then
  local lossy = cjson.decode('{"id": 1152921504606971255}')
  print(("lua-cjson reads 1152921504606971255 as a %s: %.0f"):format(math.type(lossy.id), lossy.id))
end

-- Empty arrays stay arrays and empty objects stay objects on the way back out; null is a
-- value of its own.
product.productName = name
print(json.encode(product, { sort_keys = true }))
print("announcementDate is null: " .. tostring(product.announcementDate == json.null))

-- Mistakes are reported in Lua's own words, with the position.
local bad, message = pcall(json.encode, { price = 0 / 0 })
print("refused: " .. message)
