-- emulator: --step-delay=20ms
-- hdc.upload and hdc.download: a real package in blocks, progress, a rerun that sends nothing,
-- an upload resumed after a failed block, expired SAS URLs, local file errors, every way to
-- name the target, and the signed package downloaded and checked.
local check = require "check"
local driver_package = require "driver_package"

local path, size = driver_package.sample(300 * 1024)
local blocks = {block_size = 64 * 1024, single_put_threshold = 0, concurrency = 4}
local function with(options, extra)
  local merged = {}
  for k, v in pairs(options) do merged[k] = v end
  for k, v in pairs(extra or {}) do merged[k] = v end
  return merged
end

local product = hdc.create_product{productName = "Transfer Widget", requestedSignatures = {"WINDOWS_v100_X64_RS5_FULL"}}
local submission = hdc.create_submission(product, {name = "transfer 1.0"})

-- Argument errors, before anything is sent.
check.bad_argument("bad argument #1 to 'hdc.upload' (submission, ID or SAS URL expected, got nil)", hdc.upload, nil, path)
check.bad_argument("bad argument #2 to 'hdc.upload' (string expected, got number)", hdc.upload, submission, 42)
check.bad_argument("bad argument #3 to 'hdc.upload' (field 'blocksize': unknown option", hdc.upload, submission, path, {blocksize = 1})
check.bad_argument("bad argument #3 to 'hdc.upload' (concurrency must be between 1 and 64", hdc.upload, submission, path, {concurrency = 0})
check.bad_argument("bad argument #3 to 'hdc.upload' (field 'on_progress': function expected", hdc.upload, submission, path, {on_progress = 1})
check.bad_argument("bad argument #2 to 'hdc.download' (string expected, got no value)", hdc.download, submission)
check.bad_argument("bad argument #3 to 'hdc.download' (string expected, got no value)", hdc.download, submission, "signedPackage")
check.bad_argument("bad argument #4 to 'hdc.download' (table expected, got string)", hdc.download, submission, "signedPackage", "x", "y")

-- A missing file is kind localFile (exit status 8 if uncaught).
local missing = check.hdc_error("localFile", nil, hdc.upload, submission, "/nonexistent/contoso-widget.zip")
check.contains(tostring(missing), "/nonexistent/contoso-widget.zip")

