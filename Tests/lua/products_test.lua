-- emulator: --page-size=2
-- Products: create, get, list past the first page, find, update; exact 64-bit IDs; results
-- that encode back to the JSON the service sent.
local check = require "check"

local created = {}
for i = 1, 5 do
  created[i] = hdc.create_product{
    productName = "Widget " .. i, testHarness = "Attestation", deviceType = "external",
    requestedSignatures = {"WINDOWS_v100_X64_RS5_FULL"}, selectedProductTypes = {windows_v100_RS5 = "Unclassified"},
    marketingNames = {}, announcementDate = "2026-12-01T00:00:00Z",
  }
end

-- IDs are exact integers above 2^53: a float anywhere would show.
local id = created[1].id
check.eq(math.type(id), "integer", "math.type(id)")
check.truthy(id > 2 ^ 53, "the emulator's IDs are above 2^53")
check.eq(tostring(id), ("%d"):format(id), "the ID prints exactly")
check.truthy(created[2].id ~= id and created[2].id - id < 10, "IDs stay exact when compared")

-- One product, as the service sent it.
local p = hdc.product(created[3].id)
check.eq(p.id, created[3].id, "product.id")
check.eq(p.productName, "Widget 3", "productName")
check.eq(p.testHarness, "attestation", "the answer spells testHarness lower-case")
check.eq(p.selectedProductTypes.windows_v100_RS5, "Unclassified", "nested objects")
check.eq(hdc.product(tostring(p.id)).id, p.id, "an ID as a string of digits")

-- The table encodes back to the same JSON, empty arrays and objects included.
local text = hdc.json.encode(p, {sort_keys = true})
check.contains(text, '"marketingNames":[]')
check.contains(text, '"additionalAttributes":{}')
check.contains(text, '"id":' .. ("%d"):format(p.id))
check.eq(hdc.json.encode(hdc.json.decode(text), {sort_keys = true}), text, "decode then encode")

-- Pages beyond the first: 5 products at 2 a page.
hdc.emulator.clear_requests()
local seen = {}
for product in hdc.products() do seen[#seen + 1] = product.id end
check.eq(#seen, 5, "products listed")
for i = 1, 5 do check.eq(seen[i], created[i].id, "listed in order") end
check.eq(check.requests("GET /products", 200), 3, "pages fetched")
check.eq(#hdc.collect(hdc.products(), 3), 3, "collect with a limit")

-- Nothing there is nil and a message, not an error.
check.eq(hdc.find_product{name = "Widget 5"}.id, created[5].id, "find_product")
local none, why = hdc.find_product{name = "Gadget"}
check.eq(none, nil, "find_product of a missing name")
check.contains(why, "Gadget")

-- Updates: the three fields the service lets change, and a refusal for any other.
hdc.update_product(p.id, {productName = "Widget 3 Pro", marketingNames = {"Widget Pro"}})
local updated = hdc.product(p.id)
check.eq(updated.productName, "Widget 3 Pro", "renamed")
check.eq(updated.marketingNames[1], "Widget Pro", "marketing names")
local refused = check.hdc_error("invalidState", "updateUnauthorized", hdc.update_product, p.id, {deviceType = "internal"})
check.eq(refused.status, 400, "status")
check.eq(refused.validation_errors[1].target, "deviceType", "the refused field")

-- A client made with hdc.connect has the same functions as methods.
local client = hdc.connect{max_attempts = 2}
check.eq(client:product(p.id).productName, "Widget 3 Pro", "client:product")
check.eq(#hdc.collect(client:products()), 5, "client:products")
check.eq(#hdc.audiences(), 3, "audiences")
check.eq(type(client:audiences()[1].id), "string", "audience IDs are strings")

check.done()
