-- escape: find the real global table through _G, load, _ENV and package.loaded
-- args: --sandbox
-- exit: 0
-- stdout: load env is sandbox: true
-- stdout: loaded _G is sandbox: true
-- stdout: io in load: table
-- stdout: io.open through load refused
-- stdout: sandbox library: nil
print("load env is sandbox: " .. tostring(load("return _G")() == _G))
print("loaded _G is sandbox: " .. tostring(package.loaded._G == _G))
print("io in load: " .. type(load("return io")()))
print("io.open through load " .. (pcall(load("return io.open('/etc/passwd')")) and "allowed" or "refused"))
print("sandbox library: " .. tostring(rawget(_G, "sandbox")))
