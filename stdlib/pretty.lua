--- pretty: any Lua value as text a person can read.
--
--   local pretty = require "pretty"
--   print(pretty(value))              -- the same as pretty.format(value)
--   pretty.print(a, b)                -- like print, one formatted value after another
--   local text, cut = pretty.format(value, {depth = 8, items = 500})
--
-- Tables are indented with their keys sorted (the sequence 1..n first, as a list), a table
-- that contains itself is marked `<cycle: .path>`, and nesting, long tables and long strings
-- are cut at limits, each cut marked where it happened (`{…}`, `…and 12 more`, `"…" (5000
-- bytes)`). `format` returns a second value describing what was cut, and `pretty.note(cut)`
-- says it in one line. Every string goes through `hdc.redact` (a SAS URL's `sig`, tokens,
-- the run's secrets; a field named `sig` or `client_secret` whole). Hardware Dev Center resources
-- (submissions, products, shipping labels) show their name, IDs, step and state first.
--
-- The hwsubmit REPL shows results with this module.

local pretty = { _VERSION = "1.0" }

--- The limits `format` applies when `options` leaves them out.
pretty.defaults = {
  depth = 5,            -- tables nested deeper are shown as {…}
  items = 100,          -- entries shown per table
  string_length = 200,  -- bytes shown per string
  width = 100,          -- a table that fits in this many columns stays on one line
  indent = "  ",
}

--- What replaces a secret (the same placeholder hwsubmit's own logs use).
pretty.placeholder = "<redacted>"

local format_string, concat, sort, rep = string.format, table.concat, table.sort, string.rep
local type, tostring, next, rawget, pairs, ipairs = type, tostring, next, rawget, pairs, ipairs
local pcall, math_type = pcall, math.type
local print = print
-- The run's redactor, as hwsubmit's own output uses it.
local redact = hdc.redact

local keywords = {}
for word in ([[and break do else elseif end false for function goto if in local nil not or
  repeat return then true until while]]):gmatch("%a+") do keywords[word] = true end

-- Resources of the Hardware Dev Center API, recognised by their fields. `first` lists the
-- fields shown before all others, in that order; `fold` lists bulky fields shown as a count.
pretty.resources = {
  {
    kind = "submission",
    match = function(t)
      return rawget(t, "id") ~= nil and (rawget(t, "productId") ~= nil or rawget(t, "product_id") ~= nil)
        and (rawget(t, "workflowStatus") ~= nil or rawget(t, "workflow_status") ~= nil
          or rawget(t, "commitStatus") ~= nil or rawget(t, "commit_status") ~= nil)
        and rawget(t, "shippingLabelName") == nil and rawget(t, "shipping_label_name") == nil
    end,
    first = { "name", "id", "productId", "product_id", "type", "step", "state", "workflowStatus",
      "workflow_status", "commitStatus", "commit_status" },
    fold = { links = true },
  },
  {
    kind = "shipping label",
    match = function(t)
      return rawget(t, "id") ~= nil and (rawget(t, "shippingLabelName") ~= nil or rawget(t, "shipping_label_name") ~= nil
        or rawget(t, "submissionId") ~= nil or rawget(t, "submission_id") ~= nil)
    end,
    first = { "name", "shippingLabelName", "shipping_label_name", "id", "productId", "product_id", "submissionId",
      "submission_id", "step", "state", "workflowStatus", "workflow_status" },
    fold = { links = true },
  },
  {
    kind = "product",
    match = function(t)
      return rawget(t, "id") ~= nil and (rawget(t, "productName") ~= nil or rawget(t, "product_name") ~= nil)
    end,
    first = { "name", "productName", "product_name", "id", "sharedProductId", "shared_product_id" },
    fold = { links = true },
  },
}

local escapes = { ["\n"] = "\\n", ["\t"] = "\\t", ["\r"] = "\\r", ["\\"] = "\\\\", ['"'] = '\\"', ["\0"] = "\\0" }

local function quote(s)
  s = s:gsub('[%c"\\]', function(c) return escapes[c] or format_string("\\%d", c:byte()) end)
  if not utf8.len(s) then
    s = s:gsub("[\128-\255]", function(c) return format_string("\\x%02X", c:byte()) end)
  end
  return '"' .. s .. '"'
end

-- The first `limit` bytes of `s`, not splitting a UTF-8 sequence.
local function cut_utf8(s, limit)
  local stop = limit
  while stop > 0 do
    local b = s:byte(stop + 1)
    if b == nil or b < 0x80 or b >= 0xC0 then break end
    stop = stop - 1
  end
  return s:sub(1, stop)
end

local function key_rank(k)
  local t = type(k)
  if t == "number" then return 1 elseif t == "string" then return 2 elseif t == "boolean" then return 3 end
  return 4
end

local function key_before(a, b)
  local ra, rb = key_rank(a), key_rank(b)
  if ra ~= rb then return ra < rb end
  if ra == 1 or ra == 2 then return a < b end
  return tostring(a) < tostring(b)
end

local function is_identifier(k)
  return type(k) == "string" and k:match("^[%a_][%w_]*$") ~= nil and not keywords[k]
end

local function path_to(path, k)
  if is_identifier(k) then return path .. "." .. k end
  if type(k) == "string" then return path .. "[" .. quote(k) .. "]" end
  return path .. "[" .. tostring(k) .. "]"
end

local Formatter = {}
Formatter.__index = Formatter

local function new_formatter(options)
  local self = setmetatable({ cut = { depth = 0, items = 0, strings = 0 }, visiting = {} }, Formatter)
  for name, value in pairs(pretty.defaults) do self[name] = value end
  if type(options) == "table" then
    for name in pairs(pretty.defaults) do
      if options[name] ~= nil then self[name] = options[name] end
    end
  end
  return self
end

function Formatter:string(s, field)
  s = redact(s, field)
  if #s > self.string_length then
    self.cut.strings = self.cut.strings + 1
    local shown = cut_utf8(s, self.string_length)
    return quote(shown):sub(1, -2) .. '…" (' .. #s .. " bytes)"
  end
  return quote(s)
end

function Formatter:scalar(v)
  local t = type(v)
  if t == "string" then return self:string(v) end
  if t == "number" or t == "boolean" or t == "nil" then return tostring(v) end
  local json = package.loaded.json
  if type(json) == "table" and v == rawget(json, "null") then return "json.null" end
  if t == "function" then
    local info = debug and debug.getinfo and debug.getinfo(v, "S")
    if info and info.what ~= "C" then return format_string("<function %s:%d>", info.short_src, info.linedefined) end
    return "<function: builtin>"
  end
  local ok, text = pcall(tostring, v)
  return "<" .. (ok and redact(tostring(text)) or t) .. ">"
end

function Formatter:key(k)
  -- A key is shown as it is unless it holds a secret (a table keyed by URLs or tokens).
  if is_identifier(k) and redact(k) == k then return k end
  if type(k) == "string" then return "[" .. self:string(k) .. "]" end
  return "[" .. self:scalar(k) .. "]"
end

local function resource_of(t)
  for _, resource in ipairs(pretty.resources) do
    local ok, matched = pcall(resource.match, t)
    if ok and matched then return resource end
  end
  return nil
end

-- The keys of `t` in display order: the sequence 1..n, then a resource's leading fields,
-- then the rest sorted.
local function ordered_keys(t, resource)
  local keys, n = {}, 0
  while rawget(t, n + 1) ~= nil do
    n = n + 1
    keys[n] = n
  end
  local leading, taken = {}, {}
  if resource then
    for _, name in ipairs(resource.first) do
      if rawget(t, name) ~= nil and not taken[name] then
        leading[#leading + 1] = name
        taken[name] = true
      end
    end
  end
  local rest = {}
  for k in next, t do
    if not (math_type(k) == "integer" and k >= 1 and k <= n) and not taken[k] then rest[#rest + 1] = k end
  end
  sort(rest, key_before)
  for _, k in ipairs(leading) do keys[#keys + 1] = k end
  for _, k in ipairs(rest) do keys[#keys + 1] = k end
  return keys, n
end

function Formatter:table(t, level, path)
  if self.visiting[t] then return "<cycle: " .. self.visiting[t] .. ">" end
  if next(t) == nil then return "{}" end
  if level > self.depth then
    self.cut.depth = self.cut.depth + 1
    return "{…}"
  end
  self.visiting[t] = path == "" and "top level" or path
  local resource = resource_of(t)
  local keys, sequence = ordered_keys(t, resource)
  local entries, multiline, length = {}, false, 0
  local shown = math.min(#keys, self.items)
  for i = 1, shown do
    local k = keys[i]
    local v = rawget(t, k)
    local text
    if resource and resource.fold[k] and type(v) == "table" then
      local count = 0
      for _ in next, v do count = count + 1 end
      text = "{…" .. count .. "}"
    elseif type(k) == "string" and type(v) == "string" then
      text = self:string(v, k)
    elseif type(v) == "table" then
      text = self:table(v, level + 1, path_to(path, k))
    else
      text = self:scalar(v)
    end
    if i > sequence then text = self:key(k) .. " = " .. text end
    entries[i] = text
    if text:find("\n", 1, true) then multiline = true end
    length = length + #text + 2
  end
  if #keys > shown then
    self.cut.items = self.cut.items + 1
    entries[#entries + 1] = "…and " .. (#keys - shown) .. " more"
  end
  self.visiting[t] = nil
  local label = resource and ("--[[" .. resource.kind .. "]] ") or ""
  local indent = rep(self.indent, level - 1)
  if not multiline and #indent + #label + length + 4 <= self.width then
    return label .. "{ " .. concat(entries, ", ") .. " }"
  end
  -- One entry a line, except that short items of the sequence share lines up to the width.
  local inner = indent .. self.indent
  local lines, line = {}, nil
  for i, text in ipairs(entries) do
    local packable = i <= sequence and not text:find("\n", 1, true)
    if packable and line and #inner + #line + #text + 2 <= self.width then
      line = line .. " " .. text .. ","
    else
      if line then lines[#lines + 1] = line end
      line = text .. ","
      if not packable then
        lines[#lines + 1] = line
        line = nil
      end
    end
  end
  if line then lines[#lines + 1] = line end
  return label .. "{\n" .. inner .. concat(lines, "\n" .. inner) .. "\n" .. indent .. "}"
end

--- `value` as text, and a description of what was cut to fit the limits (nil when nothing
-- was): `{depth = tables, items = tables, strings = strings, options = the limits used}`.
--
-- `options` may set any field of `pretty.defaults`.
function pretty.format(value, options)
  local formatter = new_formatter(options)
  local text
  if type(value) == "table" then
    text = formatter:table(value, 1, "")
  else
    text = formatter:scalar(value)
  end
  local cut = formatter.cut
  if cut.depth + cut.items + cut.strings == 0 then return text, nil end
  cut.options = { depth = formatter.depth, items = formatter.items, string_length = formatter.string_length }
  return text, cut
end

--- One line saying what `format` cut and how to see more, or nil when nothing was cut.
function pretty.note(cut)
  if not cut then return nil end
  local parts, larger = {}, {}
  local function plural(n, word) return n .. " " .. word .. (n == 1 and "" or "s") end
  local limits = cut.options or pretty.defaults
  if cut.depth > 0 then
    parts[#parts + 1] = plural(cut.depth, "table") .. " nested deeper than " .. limits.depth .. " levels"
    larger[#larger + 1] = "depth = " .. limits.depth * 2
  end
  if cut.items > 0 then
    parts[#parts + 1] = plural(cut.items, "table") .. " longer than " .. limits.items .. " entries"
    larger[#larger + 1] = "items = " .. limits.items * 10
  end
  if cut.strings > 0 then
    parts[#parts + 1] = plural(cut.strings, "string") .. " longer than " .. limits.string_length .. " bytes"
    larger[#larger + 1] = "string_length = " .. limits.string_length * 10
  end
  return "-- cut: " .. concat(parts, ", ") .. "; pretty.print(value, {" .. concat(larger, ", ") .. "}) shows more"
end

--- Prints each value formatted, separated by tabs like `print` (by new lines when one takes
-- several), then the note of what was cut, if anything was.
function pretty.print(...)
  local count = select("#", ...)
  local texts, notes = {}, {}
  for i = 1, count do
    local text, cut = pretty.format((select(i, ...)))
    texts[i] = text
    notes[#notes + 1] = pretty.note(cut)
  end
  local multiline = false
  for _, text in ipairs(texts) do multiline = multiline or text:find("\n", 1, true) ~= nil end
  print(concat(texts, multiline and "\n" or "\t"))
  if #notes > 0 then print(notes[1]) end
end

return setmetatable(pretty, {
  __call = function(_, value, options) return (pretty.format(value, options)) end,
})
