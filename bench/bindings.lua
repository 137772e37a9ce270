-- bench/bindings.lua: what one call of a binding costs the client, against the emulator.
--
--   hwsubmit --quiet --emulator bench/bindings.lua <binding> <n>
--
-- <binding> is one of: product (GET one product), products (one page of 20 products, read to
-- the end), update_product (a PATCH with a checked body), create_product (a POST with a checked
-- body, the account's products listed first, as every create does). The emulator runs in its
-- own process, so this process's CPU time (os.clock) and its instruction count (bench/run runs
-- it under callgrind with n = 0 and n = N and takes the difference) are the client's alone:
-- building and sending the request, parsing the answer, decoding the model, making the table.
--
-- Prints "binding <name> calls <n> cpu <seconds>".
local name, n = arg[1], math.tointeger(tonumber(arg[2]))
local bodies = {
  product = true, products = true, update_product = true, create_product = true,
}
if not bodies[name] or not n then
  io.stderr:write("usage: hwsubmit --emulator bench/bindings.lua product|products|update_product|create_product <n>\n")
  os.exit(64)
end

local signatures = { "WINDOWS_v100_X64_RS5_FULL", "WINDOWS_v100_ARM64_RS5_FULL" }
local product
for i = 1, 20 do
  product = hdc.create_product{
    productName = ("bench product %d"):format(i), requestedSignatures = signatures,
    marketingNames = { "Contoso Widget", "Widget Pro" }, selectedProductTypes = { windows_v100_RS5 = "Unclassified" },
  }
end

local calls = {
  product = function() return hdc.product(product.id).productName end,
  products = function()
    local count = 0
    for _ in hdc.products() do count = count + 1 end
    return count
  end,
  update_product = function(i) hdc.update_product(product.id, { marketingNames = { "Contoso Widget", ("Widget %d"):format(i) } }) end,
  create_product = function(i)
    return hdc.create_product{ productName = ("bench created %d"):format(i), requestedSignatures = signatures,
      marketingNames = { "Contoso Widget" } }.id
  end,
}

local call = calls[name]
local started = os.clock()
for i = 1, n do call(i) end
print(("binding %s calls %d cpu %.6f"):format(name, n, os.clock() - started))
