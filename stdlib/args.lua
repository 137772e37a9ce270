--- Command-line parsing for hwsubmit scripts: flags, options, positionals, defaults, and the
--- `--help` text generated from the same description.
---
---   local args = require "args"
---   local opts = args.parse({
---     name = "submit.lua", summary = "Submit a driver package and download it signed.",
---     positionals = {{name = "package", help = "a .zip or .cab file, or a folder"}},
---     options = {
---       {"--name", metavar = "NAME", help = "the submission's name"},
---       {"--json", type = "flag", help = "print the result as JSON"},
---       {"--timeout", type = "duration", default = "6h", help = "how long to wait for signing"},
---     },
---   }, arg)
---   print(opts.package, opts.name, opts.json, opts.timeout)
---
--- Option types: `string` (the default), `integer`, `number`, `flag`, and `duration`, which takes
--- the forms every duration option of hwsubmit takes (`90`, `2s`, `400ms`, `5m`, `6h`; read by
--- `hdc.duration`) and gives seconds.
---
--- `--help` prints the help and exits 0; a mistake prints `NAME: what is wrong` and a hint to
--- stderr and exits 2 (the usage status), unless `{exit = false}` asks for `nil, message`. When
--- the command declares a `--json` flag and it was given, the mistake is also printed on stdout
--- as `{"ok": false, "error": {"kind": "usage", "message": …}}`.
local args = { _VERSION = "1.0" }

local USAGE_STATUS = 2

local function key_of(name)
  return (name:gsub("^%-+", ""):gsub("%-", "_"))
end

local function convert(option, text, shown)
  local kind = option.type or "string"
  if kind == "integer" then
    local n = math.tointeger(tonumber(text))
    if not n then return nil, ("%s expects an integer, got '%s'"):format(shown, text) end
    return n
  elseif kind == "number" then
    local n = tonumber(text)
    if not n then return nil, ("%s expects a number, got '%s'"):format(shown, text) end
    return n
  elseif kind == "duration" then
    local seconds = hdc.duration(text)
    if not seconds then
      return nil, ("%s expects a duration (90, 2s, 400ms, 5m, 6h), got '%s'"):format(shown, text)
    end
    return seconds
  end
  if option.choices then
    for _, choice in ipairs(option.choices) do
      if choice == text then return text end
    end
    return nil, ("%s expects one of %s, got '%s'"):format(shown, table.concat(option.choices, ", "), text)
  end
  return text
end

