--- Retrying a piece of a workflow that may fail for a while: exponential back-off with jitter,
--- a limit on attempts, and a test that says which errors are worth another try.
---
---   local retry = require "retry"
---   local product = retry.call(hdc.product, {attempts = 5}, product_id)
---
--- The `hdc` functions already retry each request under the service's rules; `retry` is for
--- the steps above them (waiting for driver metadata to appear, a flaky build share).
local retry = { _VERSION = "1.0" }

--- Retries `hdc.Error`s the service marks retryable, and nothing else.
function retry.retryable(err)
  return type(err) == "table" and hdc.is_error(err) and err.retryable == true
end

local function delay_for(options, attempt)
  local base = options.delay or 1
  local factor = options.factor or 2
  local delay = math.min(base * factor ^ (attempt - 1), options.max_delay or 60)
  if options.jitter ~= false then delay = delay * (0.5 + math.random() / 2) end
  return delay
end

--- Calls `fn(...)` until it returns, at most `options.attempts` times.
---@param fn function
---@param options? table `attempts` (default 3), `delay` (seconds before the 2nd try, default 1), `factor` (default 2), `max_delay` (default 60), `jitter` (default true), `retry_if` (function(err) -> boolean, default `retry.retryable`), `on_retry` (function(err, attempt, delay))
---@return any ... what `fn` returned
function retry.call(fn, options, ...)
  options = options or {}
  local attempts = options.attempts or 3
  local retry_if = options.retry_if or retry.retryable
  for attempt = 1, attempts do
    local results = table.pack(pcall(fn, ...))
    if results[1] then return table.unpack(results, 2, results.n) end
    local err = results[2]
    if attempt == attempts or not retry_if(err) then error(err, 0) end
    local delay = delay_for(options, attempt)
    if options.on_retry then options.on_retry(err, attempt, delay) end
    hdc.sleep(delay)
  end
end

--- `fn` wrapped so every call goes through `retry.call` with `options`.
function retry.wrap(fn, options)
  return function(...) return retry.call(fn, options, ...) end
end

--- Calls `check()` every `interval` seconds until it returns a value other than nil or false,
--- and returns that; raises an `hdc.Error` of kind `timeout` after `timeout` seconds (so an
--- uncaught one exits with status 9, as a timed-out `hdc.wait` does).
---@param check function
---@param options? table `timeout` (seconds, default 600), `interval` (default 5), `what` (for the error message)
function retry.poll(check, options)
  options = options or {}
  local timeout = options.timeout or 600
  local deadline = hdc.now() + timeout
  while true do
    local value = check()
    if value then return value end
    if hdc.now() >= deadline then
      error(hdc.new_error{ kind = "timeout", message = ("timed out after %s s waiting for %s"):format(timeout, options.what or "a condition"),
        advice = "It may still come: run again later, or with a longer timeout." }, 2)
    end
    hdc.sleep(options.interval or 5)
  end
end

return retry
