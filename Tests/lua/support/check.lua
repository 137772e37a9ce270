-- check: the assertions of hwsubmit's Lua test scripts. A failed check raises an error, so the
-- script stops with a traceback at the failing line and hwsubmit exits non-zero.
local check = {}

local function show(value)
  if type(value) == "string" then return ("%q"):format(value) end
  return tostring(value)
end

--- Fails unless `actual == expected`.
function check.eq(actual, expected, what)
  if actual ~= expected then
    error(("%s: expected %s, got %s"):format(what or "value", show(expected), show(actual)), 2)
  end
  return actual
end

--- Fails unless `value` is truthy.
function check.truthy(value, what)
  if not value then error((what or "condition") .. " does not hold", 2) end
  return value
end

--- Fails unless `text` contains `fragment` (plain text, not a pattern).
function check.contains(text, fragment, what)
  if type(text) ~= "string" or not text:find(fragment, 1, true) then
    error(("%s: %s does not contain %s"):format(what or "text", show(text), show(fragment)), 2)
  end
  return text
end

--- Calls fn(...) and returns the error it raises; fails when it raises none.
function check.raises(fn, ...)
  local ok, err = pcall(fn, ...)
  if ok then error("expected an error, got none", 2) end
  return err
end

--- Calls fn(...), which must raise an hdc.Error of `kind` (and `code`, when given).
function check.hdc_error(kind, code, fn, ...)
  local ok, err = pcall(fn, ...)
  if ok then error(("expected an hdc.Error of kind %s, got no error"):format(kind), 2) end
  if not hdc.is_error(err) then error(("expected an hdc.Error of kind %s, got %s"):format(kind, show(err)), 2) end
  if err.kind ~= kind or (code and err.code ~= code) then
    error(("expected kind %s code %s, got kind %s code %s: %s"):format(kind, tostring(code), err.kind, err.code,
      tostring(err)), 2)
  end
  if type(err.message) ~= "string" or tostring(err) == "" then error("the error has no text", 2) end
  return err
end

--- Calls fn(...), which must raise Lua's bad argument message `expected` (after the position).
function check.bad_argument(expected, fn, ...)
  local ok, err = pcall(fn, ...)
  if ok then error("expected a bad argument error, got none", 2) end
  if type(err) ~= "string" or not err:find(expected, 1, true) then
    error(("expected %s, got %s"):format(show(expected), show(err)), 2)
  end
  return err
end

--- Counts the emulator's logged requests whose route is `route` (and status, when given).
function check.requests(route, status)
  local n = 0
  for _, r in ipairs(hdc.emulator.requests()) do
    if r.route == route and (status == nil or r.status == status) then n = n + 1 end
  end
  return n
end

--- The last line of a passing script.
function check.done()
  print("ok")
end

return check
