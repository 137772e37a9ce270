-- Misuse of every hdc function that takes arguments raises Lua's own `bad argument #n to 'name'
-- (...)`, through the real interpreter: IDs, bodies, options tables (types and unknown fields),
-- iterators, tasks, clients and the emulator's functions. (upload, download, create_shipping_label
-- with a string body, and the first checks of hdc.connect are in their own test scripts.)
local check = require "check"

local product = hdc.create_product{productName = "Argument Widget", requestedSignatures = {"WINDOWS_v100_X64_RS5_FULL"}}
local submission = hdc.create_submission(product, {name = "arguments"})
local label = {productId = product.id, submissionId = submission.id, id = 1}

local function bad(expected, fn, ...)
  check.bad_argument("bad argument " .. expected, fn, ...)
end

-- Products.
bad("#1 to 'hdc.product' (number expected, got no value)", hdc.product)
bad("#1 to 'hdc.product' (number expected, got string)", hdc.product, "widget")
bad("#1 to 'hdc.product' (number has no integer representation)", hdc.product, 1.5)
bad("#1 to 'hdc.find_product' (table expected, got string)", hdc.find_product, "Argument Widget")
bad("#1 to 'hdc.find_product' (field 'title': unknown option (expected one of: name))", hdc.find_product, {title = "x"})
bad("#1 to 'hdc.find_product' (field 'name': string expected, got number)", hdc.find_product, {name = 1})
bad("#1 to 'hdc.create_product' (table expected, got string)", hdc.create_product, "widget")
bad("#1 to 'hdc.create_product' (field 'requestedSignatures': array (table) expected, got nil)", hdc.create_product, {productName = "x"})
bad("#1 to 'hdc.update_product' (number expected, got no value)", hdc.update_product)
bad("#2 to 'hdc.update_product' (table expected, got string)", hdc.update_product, product.id, "renamed")
bad("#2 to 'hdc.update_product' (field 'productName': string expected, got number)", hdc.update_product, product.id, {productName = 5})

-- Submissions.
bad("#1 to 'hdc.submissions' (number expected, got no value)", hdc.submissions)
bad("#1 to 'hdc.submissions' (number expected, got string)", hdc.submissions, "widget")
bad("#1 to 'hdc.submission' (number expected, got no value)", hdc.submission)
bad("#2 to 'hdc.submission' (number expected, got no value)", hdc.submission, product.id)
bad("#1 to 'hdc.submission' (field 'id': number expected, got nil)", hdc.submission, {productId = product.id})
bad("#1 to 'hdc.create_submission' (number expected, got no value)", hdc.create_submission)
bad("#2 to 'hdc.create_submission' (table expected, got string)", hdc.create_submission, product.id, "second")
bad("#2 to 'hdc.update_submission' (table expected, got number)", hdc.update_submission, submission, 3)
bad("#1 to 'hdc.commit' (number expected, got no value)", hdc.commit)
bad("#1 to 'hdc.request_metadata' (number expected, got no value)", hdc.request_metadata)
bad("#2 to 'hdc.wait' (table expected, got string)", hdc.wait, submission, "soon")
bad("#2 to 'hdc.wait' (field 'timout': unknown option (expected one of: interval, max_interval, on_change, timeout))", hdc.wait, submission, {timout = 1})
bad("#2 to 'hdc.wait' (field 'timeout': number expected, got string)", hdc.wait, submission, {timeout = "1h"})
bad("#2 to 'hdc.wait' (field 'timeout': a number of seconds (0 or more) expected)", hdc.wait, submission, {timeout = -1})
bad("#2 to 'hdc.wait' (field 'on_change': function expected, got number)", hdc.wait, submission, {on_change = 1})

-- Shipping labels.
bad("#1 to 'hdc.shipping_labels' (number expected, got no value)", hdc.shipping_labels)
bad("#1 to 'hdc.shipping_label' (number expected, got no value)", hdc.shipping_label)
bad("#2 to 'hdc.shipping_label' (table expected, got string)", hdc.shipping_label, label, "targeting")
bad("#2 to 'hdc.shipping_label' (field 'include_targeting': boolean expected, got string)", hdc.shipping_label, label, {include_targeting = "yes"})
bad("#2 to 'hdc.shipping_label' (field 'targeting': unknown option (expected one of: include_targeting))", hdc.shipping_label, label, {targeting = true})
bad("#1 to 'hdc.create_shipping_label' (number expected, got no value)", hdc.create_shipping_label)
bad("#2 to 'hdc.update_shipping_label' (table expected, got string)", hdc.update_shipping_label, label, "add")
bad("#1 to 'hdc.cancel_shipping_label' (number expected, got string)", hdc.cancel_shipping_label, "label")
bad("#2 to 'hdc.wait_shipping_label' (field 'interval': number expected, got string)", hdc.wait_shipping_label, label, {interval = "1s"})
bad("#2 to 'hdc.wait_shipping_label' (field 'intervals': unknown option (expected one of: interval, max_interval, on_change, timeout, until))",
  hdc.wait_shipping_label, label, {intervals = 1})
bad("#2 to 'hdc.wait_shipping_label' (field 'on_change': function expected, got string)", hdc.wait_shipping_label, label, {on_change = "print"})

-- Tasks, iterators, time.
bad("#1 to 'hdc.spawn' (function expected, got no value)", hdc.spawn)
bad("#1 to 'hdc.spawn' (function expected, got number)", hdc.spawn, 1)
bad("#1 to 'hdc.parallel' (table expected, got string)", hdc.parallel, "items", print)
bad("#2 to 'hdc.parallel' (function expected, got string)", hdc.parallel, {}, "print")
bad("#3 to 'hdc.parallel' (table expected, got string)", hdc.parallel, {1}, print, "fast")
bad("#3 to 'hdc.parallel' (field 'workers': unknown option (expected one of: concurrency, fail_fast))", hdc.parallel, {1}, print, {workers = 2})
bad("#3 to 'hdc.parallel' (field 'concurrency': 1 or more expected)", hdc.parallel, {1}, print, {concurrency = 0})
bad("#3 to 'hdc.parallel' (field 'concurrency': number expected, got string)", hdc.parallel, {1}, print, {concurrency = "8"})
bad("#1 to 'hdc.sleep' (number expected, got no value)", hdc.sleep)
bad("#1 to 'hdc.sleep' (number expected, got string)", hdc.sleep, "1s")
bad("#1 to 'hdc.sleep' (a number of seconds (0 or more) expected)", hdc.sleep, -1)
bad("#1 to 'hdc.collect' (function expected, got no value)", hdc.collect)
bad("#1 to 'hdc.collect' (function expected, got table)", hdc.collect, {})
bad("#2 to 'hdc.collect' (number expected, got string)", hdc.collect, hdc.products(), "ten")
local task = hdc.spawn(function() end)
check.bad_argument("bad argument #1 to 'wait' (hdc.Task expected, got string)", function() return task.wait("x") end)
task:wait()

-- Clients: methods count their arguments after self, as Lua's own methods do.
local client = hdc.connect{max_attempts = 1}
check.bad_argument("bad argument #1 to 'product' (number expected, got string)", function() return client:product("widget") end)
check.bad_argument("bad argument #2 to 'wait' (field 'nope': unknown option", function() return client:wait(submission, {nope = 1}) end)
bad("#1 to 'hdc.connect' (table expected, got string)", hdc.connect, "contoso")
bad("#1 to 'hdc.connect' (field 'token_endpoint': string expected, got number)", hdc.connect, {token_endpoint = 2})
bad("#1 to 'hdc.connect' (field 'base_url': string expected, got number)", hdc.connect, {base_url = 1})
bad("#1 to 'hdc.connect' (field 'tenant_id': string expected, got boolean)", hdc.connect, {tenant_id = false})
bad("#1 to 'hdc.connect' (field 'request_timeout': number expected, got string)", hdc.connect, {request_timeout = "30s"})

-- JSON.
bad("#1 to 'hdc.json.decode' (string expected, got no value)", hdc.json.decode)
bad("#1 to 'hdc.json.decode' (string expected, got table)", hdc.json.decode, {})
bad("#1 to 'hdc.json.encode' (value expected)", hdc.json.encode)
bad("#1 to 'hdc.json.array' (table expected, got string)", hdc.json.array, "[]")
bad("#1 to 'hdc.json.object' (table expected, got string)", hdc.json.object, "{}")
bad("#1 to 'hdc.new_error' (table expected, got no value)", hdc.new_error)

-- The emulator's functions.
bad("#1 to 'hdc.emulator.fault' (table expected, got string)", hdc.emulator.fault, "GET /products")
bad("#1 to 'hdc.emulator.fault' (field 'route': string expected, got number)", hdc.emulator.fault, {route = 1})
bad("#1 to 'hdc.emulator.fault' (field 'route': string expected, got nil)", hdc.emulator.fault, {status = 503})
bad("#1 to 'hdc.emulator.rate_limit' (number expected, got string)", hdc.emulator.rate_limit, "10/min")
bad("#1 to 'hdc.emulator.fail_at' (number expected, got no value)", hdc.emulator.fail_at)
bad("#2 to 'hdc.emulator.fail_label_at' (string expected, got no value)", hdc.emulator.fail_label_at, "next")
bad("#1 to 'hdc.emulator.expire_sas' (number expected, got string)", hdc.emulator.expire_sas, "now")
bad("#1 to 'hdc.emulator.advance_clock' (number expected, got string)", hdc.emulator.advance_clock, "1h")
bad("#1 to 'hdc.emulator.admin' (string expected, got no value)", hdc.emulator.admin)

-- Nothing of the above reached the service: one product and one submission were created.
check.eq(check.requests("POST /products"), 1, "one create of a product")
check.eq(check.requests("POST /products/{productId}/submissions"), 1, "one create of a submission")

check.done()
