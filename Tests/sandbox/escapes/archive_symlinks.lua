-- escape: zip a granted folder holding a link to /etc/passwd (reading it through archive.zip), and extract a ZIP whose entry goes through a link in the folder to a directory outside (writing through it)
-- exit: 0
-- stdout: zip through a link: permissionDenied, no ZIP written
-- stdout: /granted/link-out' (resolved: '/etc/passwd') is not allowed
-- stdout: extract through a link, sandboxed: localFile
-- stdout: extract through a link, trusted: localFile
-- stdout: files written outside: none
-- never: root:x:0
local root = arg[1]
local granted, outside = root .. "/granted", root .. "/outside"
local fs, archive = require "fs", require "archive"
local function exists(path) local f = io.open(path) if f then f:close() end return f ~= nil end
local policy = {write = {granted}}

local ok, err = pcall(sandbox.run, "return require('archive').zip(...)", policy, granted, granted .. "/all.zip")
print("zip through a link: " .. (ok and "allowed" or err.code) .. ", "
  .. (exists(granted .. "/all.zip") and "a ZIP written" or "no ZIP written"))
print(ok and "" or err.message)

-- A ZIP with door/escaped.txt: door is a link in granted/ to ../outside.
local source = fs.tmpdir("archive-links")
fs.write(source .. "/door/escaped.txt", "escaped")
archive.zip(source, source .. "/../links.zip")
local zip = fs.dirname(source) .. "/links.zip"
local _, sandboxed = pcall(sandbox.run, "return require('archive').extract(...)", {read = {zip}, write = {granted}}, zip, granted)
print("extract through a link, sandboxed: " .. tostring(type(sandboxed) == "table" and sandboxed.kind or sandboxed))
local _, trusted = pcall(archive.extract, zip, granted)
print("extract through a link, trusted: " .. tostring(type(trusted) == "table" and trusted.kind or trusted))
fs.remove(source)
fs.remove(zip)
print("files written outside: " .. (exists(outside .. "/escaped.txt") and "escaped.txt" or "none"))
