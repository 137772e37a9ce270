-- The Lua stdlib modules: args, retry, report, cli, and workflow.submit's checks of its options
-- and journal.
local check = require "check"
local args = require "args"
local retry = require "retry"
local report = require "report"
local cli = require "cli"
local fs = require "fs"
local workflow = require "workflow"

-- args: flags, options, positionals, defaults, many, choices, mistakes.
local spec = {
  name = "tool.lua",
  positionals = { { name = "first" }, { name = "rest", many = true, optional = true } },
  options = {
    { "-n", "--count", type = "integer", default = 3, help = "how many" },
    { "--tag", many = true },
    { "--mode", choices = { "fast", "slow" } },
    { "--dry-run", type = "flag" },
  },
}
local v = args.parse(spec, { "a", "b", "c", "-n", "7", "--tag=x", "--tag", "y", "--dry-run", "--mode", "slow" }, { exit = false })
check.eq(v.first, "a", "first positional")
check.eq(table.concat(v.rest, ","), "b,c", "many positionals")
check.eq(v.count, 7, "an integer option")
check.eq(math.type(v.count), "integer", "as an integer")
check.eq(table.concat(v.tag, ","), "x,y", "a repeated option")
check.eq(v.dry_run, true, "a flag, dashes as underscores")
check.eq(args.parse(spec, { "a" }, { exit = false }).count, 3, "a default")
check.eq(select(2, args.parse(spec, { "a", "--mode", "medium" }, { exit = false })), "--mode expects one of fast, slow, got 'medium'", "choices")
check.eq(select(2, args.parse(spec, { "a", "--count" }, { exit = false })), "--count needs a value (integer)", "a missing value")
check.eq(select(2, args.parse(spec, { "a", "--nope" }, { exit = false })), "unknown option '--nope'", "an unknown option")
check.eq(select(2, args.parse(spec, {}, { exit = false })), "missing FIRST", "a missing positional")
check.eq(select(2, args.parse(spec, { "--help" }, { exit = false })), "help", "--help")
check.contains(args.help(spec), "usage: tool.lua [options] FIRST [REST...]")
check.contains(args.help(spec), "  -n, --count INTEGER  how many (default 3)")
check.contains(args.help(spec), "--mode fast|slow")

-- retry: retries what retry_if accepts, gives up after attempts, raises the last error as it was.
local calls = 0
local value = retry.call(function(x)
  calls = calls + 1
  if calls < 3 then error("flaky", 0) end
  return x * 2
end, { attempts = 5, delay = 0, retry_if = function() return true end }, 21)
check.eq(value, 42, "the result after retries")
check.eq(calls, 3, "three attempts")
calls = 0
local err = check.raises(retry.call, function() calls = calls + 1; error("always", 0) end, { attempts = 2, delay = 0, retry_if = function() return true end })
check.eq(err, "always", "the last error as it was")
check.eq(calls, 2, "attempts are a limit")
calls = 0
check.raises(retry.call, function() calls = calls + 1; error("not retryable", 0) end, { attempts = 4, delay = 0 })
check.eq(calls, 1, "plain errors are not retried by default")
local n = 0
check.eq(retry.poll(function() n = n + 1; return n >= 3 and "ready" end, { interval = 0, timeout = 5 }), "ready", "poll")
local late = check.hdc_error("timeout", "timeout", retry.poll, function() return false end, { interval = 0.01, timeout = 0.05, what = "the moon" })
check.contains(late.message, "waiting for the moon")

-- report: text, Markdown, JUnit.
local rows = { { id = 1, name = "a|b" }, { id = 22, name = "c" } }
check.eq(report.table(rows, { "id", { key = "name", title = "NAME" } }), "id  NAME\n1   a|b\n22  c\n", "a text table")
check.eq(report.markdown(rows, { "id", "name" }), "| id | name |\n|---|---|\n| 1 | a\\|b |\n| 22 | c |\n", "a Markdown table")
local junit = report.junit({ { name = "ok" }, { name = "bad <one>", failure = "x & y" } }, { name = "suite" })
check.contains(junit, '<testsuite name="suite" tests="2" failures="1"')
check.contains(junit, '<failure message="x &amp; y">')
check.contains(junit, 'name="bad &lt;one&gt;"')

-- cli.redact: no SAS signature survives, other text and JSON markers do.
local redacted = cli.redact({ url = "https://a.blob.core.windows.net/c/b?sv=1&sig=abc%2Bdef&se=2", list = hdc.json.array{} })
check.eq(redacted.url, "https://a.blob.core.windows.net/c/b?sv=1&sig=<redacted>&se=2", "sig redacted")
check.eq(hdc.json.encode(redacted.list), "[]", "an empty array stays one")

-- workflow: the signatures an INF calls for; bad options and a journal of another package.
check.eq(table.concat(workflow.signatures_for({ models = {
  { service_architecture = "X64", build = 17763, present = true },
  { service_architecture = "ARM64", build = 22000, present = true },
  { service_architecture = hdc.null, build = hdc.null, present = true },
} }), ","), "WINDOWS_v100_ARM64_CO_FULL,WINDOWS_v100_X64_RS5_FULL", "signatures per architecture and build")
check.hdc_error("invalidInput", nil, workflow.submit, { package = "x", colour = "blue" })
check.hdc_error("invalidInput", nil, workflow.submit, { product_id = 1 })
local tmp = fs.tmpdir("stdlib-test")
local journal = fs.join(tmp, "j.json")
fs.write(journal, hdc.json.encode({ version = 1, package = "/somewhere/else", steps = {} }))
local e = check.hdc_error("invalidInput", nil, workflow.submit, { package = fs.join(tmp), journal = journal, dry_run = true })
check.contains(tostring(e), "belongs to the package /somewhere/else")
check.contains(tostring(check.hdc_error("invalidInput", nil, workflow.submit, { package = tmp, dry_run = true })), "holds no .inf file")
fs.remove(tmp)

print("ok")