--- Normalises a description: each option gets `names`, `key` and `type`.
local function prepare(spec)
  local options, by_name = {}, {}
  for _, option in ipairs(spec.options or {}) do
    local o = {}
    for k, v in pairs(option) do o[k] = v end
    o.names = {}
    for _, n in ipairs(option) do o.names[#o.names + 1] = n end
    assert(#o.names > 0, "args: an option needs a name such as \"--json\"")
    local long = o.names[#o.names]
    for _, n in ipairs(o.names) do if n:sub(1, 2) == "--" then long = n end end
    o.key = o.key or key_of(long)
    o.type = o.type or "string"
    options[#options + 1] = o
    for _, n in ipairs(o.names) do by_name[n] = o end
  end
  return options, by_name
end

--- The help text of a description.
function args.help(spec)
  local options = prepare(spec)
  local lines = {}
  local usage = "usage: " .. (spec.name or "script")
  if #options > 0 then usage = usage .. " [options]" end
  for _, p in ipairs(spec.positionals or {}) do
    local shown = p.name:upper() .. (p.many and "..." or "")
    usage = usage .. " " .. ((p.optional or p.default ~= nil) and "[" .. shown .. "]" or shown)
  end
  lines[#lines + 1] = usage
  if spec.summary then lines[#lines + 1] = ""; lines[#lines + 1] = spec.summary end
  if spec.description then lines[#lines + 1] = ""; lines[#lines + 1] = spec.description end
  local rows = {}
  for _, p in ipairs(spec.positionals or {}) do
    rows[#rows + 1] = { p.name:upper(), (p.help or "") .. (p.default ~= nil and (" (default " .. tostring(p.default) .. ")") or "") }
  end
  local option_rows = {}
  for _, o in ipairs(options) do
    local form = table.concat(o.names, ", ")
    if o.type ~= "flag" then
      form = form .. " " .. (o.metavar or (o.choices and table.concat(o.choices, "|")) or o.type:upper())
    end
    local help = o.help or ""
    if o.many then help = help .. " (repeatable)" end
    if o.default ~= nil and o.type ~= "flag" then help = help .. " (default " .. tostring(o.default) .. ")" end
    option_rows[#option_rows + 1] = { form, help }
  end
  option_rows[#option_rows + 1] = { "-h, --help", "show this help and exit" }
  local width = 0
  for _, r in ipairs(rows) do width = math.max(width, #r[1]) end
  for _, r in ipairs(option_rows) do width = math.max(width, #r[1]) end
  local function add(title, list)
    if #list == 0 then return end
    lines[#lines + 1] = ""
    lines[#lines + 1] = title
    for _, r in ipairs(list) do
      lines[#lines + 1] = ("  %-" .. width .. "s  %s"):format(r[1], r[2])
    end
  end
  add("Arguments:", rows)
  add("Options:", option_rows)
  if spec.epilog then lines[#lines + 1] = ""; lines[#lines + 1] = spec.epilog end
  return table.concat(lines, "\n") .. "\n"
end

--- Parses `argv` (a script's `arg` table or any array of strings) against a description.
--- Returns the values by key: positionals by `name`, options by their long name with dashes
--- as underscores (`--product-id` gives `product_id`); `many` ones as arrays.
---@param spec table `name`, `summary`, `description`, `epilog`, `positionals`, `options`
---@param argv string[]
---@param settings? table `exit` (default true): print and exit on `--help` and on mistakes
---@return table|nil values
---@return string|nil message
function args.parse(spec, argv, settings)
  local exits = not settings or settings.exit ~= false
  local options, by_name = prepare(spec)
  local values, positionals = {}, {}
  -- Whether the command line asks for `--json` (a flag the command declares), so that a
  -- mistake is reported as JSON on stdout too, like every other failure of the command.
  local function wants_json()
    local json = by_name["--json"]
    if not json or json.type ~= "flag" then return false end
    local i = 1
    while argv[i] ~= nil and argv[i] ~= "--" do
      if argv[i] == "--json" then return true end
      local o = by_name[argv[i]]
      if o and o.type ~= "flag" then i = i + 1 end
      i = i + 1
    end
    return false
  end
  local function fail(message)
    if not exits then return nil, message end
    local name = spec.name or "script"
    if wants_json() then
      io.stdout:write(hdc.json.encode({ ok = false, error = { kind = "usage", code = "usage", message = message,
        advice = ("Try '%s --help' for more."):format(name) } }, { pretty = true }), "\n")
      io.stdout:flush()
    end
    io.stderr:write(("%s: %s\nTry '%s --help' for more.\n"):format(name, message, name))
    os.exit(USAGE_STATUS)
  end
  for _, o in ipairs(options) do
    if o.many then values[o.key] = {} elseif o.type == "flag" then values[o.key] = o.default or false else values[o.key] = o.default end
    -- A duration's default may be written as people write it ("6h"), and is given in seconds too.
    if o.type == "duration" and type(o.default) == "string" then
      values[o.key] = assert(hdc.duration(o.default), "args: the default of " .. o.names[#o.names] .. " is not a duration")
    end
  end
  local i, only_positionals = 1, false
  while argv[i] ~= nil do
    local word = argv[i]
    if only_positionals or word == "-" or word:sub(1, 1) ~= "-" then
      positionals[#positionals + 1] = word
    elseif word == "--" then
      only_positionals = true
    elseif word == "-h" or word == "--help" then
      if not exits then return nil, "help" end
      io.stdout:write(args.help(spec))
      os.exit(0)
    else
      local name, inline = word:match("^(%-%-[^=]+)=(.*)$")
      name = name or word
      local o = by_name[name]
      if not o then return fail(("unknown option '%s'"):format(name)) end
      if o.type == "flag" then
        if inline then return fail(("%s takes no value"):format(name)) end
        values[o.key] = true
      else
        local text = inline
        if text == nil then
          i = i + 1
          text = argv[i]
          if text == nil then return fail(("%s needs a value (%s)"):format(name, o.metavar or o.type)) end
        end
        local value, problem = convert(o, text, name)
        if value == nil then return fail(problem) end
        if o.many then table.insert(values[o.key], value) else values[o.key] = value end
      end
    end
    i = i + 1
  end
  local declared = spec.positionals or {}
  local n = 1
  for index, p in ipairs(declared) do
    if p.many then
      values[p.name] = {}
      while positionals[n] ~= nil do table.insert(values[p.name], positionals[n]); n = n + 1 end
      if #values[p.name] == 0 and not p.optional then return fail(("missing %s"):format(p.name:upper())) end
    else
      local value = positionals[n]
      if value == nil and p.default == nil and not p.optional then
        return fail(("missing %s"):format(p.name:upper()))
      end
      values[p.name] = value == nil and p.default or value
      if value ~= nil then n = n + 1 end
    end
    assert(index == #declared or not p.many, "args: only the last positional may be `many`")
  end
  if positionals[n] ~= nil then return fail(("unexpected argument '%s'"):format(positionals[n])) end
  for _, o in ipairs(options) do
    if o.required and (values[o.key] == nil or (o.many and #values[o.key] == 0)) then
      return fail(("%s is required"):format(o.names[#o.names]))
    end
  end
  return values
end

return args
