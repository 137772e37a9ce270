-- hdc calls where a coroutine cannot yield (a table.sort comparator), inside the script's own
-- coroutines (coroutine.wrap, coroutine.resume), and side by side (hdc.spawn, hdc.parallel).
local check = require "check"

local ids = {}
for i, name in ipairs{"Cherry", "Apple", "Banana"} do
  ids[i] = hdc.create_product{productName = name, requestedSignatures = {"WINDOWS_v100_X64_RS5_FULL"}}.id
end

-- A comparator runs inside table.sort (C): the calls wait on the Lua thread instead of yielding.
local sorted = {ids[1], ids[2], ids[3]}
table.sort(sorted, function(a, b) return hdc.product(a).productName < hdc.product(b).productName end)
check.eq(hdc.product(sorted[1]).productName, "Apple", "sorted by a name fetched in the comparator")
check.eq(hdc.product(sorted[3]).productName, "Cherry", "last")

-- A generator made with coroutine.wrap that calls the service between its yields.
local names = coroutine.wrap(function()
  for product in hdc.products() do coroutine.yield(hdc.product(product.id).productName) end
end)
check.eq(names(), "Cherry", "first from the generator")
check.eq(names(), "Apple", "second")

-- coroutine.resume keeps its meaning: values in, values out, errors as false and the error.
local co = coroutine.create(function(id)
  local got = hdc.product(id)
  local more = coroutine.yield(got.productName)
  return more .. "!", hdc.product(ids[3]).productName
end)
local ok, name = coroutine.resume(co, ids[2])
check.eq(ok, true, "resumed")
check.eq(name, "Apple", "yielded after an hdc call")
check.eq(coroutine.status(co), "suspended", "status")
local ok2, shout, other = coroutine.resume(co, "done")
check.eq(ok2, true, "finished")
check.eq(shout .. " " .. other, "done! Banana", "returned after another hdc call")
local failing = coroutine.create(function() return hdc.product(1) end)
local ok3, err = coroutine.resume(failing)
check.eq(ok3, false, "an hdc error inside a coroutine")
check.eq(err.kind, "notFound", "arrives as the error object")

-- The wrapped generator used from a comparator: a place that cannot yield, inside a coroutine.
local order = {3, 1, 2}
table.sort(order, function(a, b)
  local fetch = coroutine.wrap(function() return hdc.product(ids[a]).productName < hdc.product(ids[b]).productName end)
  return fetch()
end)
check.eq(hdc.product(ids[order[1]]).productName, "Apple", "comparator through coroutine.wrap")

-- Tasks side by side.
local tasks = {}
for i = 1, 3 do tasks[i] = hdc.spawn(hdc.product, ids[i]) end
check.eq(tasks[2]:wait().productName, "Apple", "a spawned hdc.product")
local results, failures = hdc.parallel(ids, function(id) return hdc.product(id).productName end, {concurrency = 3})
check.eq(table.concat(results, ","), "Cherry,Apple,Banana", "parallel, in input order")
check.eq(failures, nil, "no failures")
local _, some = hdc.parallel({ids[1], 1}, function(id) return hdc.product(id) end)
check.eq(#some, 1, "one failure")
check.eq(some[1].index, 2, "its index")
check.eq(some[1].error.kind, "notFound", "its error")

check.done()
