-- hdc.json and hdc.null: exact integers, null, empty arrays and objects, options, errors.
local check = require "check"

check.eq(hdc.null, hdc.json.null, "one null sentinel")
local decoded = hdc.json.decode('{"id": 1152921504621465124, "date": null, "list": [], "map": {}, "n": [1, null, 3]}')
check.eq(decoded.id, 1152921504621465124, "exact 64-bit integer")
check.eq(math.type(decoded.id), "integer", "an integer")
check.eq(decoded.date, hdc.null, "null decodes to hdc.null")
check.eq(decoded.n[2], hdc.null, "null inside an array")
check.eq(#decoded.n, 3, "null keeps its place")
check.eq(hdc.json.encode(decoded, {sort_keys = true}),
  '{"date":null,"id":1152921504621465124,"list":[],"map":{},"n":[1,null,3]}', "round trip")
check.eq(hdc.json.encode({a = hdc.json.array{}, b = hdc.json.object{}}, {sort_keys = true}), '{"a":[],"b":{}}', "markers")
check.eq(hdc.json.encode({b = 1, a = {2}}, {pretty = true}), '{\n  "a": [\n    2\n  ],\n  "b": 1\n}', "pretty")
check.contains(check.raises(hdc.json.encode, {x = 0 / 0}), "cannot encode NaN at .x")
check.contains(check.raises(hdc.json.decode, '{"a": }'), "line 1")
check.bad_argument("json_test.lua:18: bad argument #2 to 'encode' (field 'pretty': boolean expected, got string)",
  function() hdc.json.encode({}, {pretty = "yes"}) end)
check.eq(require "hdc.json", hdc.json, "require \"hdc.json\"")
check.eq(require "hdc", hdc, "require \"hdc\"")

-- null goes to the service and comes back.
local product = hdc.create_product{productName = "Null Widget", requestedSignatures = {"WINDOWS_v100_X64_RS5_FULL"},
  futureField = hdc.null}
check.eq(product.futureField, hdc.null, "an unknown field sent as null comes back as hdc.null")

check.done()
