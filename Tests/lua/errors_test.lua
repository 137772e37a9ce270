-- Each kind of failure, forced by the emulator's faults, arrives as an hdc.Error with its
-- fields and a paragraph that says what to do.
local check = require "check"

local product = hdc.create_product{productName = "Error Widget", requestedSignatures = {"WINDOWS_v100_X64_RS5_FULL"}}
-- A client that does not retry, so each fault shows as it is.
local once = hdc.connect{max_attempts = 1}
local get = "GET /products/{productId}"

local missing = check.hdc_error("notFound", "entityNotFound", hdc.product, 1)
check.eq(missing.status, 404, "status")
check.contains(tostring(missing), "Check the IDs")

local invalid = check.hdc_error("invalidInput", "invalidInput", hdc.create_product,
  {productName = "Bad", requestedSignatures = {"WINDOWS_v100_X64_NOPE_FULL"}})
check.eq(invalid.validation_errors[1].target, "requestedSignatures[0]", "the refused field")
check.contains(tostring(invalid), "requestedSignatures[0]:")

hdc.emulator.fault{route = get, status = 403}
check.contains(tostring(check.hdc_error("forbidden", nil, hdc.product, product.id)), "Driver submitter")

hdc.emulator.fault{route = get, status = 503, count = 1}
local server = check.hdc_error("server", nil, once.product, once, product.id)
check.eq(server.retryable, true, "a 503 may pass")
hdc.emulator.fault{route = get, status = 503, count = 1}
check.eq(hdc.product(product.id).id, product.id, "the default client retries a 503")

hdc.emulator.fault{route = get, drop = true}
check.hdc_error("network", nil, once.product, once, product.id)

local slow = hdc.connect{max_attempts = 1, request_timeout = 0.3}
hdc.emulator.fault{route = get, delayMs = 2000}
check.hdc_error("timeout", nil, slow.product, slow, product.id)

hdc.emulator.rate_limit(1)
hdc.emulator.clear_requests()
local limited = hdc.connect{max_attempts = 1}
local ok, first = pcall(limited.product, limited, product.id)
local throttled = check.hdc_error("rateLimited", nil, limited.product, limited, product.id)
check.eq(throttled.status, 429, "status")
check.truthy(type(throttled.retry_after) == "number", "retry_after: " .. tostring(throttled.retry_after))
hdc.emulator.rate_limit(nil)
check.eq(ok, true, "the first request went through: " .. tostring(first))

-- An answer the client cannot read is kind invalidResponse. The emulator's faults answer in the
-- route's own error shape and cannot send a body that is not JSON; a 200 carrying that error
-- body where a product (or a token) was expected is the unreadable answer here.
hdc.emulator.fault{route = get, status = 200}
local unreadable = check.hdc_error("invalidResponse", nil, once.product, once, product.id)
check.contains(unreadable.message, "answered something unreadable")
check.contains(unreadable.message, "missing field \"id\"")
check.eq(unreadable.retryable, false, "not retried as it is")
hdc.emulator.fault{route = "POST /{tenant}/oauth2/token", status = 200}
local tokenless = check.hdc_error("invalidResponse", nil, function() return hdc.connect{max_attempts = 1}:product(product.id) end)
check.contains(tokenless.message, "no access_token in the answer")

-- A fresh client asks for a token, and the token endpoint refuses it.
hdc.emulator.fault{route = "POST /{tenant}/oauth2/token", status = 401, code = "invalid_client"}
check.hdc_error("authentication", nil, function() return hdc.connect{max_attempts = 1}:product(product.id) end)

-- Missing settings are a configuration error, before anything is sent.
check.hdc_error("configuration", nil, hdc.connect, {base_url = "http://127.0.0.1:9/v2.0/my/hardware", tenant_id = "t",
  client_id = "c", client_secret_env = "HWSUBMIT_TEST_NO_SUCH_VARIABLE"})

-- A create whose answer is lost, and whose lookup then fails: the client cannot tell whether it
-- created the product, and says so instead of sending the create again.
hdc.emulator.fault{route = "POST /products", drop = true, after = true}
-- The listing before the create goes through; the lookup after the lost answer does not.
hdc.emulator.fault{route = "GET /products", status = 500, nth = 2}
local uncertain = check.hdc_error("uncertainOutcome", nil, once.create_product, once,
  {productName = "Twin", requestedSignatures = {"WINDOWS_v100_X64_RS5_FULL"}})
check.contains(tostring(uncertain), "Do not simply run it again")

-- A script's own failure as an hdc.Error (what retry.poll raises when it gives up).
local own = hdc.new_error{kind = "timeout", message = "no driver metadata after 5 s", advice = "Run again later.", details = {"asked at 12:00"}}
check.eq(getmetatable(own), hdc.Error, "the metatable of every hdc.Error")
check.truthy(hdc.is_error(own), "is_error")
check.eq(own.code, "timeout", "code defaults to the kind")
check.eq(own.retryable, false, "retryable defaults to false")
check.eq(own.details[1], "asked at 12:00", "details")
check.contains(tostring(own), "no driver metadata after 5 s")
check.contains(tostring(own), "Run again later.")
check.eq(hdc.new_error{kind = "notFound", code = "downloadNotAvailable", message = "m", retryable = true}.code, "downloadNotAvailable", "code")
check.hdc_error("timeout", "timeout", function() error(own) end)
check.bad_argument("bad argument #1 to 'hdc.new_error' (field 'kind': unknown kind 'late'", hdc.new_error, {kind = "late", message = "m"})
check.bad_argument("bad argument #1 to 'hdc.new_error' (field 'message': string expected, got nil)", hdc.new_error, {kind = "timeout"})
check.bad_argument("bad argument #1 to 'hdc.new_error' (field 'details': string expected at [2], got number)", hdc.new_error,
  {kind = "io", message = "m", details = {"a", 2}})
check.bad_argument("bad argument #1 to 'hdc.new_error' (table expected, got string)", hdc.new_error, "timeout")

-- The text never shows a token or a secret.
for _, e in ipairs{missing, invalid, server, throttled, uncertain} do
  local text = tostring(e)
  check.truthy(not text:find("eyJ", 1, true) and not text:find("hwsubmit-demo-secret", 1, true), "no secret in: " .. text)
end

check.done()
