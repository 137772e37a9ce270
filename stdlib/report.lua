--- Results as people and tools read them: aligned tables for a terminal, Markdown, JUnit XML
--- for CI test reports, and the GitHub Actions step summary. What they write is redacted
--- (`hdc.redact`): no SAS signature, token or secret reaches a report.
---
---   local report = require "report"
---   local columns = {{key = "id", title = "submission"}, {key = "step"}, {key = "state"}}
---   io.write(report.table(rows, columns))
---   report.step_summary("## Submissions\n\n" .. report.markdown(rows, columns))
local report = { _VERSION = "1.0" }

local function normalise(columns, rows)
  if not columns then
    local keys, seen = {}, {}
    for _, row in ipairs(rows) do
      for k in pairs(row) do
        if type(k) == "string" and not seen[k] then seen[k] = true; keys[#keys + 1] = k end
      end
    end
    table.sort(keys)
    columns = keys
  end
  local out = {}
  for i, c in ipairs(columns) do
    if type(c) == "string" then c = { key = c } end
    out[i] = { key = c.key, title = c.title or c.key, format = c.format, align = c.align }
  end
  return out
end

-- Every text this module writes goes through the run's redactor first: a submission's URLs,
-- a service message quoting one, an error naming a secret.
local function cell(row, column)
  local value = row[column.key]
  if column.format then value = column.format(value, row) end
  if value == nil or value == hdc.null then return "" end
  return hdc.redact(tostring(value), type(column.key) == "string" and column.key or nil)
end

--- An aligned text table with a header line, for a terminal. `columns` lists keys or
--- `{key, title, format = function(value, row), align = "right"}`; by default every key, sorted.
function report.table(rows, columns)
  columns = normalise(columns, rows)
  local widths = {}
  for i, c in ipairs(columns) do widths[i] = utf8.len(c.title) or #c.title end
  local cells = {}
  for r, row in ipairs(rows) do
    cells[r] = {}
    for i, c in ipairs(columns) do
      local text = cell(row, c)
      cells[r][i] = text
      widths[i] = math.max(widths[i], utf8.len(text) or #text)
    end
  end
  local function line(values)
    local parts = {}
    for i, text in ipairs(values) do
      local pad = string.rep(" ", widths[i] - (utf8.len(text) or #text))
      parts[i] = columns[i].align == "right" and pad .. text or (i < #values and text .. pad or text)
    end
    return (table.concat(parts, "  "):gsub("%s+$", "")) .. "\n"
  end
  local titles = {}
  for i, c in ipairs(columns) do titles[i] = c.title end
  local out = { line(titles) }
  for r = 1, #rows do out[#out + 1] = line(cells[r]) end
  return table.concat(out)
end

--- A Markdown (GitHub-flavoured) table.
function report.markdown(rows, columns)
  columns = normalise(columns, rows)
  local function escape(text) return (text:gsub("|", "\\|"):gsub("\n", " ")) end
  local titles, rules = {}, {}
  for i, c in ipairs(columns) do
    titles[i] = escape(c.title)
    rules[i] = c.align == "right" and "---:" or "---"
  end
  local out = { "| " .. table.concat(titles, " | ") .. " |\n", "|" .. table.concat(rules, "|") .. "|\n" }
  for _, row in ipairs(rows) do
    local values = {}
    for i, c in ipairs(columns) do values[i] = escape(cell(row, c)) end
    out[#out + 1] = "| " .. table.concat(values, " | ") .. " |\n"
  end
  return table.concat(out)
end

local function xml(text)
  return (hdc.redact(tostring(text)):gsub("[&<>\"']", { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;", ["'"] = "&apos;" }))
end

--- JUnit XML for CI test reports. `cases` holds `{name, classname, time, failure = message,
--- error = message, skipped = true|message, output = text}`; `options.name` names the suite.
function report.junit(cases, options)
  options = options or {}
  local failures, errors, skipped, time = 0, 0, 0, 0
  for _, c in ipairs(cases) do
    if c.failure then failures = failures + 1 end
    if c.error then errors = errors + 1 end
    if c.skipped then skipped = skipped + 1 end
    time = time + (c.time or 0)
  end
  local out = {
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    ('<testsuite name="%s" tests="%d" failures="%d" errors="%d" skipped="%d" time="%.3f">\n'):format(
      xml(options.name or "hwsubmit"), #cases, failures, errors, skipped, time),
  }
  for _, c in ipairs(cases) do
    out[#out + 1] = ('  <testcase name="%s" classname="%s" time="%.3f"'):format(xml(c.name), xml(c.classname or options.name or "hwsubmit"), c.time or 0)
    if not (c.failure or c.error or c.skipped or c.output) then
      out[#out + 1] = "/>\n"
    else
      out[#out + 1] = ">\n"
      if c.failure then out[#out + 1] = ('    <failure message="%s">%s</failure>\n'):format(xml(c.failure), xml(c.failure)) end
      if c.error then out[#out + 1] = ('    <error message="%s">%s</error>\n'):format(xml(c.error), xml(c.error)) end
      if c.skipped then out[#out + 1] = ('    <skipped message="%s"/>\n'):format(xml(c.skipped == true and "" or c.skipped)) end
      if c.output then out[#out + 1] = ("    <system-out>%s</system-out>\n"):format(xml(c.output)) end
      out[#out + 1] = "  </testcase>\n"
    end
  end
  out[#out + 1] = "</testsuite>\n"
  return table.concat(out)
end

--- Appends Markdown to the GitHub Actions step summary (`$GITHUB_STEP_SUMMARY`) when the
--- script runs in a workflow there; elsewhere does nothing. Returns whether it wrote.
function report.step_summary(markdown)
  local path = os.getenv("GITHUB_STEP_SUMMARY")
  if not path or path == "" then return false end
  local file, problem = io.open(path, "a")
  if not file then error("cannot write the step summary " .. path .. ": " .. problem, 2) end
  markdown = hdc.redact(markdown)
  file:write(markdown, markdown:sub(-1) == "\n" and "" or "\n")
  file:close()
  return true
end

return report
