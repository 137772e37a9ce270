--- What hwsubmit's scripts share as command-line tools: `--json` output, failures reported as
--- JSON too, usage mistakes, and the exit status table for `--help`.
---
---   local cli = require "cli"
---   local result = cli.run(opts.json, function() return workflow.submit{…} end)
---   if opts.json then cli.json(result) else print(result.submission_id) end
local cli = { _VERSION = "1.0" }

--- The exit statuses every script documents in its `--help` (the interpreter's, by error kind).
cli.exit_codes_help = [[
Exit status:
  0  done                          5  invalid state for the request
  1  script error, invalid input   6  rate limited after retries
  2  usage: a wrong option         7  the service's pipeline failed it
  3  authentication, missing role  8  I/O: network, service, local file
  4  not found                     9  timed out
  10 refused or stopped by --sandbox
  130 interrupted (Ctrl-C); run again with the same --journal to resume]]

--- A copy of a value with every secret in its strings blanked by `hdc.redact` (a SAS URL's
--- `sig`, tokens, the run's secrets; a field named `sig`, `client_secret`, … whole), as
--- hwsubmit's own output does: a submission's download URLs and an error report's URL are
--- secrets while they are valid. Tables are copied, keys included; an `hdc.Error` inside keeps
--- its metatable.
function cli.redact(value, seen, field)
  if type(value) == "string" then return hdc.redact(value, type(field) == "string" and field or nil) end
  if type(value) ~= "table" or (getmetatable(value) == hdc.Error and seen) then return value end
  seen = seen or {}
  if seen[value] then return seen[value] end
  local copy = {}
  seen[value] = copy
  for k, v in pairs(value) do copy[cli.redact(k, seen)] = cli.redact(v, seen, k) end
  local mt = getmetatable(value)
  if mt and mt ~= hdc.Error then setmetatable(copy, mt) end
  return copy
end

-- JSON text for stdout: encoded, then redacted as a whole, so that a secret spelt as only the
-- encoded text spells it (`\u0026sig=`, a key) is caught too.
local function json_text(value)
  return hdc.redact(hdc.json.encode(cli.redact(value), { pretty = true }))
end

--- A failure as a plain table for JSON: the fields of an `hdc.Error`, or the message of any other.
function cli.error_table(err)
  if type(err) == "table" and hdc.is_error(err) then
    local out = {}
    for _, key in ipairs({ "kind", "code", "status", "message", "advice", "request_id", "correlation_id", "retryable",
      "operation", "error_report_url", "details", "validation_errors" }) do
      if err[key] ~= nil then out[key] = err[key] end
    end
    for _, list in ipairs({ "details", "validation_errors" }) do
      if type(out[list]) == "table" then out[list] = hdc.json.array(out[list]) end
    end
    return cli.redact(out)
  end
  return cli.redact({ kind = "script", message = tostring(err) })
end

--- Calls `fn`; when it fails and `json` is set, prints `{"ok": false, "error": {…}}` on stdout
--- first. The error is raised again either way, so the interpreter prints it on stderr and
--- exits with the status of its kind.
function cli.run(json, fn, ...)
  local results = table.pack(pcall(fn, ...))
  if results[1] then return table.unpack(results, 2, results.n) end
  if json then
    io.stdout:write(json_text({ ok = false, error = cli.error_table(results[2]) }), "\n")
    io.stdout:flush()
  end
  error(results[2], 0)
end

--- Prints a result as one JSON object on stdout, with `ok = true` added to a table and every
--- secret blanked (`hdc.redact`).
function cli.json(value)
  if type(value) == "table" and value.ok == nil then value.ok = true end
  io.stdout:write(json_text(value), "\n")
end

--- Writes one line to stderr: where a script's human-readable lines go under `--json`, which
--- keeps stdout for the one JSON document (`on_request = opts.json and cli.stderr_line or nil`).
function cli.stderr_line(line)
  io.stderr:write(hdc.redact(line), "\n")
end

--- Says what is wrong with the command line (as `args` does) and exits with status 2. With
--- `json` (the script's `--json`), stdout gets `{"ok": false, "error": {"kind": "usage", …}}`
--- first, the shape of every other failure.
function cli.usage_failure(spec, message, json)
  local name = spec.name or "script"
  if json then
    io.stdout:write(json_text({ ok = false, error = { kind = "usage", code = "usage", message = message,
      advice = ("Try '%s --help' for more."):format(name) } }), "\n")
    io.stdout:flush()
  end
  io.stderr:write(hdc.redact(("%s: %s\nTry '%s --help' for more.\n"):format(name, message, name)))
  os.exit(2)
end

return cli
