-- bench/upload.lua: one upload through hwsubmit's transfer engine (hdc.upload), for bench/upload.
--
--   hwsubmit bench/upload.lua <sas-url> <file> [concurrency] [block_size] [checksum]
--
-- checksum is what every block carries: "crc64" (the default) or "md5". bench/upload times the
-- whole process and reads its peak memory; this prints what was sent.
local url, path = arg[1], arg[2]
if not url or not path then
  io.stderr:write("usage: hwsubmit bench/upload.lua <sas-url> <file> [concurrency] [block_size] [crc64|md5]\n")
  os.exit(64)
end
local concurrency = math.tointeger(tonumber(arg[3])) or 4
local block_size = math.tointeger(tonumber(arg[4])) or 8 * 1024 * 1024
local checksum = arg[5] or "crc64"

local result = hdc.upload(url, path, {concurrency = concurrency, block_size = block_size, checksum = checksum})
print(string.format("uploaded %s with concurrency %d, blocks of %d bytes, %s on each", path, concurrency, block_size, checksum))
if type(result) == "table" then
  for _, key in ipairs({"bytes", "blocks_sent", "retries", "content_crc64"}) do
    if result[key] ~= nil then print(key, result[key]) end
  end
end
