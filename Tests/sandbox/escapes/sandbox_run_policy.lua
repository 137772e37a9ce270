-- escape: sandbox.run's grants are exactly the policy's (env, read, submit) and misspelt fields are refused
-- env: HDC_CLIENT_SECRET=sk-escape-corpus-0123456789
-- exit: 0
-- stdout: home: true secret: nil
-- stdout: grant secret: bad argument #2 to 'sandbox.run' (field 'env': HDC_CLIENT_SECRET holds a secret
-- stdout: read granted: inside
-- stdout: read outside: permissionDenied
-- stdout: submit: permissionDenied
-- stdout: typo: bad argument #2 to 'sandbox.run' (field 'max_memroy': unknown option
-- never: sk-escape-corpus-0123456789
local fixture = arg[1]
print(sandbox.run([[return "home: " .. tostring(os.getenv("HOME") ~= nil) .. " secret: " .. tostring(os.getenv("HDC_CLIENT_SECRET"))]],
  {env = {"HOME"}}))
print("grant secret: " .. tostring(select(2, pcall(sandbox.run, "return 1", {env = {"HDC_CLIENT_SECRET"}}))))
print("read granted: " .. sandbox.run("return dofile(...)", {read = {fixture .. "/granted"}}, fixture .. "/granted/inside.lua"))
local ok, err = pcall(sandbox.run, "return dofile(...)", {read = {fixture .. "/granted"}}, fixture .. "/outside/secret.lua")
print("read outside: " .. err.code)
ok, err = pcall(sandbox.run, "return hdc.create_product{productName = 'x'}")
print("submit: " .. err.code)
ok, err = pcall(sandbox.run, "return 1", {max_memroy = 1})
print("typo: " .. tostring(err))