-- Uploaded in blocks, with progress handed to the script (which may call hdc meanwhile).
local seen = {}
local sent = hdc.upload(submission, path, with(blocks, {on_progress = function(p)
  seen[#seen + 1] = p
  check.eq(p.direction, "upload", "direction")
  check.eq(p.total_bytes, size, "total")
  hdc.sleep(0)
end}))
check.eq(sent.method, "blocks", "method")
check.eq(sent.bytes, size, "bytes")
check.eq(sent.block_count, (size + 65535) // 65536, "blocks of 64 KiB")
check.eq(sent.blocks_sent, sent.block_count, "every block sent")
check.eq(sent.blocks_resumed, 0, "nothing resumed")
check.eq(math.type(sent.bytes), "integer", "bytes as an integer")
check.eq(sent.checksum, "crc64", "a CRC-64 on every block by default")
check.truthy(#sent.content_crc64 == 12, "the file's CRC-64, base64: " .. sent.content_crc64)
check.eq(sent.content_md5, nil, "no whole-file MD5 unless asked")
check.truthy(#seen >= 2, "progress reported: " .. #seen)
check.eq(seen[#seen].phase, "done", "the last progress")
check.eq(seen[#seen].bytes_done, size, "all bytes done")
check.truthy(type(seen[1].summary) == "string" and seen[1].summary:find("upload: ", 1, true), "a summary line")
check.eq(check.requests("PUT blob?comp=block"), sent.block_count, "one Put Block per block")

-- The same upload again sends nothing and commits the same list.
local again = hdc.upload(submission, path, blocks)
check.eq(again.blocks_sent, 0, "nothing sent again")
check.eq(again.blocks_resumed, sent.block_count, "every block already there")
check.eq(again.content_crc64, sent.content_crc64, "the same CRC-64")

-- MD5 on every block instead, and the whole file's MD5: other block IDs, so every block is sent.
local md5ed = hdc.upload(submission, path, with(blocks, {checksum = "md5", file_md5 = true}))
check.eq(md5ed.checksum, "md5", "MD5 on every block")
check.eq(md5ed.blocks_sent, sent.block_count, "blocks with MD5 IDs are other blocks")
check.truthy(#md5ed.content_md5 == 24, "a base64 MD5: " .. tostring(md5ed.content_md5))
check.eq(md5ed.content_crc64, sent.content_crc64, "the same file, the same CRC-64")
local bad = check.raises(hdc.upload, submission, path, {checksum = "sha1"})
check.contains(tostring(bad), "\"crc64\" or \"md5\"")

-- A block refused for good fails the upload (nothing committed); the rerun sends only the rest.
local other = hdc.create_submission(hdc.create_product{productName = "Resume Widget",
  requestedSignatures = {"WINDOWS_v100_X64_RS5_FULL"}}, {name = "resume 1.0"})
hdc.emulator.fault{route = "PUT blob?comp=block", status = 400, code = "InvalidBlockId", nth = 4}
local broken = check.raises(hdc.upload, other, path, with(blocks, {concurrency = 1}))
check.truthy(hdc.is_error(broken), "an hdc.Error")
check.contains(tostring(broken), "block")
local resumed = hdc.upload(other, path, blocks)
check.eq(resumed.blocks_resumed, 3, "the three blocks sent before the failure")
check.eq(resumed.blocks_sent, resumed.block_count - 3, "only the rest sent")

-- An expired SAS URL: a submission's upload fetches a fresh one; a bare URL cannot.
local url = submission.downloads.items[1].url
hdc.emulator.expire_sas(0)
local expired = check.hdc_error("urlExpired", nil, hdc.upload, url, path)
check.contains(tostring(expired), "expired")
check.truthy(not tostring(expired):find("sig=", 1, true), "no signature in the message")
local refreshed = hdc.upload(submission, path)
check.eq(refreshed.url_refreshes, 1, "one fresh URL")
check.eq(refreshed.method, "singlePut", "a small file goes in one request")

-- By IDs, and to a bare (fresh) URL.
check.eq(hdc.upload(product.id, submission.id, path, blocks).block_count, sent.block_count, "by IDs")
local fresh = hdc.submission(submission).downloads.items[1].url
check.eq(hdc.upload(fresh, path).bytes, size, "to a URL")

-- Nothing to download before signing: kind notFound, and the target file is not created.
local out = os.tmpname()
os.remove(out)
check.hdc_error("notFound", nil, hdc.download, submission, "signedPackage", out)
check.eq(io.open(out), nil, "no file left behind")

-- Signed: the signed package, by table, by IDs, by URL; each checked against its MD5.
hdc.commit(submission)
local signed = hdc.wait(submission, {interval = 0.02})
local progress = 0
local got = hdc.download(signed, "signedPackage", out, {on_progress = function(p)
  check.eq(p.direction, "download", "direction")
  progress = progress + 1
end})
check.eq(got.path, out, "path")
check.truthy(got.bytes > 0, "a signed package")
check.eq(type(got.md5_verified), "boolean", "md5_verified")
check.truthy(progress >= 1, "download progress")
local file = assert(io.open(out, "rb"))
local head = file:read(2)
check.eq(file:seek("end"), got.bytes, "the file holds every byte")
file:close()
check.eq(head, "PK", "a ZIP")
-- The certification report is a page of the dashboard, not a blob: not fetched, and said so.
local report = check.hdc_error("forbidden", nil, hdc.download, product.id, submission.id, "certificationReport", out .. ".txt")
check.contains(report.message, "/dashboard/hardware/Driver/DownloadCertificationReport/", "the page's URL")
check.contains(report.advice, "signed in to Partner Center", "what to do")
check.eq(io.open(out .. ".txt"), nil, "nothing written")
local signed_url
for _, item in ipairs(signed.downloads.items) do
  if item.type == "signedPackage" then signed_url = item.url end
end
check.eq(hdc.download(signed_url, out .. ".zip").bytes, got.bytes, "by URL")
-- The package as uploaded comes back whole, checked against the MD5 the upload recorded.
local back = hdc.download(signed, "initialPackage", out .. ".pkg", {block_size = 64 * 1024, single_put_threshold = 0})
check.eq(back.bytes, size, "the uploaded package")
check.eq(back.md5_verified, true, "checked against its MD5")
check.eq(back.content_md5, md5ed.content_md5, "the file's MD5")
check.truthy(back.requests > 2, "in ranges: " .. back.requests)

-- A directory that does not exist: kind localFile.
check.hdc_error("localFile", nil, hdc.download, signed, "signedPackage", "/nonexistent/dir/signed.zip")

for _, p in ipairs{path, out, out .. ".txt", out .. ".zip", out .. ".pkg"} do os.remove(p) end
check.done()
