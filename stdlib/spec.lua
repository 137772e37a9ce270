--- A small test harness for workflows: `describe`, `it`, `expect`, run by `hwsubmit test`
--- (which loads every `*_spec.lua` file, then prints `N passed, N failed`).
---
---   local spec = require "spec"
---   local describe, it, expect = spec.describe, spec.it, spec.expect
---   describe("my workflow", function()
---     it("creates a product", function()
---       local p = hdc.create_product{productName = "x", requestedSignatures = {"WINDOWS_v100_X64_RS5_FULL"}}
---       expect(p.id).to_be_a("number")
---     end)
---   end)
---
--- A file run directly (`hwsubmit --emulator my_spec.lua`) reports itself when it ends if it
--- calls `spec.run()` last.
local spec = { _VERSION = "1.0" }

local state = { tests = {}, stack = {}, before = {}, after = {} }

local function full_name(name)
  local parts = {}
  for _, group in ipairs(state.stack) do parts[#parts + 1] = group.name end
  parts[#parts + 1] = name
  return table.concat(parts, " ")
end

--- Groups tests under a name; groups nest.
function spec.describe(name, body)
  local group = { name = name, before = {}, after = {} }
  table.insert(state.stack, group)
  local ok, err = pcall(body)
  table.remove(state.stack)
  if not ok then error(err, 0) end
end

--- Declares a test: `body` runs later, in order, with the `before_each` functions of its groups
--- first and the `after_each` ones after (even when it fails).
function spec.it(name, body)
  local befores, afters = {}, {}
  for _, group in ipairs(state.stack) do
    for _, f in ipairs(group.before) do befores[#befores + 1] = f end
    for i = #group.after, 1, -1 do table.insert(afters, 1, group.after[i]) end
  end
  state.tests[#state.tests + 1] = { name = full_name(name), body = body, before = befores, after = afters }
end

function spec.before_each(fn) table.insert(state.stack[#state.stack].before, fn) end
function spec.after_each(fn) table.insert(state.stack[#state.stack].after, fn) end

local function show(value)
  if type(value) == "string" then return ("%q"):format(value) end
  if type(value) == "table" and hdc.is_error(value) then return "hdc.Error(" .. tostring(value.kind) .. ": " .. tostring(value.message) .. ")" end
  if type(value) == "table" then
    local ok, text = pcall(hdc.json.encode, value, { sort_keys = true })
    if ok then return text end
  end
  return tostring(value)
end

local function deep_equal(a, b)
  if a == b then return true end
  if type(a) ~= "table" or type(b) ~= "table" then return false end
  for k, v in pairs(a) do if not deep_equal(v, b[k]) then return false end end
  for k in pairs(b) do if a[k] == nil then return false end end
  return true
end

local function fail(message)
  error({ spec_failure = message }, 3)
end

--- Checks about a value: `expect(v).to_be(x)` (==), `.to_equal(x)` (same contents),
--- `.to_be_truthy()`, `.to_be_falsy()`, `.to_be_nil()`, `.to_be_a(type)`, `.to_match(pattern)`,
--- `.to_contain(item)` (a string's substring or an array's element), `.to_fail([pattern])` (v is a
--- function that must raise; returns the error), `.to_fail_with_kind(kind)` (an `hdc.Error` of that kind).
function spec.expect(value)
  local e = {}
  function e.to_be(x) if value ~= x then fail(("expected %s, got %s"):format(show(x), show(value))) end end
  function e.to_equal(x) if not deep_equal(value, x) then fail(("expected %s, got %s"):format(show(x), show(value))) end end
  function e.to_be_truthy() if not value then fail(("expected a true value, got %s"):format(show(value))) end end
  function e.to_be_falsy() if value then fail(("expected false or nil, got %s"):format(show(value))) end end
  function e.to_be_nil() if value ~= nil then fail(("expected nil, got %s"):format(show(value))) end end
  function e.to_be_a(kind)
    local actual = math.type(value) or type(value)
    if actual ~= kind and type(value) ~= kind then fail(("expected a %s, got %s (%s)"):format(kind, actual, show(value))) end
  end
  function e.to_match(pattern)
    if type(value) ~= "string" or not value:find(pattern) then fail(("expected text matching %q, got %s"):format(pattern, show(value))) end
  end
  function e.to_contain(item)
    if type(value) == "string" then
      if not value:find(item, 1, true) then fail(("expected %s to contain %s"):format(show(value), show(item))) end
      return
    end
    for _, v in ipairs(value or {}) do if deep_equal(v, item) then return end end
    fail(("expected %s to contain %s"):format(show(value), show(item)))
  end
  function e.to_fail(pattern)
    local ok, err = pcall(value)
    if ok then fail("expected an error, but the function returned") end
    if pattern and not tostring(err):find(pattern) then fail(("expected an error matching %q, got %s"):format(pattern, show(err))) end
    return err
  end
  function e.to_fail_with_kind(kind)
    local ok, err = pcall(value)
    if ok then fail("expected an hdc.Error of kind " .. kind .. ", but the function returned") end
    if not (type(err) == "table" and hdc.is_error(err) and err.kind == kind) then
      fail(("expected an hdc.Error of kind %s, got %s"):format(kind, show(err)))
    end
    return err
  end
  return e
end

local function describe_error(err)
  if type(err) == "table" and err.spec_failure then return err.spec_failure end
  return tostring(err)
end

--- Runs the tests declared so far (and forgets them), printing `ok`/`FAILED` per test and a
--- summary line `N passed, N failed`. Returns the counts and the results (for `report.junit`).
---@param options? table `output` (a file, default io.stdout), `filter` (a pattern on test names)
function spec.run(options)
  options = options or {}
  local out = options.output or io.stdout
  local tests = state.tests
  state.tests = {}
  local passed, failed, results = 0, 0, {}
  for _, test in ipairs(tests) do
    if not options.filter or test.name:find(options.filter) then
      local started = hdc.now()
      local ok, err = xpcall(function()
        for _, f in ipairs(test.before) do f() end
        test.body()
      end, function(e)
        if type(e) == "table" and (e.spec_failure or hdc.is_error(e)) then return e end
        -- The traceback without the harness's own frames.
        local lines = {}
        for line in debug.traceback(tostring(e), 2):gmatch("[^\n]+") do
          if not line:find("spec%.lua") and not line:find("%[C%]: in") then lines[#lines + 1] = line end
        end
        return table.concat(lines, "\n")
      end)
      for _, f in ipairs(test.after) do
        local after_ok, after_err = pcall(f)
        if ok and not after_ok then ok, err = false, after_err end
      end
      local result = { name = test.name, time = hdc.now() - started }
      if ok then
        passed = passed + 1
        out:write("ok      ", test.name, "\n")
      else
        failed = failed + 1
        result.failure = describe_error(err)
        out:write("FAILED  ", test.name, "\n        ", (result.failure:gsub("\n", "\n        ")), "\n")
      end
      results[#results + 1] = result
    end
  end
  out:write(("%d passed, %d failed\n"):format(passed, failed))
  return passed, failed, results
end

return spec
