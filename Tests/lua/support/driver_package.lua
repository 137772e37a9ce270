-- driver_package: the sample driver package of examples/contoso-widget as a ZIP file, for the Lua
-- test scripts that upload a real package (entries stored uncompressed, which every ZIP reader
-- takes). Extra files make it as large as a test needs.
local driver_package = {}

local here = debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$") or "."
driver_package.directory = here .. "/../../../examples/contoso-widget"
driver_package.paths = {"contosowidget.inf", "x64/contosowidget.sys", "arm64/contosowidget.sys"}

local crc_table = {}
for i = 0, 255 do
  local c = i
  for _ = 1, 8 do c = (c & 1 == 1) and (0xEDB88320 ~ (c >> 1)) or (c >> 1) end
  crc_table[i] = c
end

local function crc32(data)
  local c = 0xFFFFFFFF
  for i = 1, #data do c = crc_table[(c ~ data:byte(i)) & 0xFF] ~ (c >> 8) end
  return c ~ 0xFFFFFFFF
end

local function read(path)
  local file = assert(io.open(path, "rb"))
  local data = file:read("a")
  file:close()
  return data
end

--- The sample's files, `{path = …, data = …}`, the INF first.
function driver_package.files()
  local files = {}
  for i, path in ipairs(driver_package.paths) do
    files[i] = {path = path, data = read(driver_package.directory .. "/" .. path)}
  end
  return files
end

--- `files` as the bytes of a ZIP archive.
function driver_package.zip(files)
  local parts, central, offset = {}, {}, 0
  for _, f in ipairs(files) do
    local crc = crc32(f.data)
    local head = string.pack("<c4I2I2I2I2I2I4I4I4I2I2", "PK\3\4", 20, 0, 0, 0, 0x21, crc, #f.data, #f.data, #f.path, 0)
    parts[#parts + 1] = head .. f.path .. f.data
    central[#central + 1] = string.pack("<c4I2I2I2I2I2I2I4I4I4I2I2I2I2I2I4I4", "PK\1\2", 20, 20, 0, 0, 0, 0x21, crc,
      #f.data, #f.data, #f.path, 0, 0, 0, 0, 0, offset) .. f.path
    offset = offset + #head + #f.path + #f.data
  end
  local directory = table.concat(central)
  local tail = string.pack("<c4I2I2I2I2I4I4I2", "PK\5\6", 0, 0, #files, #files, #directory, offset, 0)
  return table.concat(parts) .. directory .. tail
end

--- Writes the sample as a ZIP to a new temporary file, with `padding` bytes of filler in an extra
--- file (for uploads of several blocks); returns its path and size.
function driver_package.sample(padding)
  local files = driver_package.files()
  if padding and padding > 0 then
    local chunk = {}
    for i = 1, 256 do chunk[i] = string.char((i * 7919) % 256) end
    chunk = table.concat(chunk)
    files[#files + 1] = {path = "docs/filler.bin", data = chunk:rep(padding // #chunk + 1):sub(1, padding)}
  end
  local bytes = driver_package.zip(files)
  local path = os.tmpname()
  local file = assert(io.open(path, "wb"))
  file:write(bytes)
  file:close()
  return path, #bytes
end

return driver_package
