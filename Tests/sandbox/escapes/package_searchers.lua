-- escape: add a searcher that loads anything, or reach package.loadlib
-- args: --sandbox
-- exit: 10
-- stdout: searchers: nil
-- stdout: loadlib: nil
-- stdout: cpath: []
-- stderr: changing the read-only table 'package' (field 'searchers')
print("searchers: " .. tostring(package.searchers))
print("loadlib: " .. tostring(package.loadlib))
print("cpath: [" .. package.cpath .. "]")
package.searchers = {function(name) return function() return io end end}
