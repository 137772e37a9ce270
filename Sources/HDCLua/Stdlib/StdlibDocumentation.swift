/// The documentation of the stdlib modules written in Lua (`stdlib/*.lua`): what
/// `hwsubmit doc workflow.submit` and `docs/lua-api.md` show. A test loads each file and checks
/// that the functions it exports and the ones documented here are the same.
enum StdlibDocumentation {
    static var modules: [LuaModuleDoc] { [workflow, args, cli, retry, report, spec, pretty] }

    /// The `_VERSION` every stdlib module has, bound Swift or Lua: one version for the stdlib.
    static let version = LuaFieldDoc("_VERSION", "string", "the module's version, for pinning (`assert(workflow._VERSION >= \"1.0\")`)")

    static var workflow: LuaModuleDoc {
        LuaModuleDoc(
            name: "workflow",
            summary: "The whole submission flow in one call: check, product, submission, upload, commit, wait, download; resumable, with dry runs and hooks.",
            description: """
                `local workflow = require "workflow"`. Steps, in order: `validate` (the package exists and holds INF files, read for hardware IDs, `DriverVer` and the signatures they call for), `package` (a folder is zipped, reproducibly), `product` (created, or `product_id` fetched), `submission`, `upload`, `commit`, `wait`, `download`.

                With `journal`, progress is written to that JSON file after every step, and before each step that creates something at the service; running the same call again continues where the last run stopped: a product or submission whose creation was sent but not recorded is looked up by name rather than created again, the upload sends only the blocks the service lacks, and a commit that landed is not sent again.
                """,
            implementation: .luaFile("workflow.lua"),
            functions: [
                .stdlib("workflow", "submit", "Submits a driver package and, by default, waits for signing and downloads the signed package.",
                   [LuaParameterDoc("options", "table", "`package` (a .zip/.cab file or a folder; required), `product` (product fields; `productName` defaults to the submission's name and `requestedSignatures` to what the INF files call for) or `product_id` (an existing product), `name` (the submission's; default: the package's name and DriverVer), `type` (\"initial\" or \"derived\"), `wait` (default true), `timeout`, `interval`, `max_interval` (as `hdc.wait`), `download` (where the signed package goes; nil: no download), `journal` (a JSON file that makes the run resumable), `dry_run` (print every request instead of sending it; nothing is written either), `on_request` (a function given each line a dry run prints, instead of `print`: `function() end` keeps it quiet), `hooks` (`before_step(step, ctx)`, `after_step(step, ctx)`, `on_error(step, err, ctx)`, `on_change(change)`), `client` (an `hdc.Client`; default the default client), `on_progress` (the upload's), `work_dir` (where a folder is zipped without a journal)")],
                   [LuaReturnDoc("table", "`product_id`, `submission_id`, `name`, `status` (\"signed\" or \"committed\"), `signed_package` (its path), `contents` (its files, as `archive.list`), `zip`, `infs`, `steps` (`{step, seconds}` or `{step, skipped}`), `resumed`, `journal`, `dry_run`, `requests` (a dry run's would-be requests, each `{method, path, body, note}`, in order)")],
                   """
                   local result = workflow.submit{
                     package = "examples/contoso-widget",
                     product = {productName = "Contoso Widget 1.2.0"},
                     download = "out/contoso-widget-signed.zip",
                     journal = "out/contoso-widget.journal.json",
                     hooks = {after_step = function(step) print("done: " .. step) end},
                   }
                   print(result.submission_id, result.signed_package)
                   """,
                   access: .write,
                   notes: "Failures raise what failed: the `hdc.Error` of the service call (a failed signing is kind `workflowFailed`), or kind `invalidInput` for options or a package that cannot be submitted. `on_error` hooks see the error first. A dry run needs no credentials and sends nothing, not even reads."),
                .stdlib("workflow", "inspect", "Finds and reads the INF files of a package (a folder or a .zip file).",
                   [LuaParameterDoc("package", "string", "the package's path")],
                   [LuaReturnDoc("table[]", "one `{path = name in the package, driver = inf table}` per INF file (see `inf.read`)")],
                   """
                   for _, found in ipairs(workflow.inspect("examples/contoso-widget")) do
                     print(found.path, #found.driver.hardware_ids)
                   end
                   """),
                .stdlib("workflow", "signatures_for", "The `requestedSignatures` an INF file calls for: one per architecture of its models sections, for the first Windows release at or after the decoration's build.",
                   [LuaParameterDoc("driver", "table", "an INF file as `inf.read` returns it")],
                   [LuaReturnDoc("string[]", "OS codes such as `WINDOWS_v100_X64_RS5_FULL`, sorted")],
                   #"print(table.concat(workflow.signatures_for(inf.read("contosowidget.inf")), ", "))"#),
            ],
            fields: [version, LuaFieldDoc("steps", "string[]", "the steps' names, in order, as hooks get them")])
    }

    static var args: LuaModuleDoc {
        LuaModuleDoc(
            name: "args",
            summary: "Command-line parsing for scripts: flags, options, positionals, defaults, and a generated `--help`.",
            description: "`local args = require \"args\"`. One table describes the command: `name`, `summary`, `description`, `epilog`, `positionals` (`{name, help, optional, default, many}`) and `options` (`{\"--name\", \"-n\", type = \"flag\"|\"string\"|\"integer\"|\"number\", default, many, choices, metavar, required, help}`).",
            implementation: .luaFile("args.lua"),
            functions: [
                .stdlib("args", "parse", "Parses a script's arguments against a description of the command.",
                   [
                       LuaParameterDoc("spec", "table", "the command's description"),
                       LuaParameterDoc("argv", "string[]", "usually the script's `arg`"),
                       LuaParameterDoc("settings", "table", optional: true, "`exit` (default true): on `--help` print the help and exit 0, on a mistake print it with a hint and exit 2 (and, when the command has a `--json` flag and it was given, `{\"ok\": false, \"error\": {\"kind\": \"usage\", …}}` on stdout); false returns nil and a message instead"),
                   ],
                   [LuaReturnDoc("table|nil", name: "values", "positionals by `name`, options by long name with dashes as underscores (`--product-id` gives `product_id`); `many` ones as arrays, flags as booleans"), LuaReturnDoc("string|nil", name: "message", "what is wrong (\"help\" for `--help`), with `exit = false`")],
                   """
                   local opts = args.parse({
                     name = "status.lua", summary = "Show a submission.",
                     positionals = {{name = "product_id"}, {name = "submission_id", optional = true}},
                     options = {{"--json", type = "flag", help = "print JSON"}},
                   }, arg)
                   """),
                .stdlib("args", "help", "The `--help` text of a command's description.",
                   [LuaParameterDoc("spec", "table", "the command's description")], [LuaReturnDoc("string", "the text")],
                   #"io.write(args.help(spec))"#),
            ],
            fields: [version])
    }

    static var cli: LuaModuleDoc {
        LuaModuleDoc(
            name: "cli",
            summary: "What the scripts in `scripts/` share as tools: `--json` results and failures, usage errors, the exit status table.",
            implementation: .luaFile("cli.lua"),
            functions: [
                .stdlib("cli", "run", "Calls a function; on failure prints the error as JSON first when asked, then raises it again (so the exit status says its kind).",
                   [LuaParameterDoc("json", "boolean", "whether `--json` was given"), LuaParameterDoc("fn", "function", "the work"), LuaParameterDoc("...", "any", optional: true, "its arguments")],
                   [LuaReturnDoc("any", name: "...", "what `fn` returned")],
                   #"local result = cli.run(opts.json, workflow.submit, {package = opts.package})"#),
                .stdlib("cli", "json", "Prints a result as one pretty JSON object on stdout, adding `ok = true` to a table.",
                   [LuaParameterDoc("value", "any", "the result")], [], #"cli.json({submissions = rows})"#),
                .stdlib("cli", "error_table", "A failure as a plain table for JSON: the fields of an `hdc.Error`, or the message of anything else.",
                   [LuaParameterDoc("err", "any", "what `pcall` caught")], [LuaReturnDoc("table", "`kind`, `code`, `status`, `message`, `advice`, `request_id`, …")],
                   #"local ok, err = pcall(hdc.product, id); if not ok then cli.json({ok = false, error = cli.error_table(err)}) end"#),
                .stdlib("cli", "redact", "A copy of a value with every string passed through `hdc.redact` (SAS signatures, tokens, secrets; a field named `sig` or `client_secret` blanked whole), as hwsubmit's own output does.",
                   [LuaParameterDoc("value", "any", "a result to print: submissions carry SAS URLs in `downloads`")], [LuaReturnDoc("any", "the copy (strings redacted; tables copied, keys included)")],
                   #"print(hdc.json.encode(cli.redact(hdc.submission(s))))"#),
                .stdlib("cli", "stderr_line", "Writes a line to stderr: where a script's lines for people go under `--json`, so stdout holds only the JSON document.",
                   [LuaParameterDoc("line", "string", "the text, without the new line")], [],
                   #"workflow.submit{package = p, dry_run = true, on_request = opts.json and cli.stderr_line or nil}"#),
                .stdlib("cli", "usage_failure", "Says what is wrong with the command line, as `args` does, and exits with status 2; under `--json` it also prints the failure as JSON on stdout (kind `usage`).",
                   [LuaParameterDoc("spec", "table", "the command's description (for its name)"), LuaParameterDoc("message", "string", "what is wrong"),
                    LuaParameterDoc("json", "boolean", optional: true, "whether `--json` was given: stdout gets `{\"ok\": false, \"error\": {\"kind\": \"usage\", …}}`")], [],
                   #"if not fs.exists(opts.package) then cli.usage_failure(spec, "no package at " .. opts.package, opts.json) end"#),
            ],
            fields: [version, LuaFieldDoc("exit_codes_help", "string", "the exit status table, for a command's `epilog`")])
    }

    static var retry: LuaModuleDoc {
        LuaModuleDoc(
            name: "retry",
            summary: "Retrying steps of a workflow: exponential back-off with jitter, attempt limits, polling until a condition holds.",
            description: "`local retry = require \"retry\"`. The `hdc` functions already retry each request under the service's rules; this is for the steps above them.",
            implementation: .luaFile("retry.lua"),
            functions: [
                .stdlib("retry", "call", "Calls a function until it returns, retrying the errors `retry_if` accepts with growing pauses.",
                   [
                       LuaParameterDoc("fn", "function", "the work"),
                       LuaParameterDoc("options", "table", optional: true, "`attempts` (default 3), `delay` (seconds before the second try, default 1), `factor` (default 2), `max_delay` (default 60), `jitter` (default true), `retry_if` (function(err), default `retry.retryable`), `on_retry` (function(err, attempt, delay))"),
                       LuaParameterDoc("...", "any", optional: true, "arguments for `fn`"),
                   ],
                   [LuaReturnDoc("any", name: "...", "what `fn` returned")],
                   #"local product = retry.call(hdc.product, {attempts = 5, delay = 2}, product_id)"#,
                   notes: "The last error is raised as it was."),
                .stdlib("retry", "wrap", "A function that calls `fn` through `retry.call` with the same options every time.",
                   [LuaParameterDoc("fn", "function", "the work"), LuaParameterDoc("options", "table", optional: true, "as for `retry.call`")],
                   [LuaReturnDoc("function", "the wrapped function")],
                   #"local fetch = retry.wrap(hdc.submission, {attempts = 4})"#),
                .stdlib("retry", "poll", "Calls `check` every `interval` seconds until it returns a true value, and returns that; raises an `hdc.Error` of kind `timeout` (exit status 9) after `timeout`.",
                   [LuaParameterDoc("check", "function", "returns nil or false while not ready"), LuaParameterDoc("options", "table", optional: true, "`timeout` (seconds, default 600), `interval` (default 5), `what` (for the error message)")],
                   [LuaReturnDoc("any", "what `check` returned")],
                   """
                   local metadata = retry.poll(function()
                     for _, item in ipairs(hdc.submission(s).downloads.items) do
                       if item.type == "driverMetadata" then return item end
                     end
                   end, {timeout = 3600, interval = 60, what = "driver metadata"})
                   """),
                .stdlib("retry", "retryable", "The default `retry_if`: true for an `hdc.Error` the service marks `retryable`.",
                   [LuaParameterDoc("err", "any", "what the work raised")], [LuaReturnDoc("boolean", "whether to try again")],
                   #"retry.call(step, {retry_if = function(err) return retry.retryable(err) or err.kind == "network" end})"#),
            ],
            fields: [version])
    }

    static var report: LuaModuleDoc {
        LuaModuleDoc(
            name: "report",
            summary: "Results for people and tools: aligned terminal tables, Markdown, JUnit XML, the GitHub Actions step summary.",
            description: "`local report = require \"report\"`. `columns` lists keys, or `{key = …, title = …, align = \"right\", format = function(value, row)}` tables; by default every key of the rows, sorted.",
            implementation: .luaFile("report.lua"),
            functions: [
                .stdlib("report", "table", "An aligned text table with a header line, for a terminal.",
                   [LuaParameterDoc("rows", "table[]", "one table per row"), LuaParameterDoc("columns", "table", optional: true, "which keys, in order")],
                   [LuaReturnDoc("string", "the table, one line per row")],
                   #"io.write(report.table(rows, {{key = "id", title = "submission"}, "step", "state"}))"#),
                .stdlib("report", "markdown", "A Markdown table.",
                   [LuaParameterDoc("rows", "table[]", "one table per row"), LuaParameterDoc("columns", "table", optional: true, "which keys, in order")],
                   [LuaReturnDoc("string", "the table")],
                   ###"report.step_summary("## Submissions\n\n" .. report.markdown(rows))"###),
                .stdlib("report", "junit", "JUnit XML, which CI systems show as test results.",
                   [LuaParameterDoc("cases", "table[]", "`{name, classname, time, failure = message, error = message, skipped, output}`"), LuaParameterDoc("options", "table", optional: true, "`name`: the suite's")],
                   [LuaReturnDoc("string", "the XML document")],
                   #"fs.write("out/submissions.xml", report.junit(cases, {name = "bulk-submit"}))"#),
                .stdlib("report", "step_summary", "Appends Markdown to the GitHub Actions step summary when `$GITHUB_STEP_SUMMARY` is set; elsewhere does nothing.",
                   [LuaParameterDoc("markdown", "string", "the text")], [LuaReturnDoc("boolean", "whether it wrote")],
                   #"report.step_summary("Signed: " .. result.signed_package)"#),
            ],
            fields: [version])
    }

    static var pretty: LuaModuleDoc {
        LuaModuleDoc(
            name: "pretty",
            summary: "Any Lua value as text a person can read: sorted, indented, cut at limits, SAS signatures masked; what the REPL shows results with.",
            description: """
                `local pretty = require "pretty"`; `pretty(value)` is `pretty.format(value)`. Tables are indented with their keys sorted (the sequence first, as a list); a table that contains itself is marked `<cycle: .path>`; nesting, long tables and long strings are cut at the limits of `pretty.defaults`, each cut marked where it happened (`{…}`, `…and 12 more`). Every string goes through `hdc.redact`: no SAS signature, token or secret is shown. Products, submissions and shipping labels show their name, IDs, step and state first.
                """,
            implementation: .luaFile("pretty.lua"),
            functions: [
                .stdlib("pretty", "format", "A value as readable text, and a description of what was cut to fit the limits.",
                   [LuaParameterDoc("value", "any", "what to show"), LuaParameterDoc("options", "table", optional: true, "any field of `pretty.defaults`: `depth`, `items`, `string_length`, `width`, `indent`")],
                   [LuaReturnDoc("string", name: "text", "the text"), LuaReturnDoc("table|nil", name: "cut", "`{depth, items, strings, options}` counts of what was cut, or nil when nothing was")],
                   #"local text, cut = pretty.format(hdc.submission(s), {depth = 3}); print(text)"#),
                .stdlib("pretty", "print", "Prints each value formatted, like `print`, then one line saying what was cut, if anything was.",
                   [LuaParameterDoc("...", "any", "the values")], [], #"pretty.print(hdc.product(product_id))"#),
                .stdlib("pretty", "note", "One line saying what `format` cut and how to see more, or nil when nothing was cut.",
                   [LuaParameterDoc("cut", "table|nil", "the second result of `pretty.format`")], [LuaReturnDoc("string|nil", "the line")],
                   #"local text, cut = pretty.format(big); print(text); print(pretty.note(cut))"#),
            ],
            fields: [
                version,
                LuaFieldDoc("defaults", "table", "the limits `format` applies: `depth` (5), `items` (100), `string_length` (200), `width` (100), `indent` (two spaces)"),
                LuaFieldDoc("placeholder", "string", "what replaces a secret: `<redacted>`"),
                LuaFieldDoc("resources", "table[]", "how service resources are recognised and ordered: `{kind, match = function(t), first = {keys}, fold = {key = true}}`"),
            ])
    }

    static var spec: LuaModuleDoc {
        LuaModuleDoc(
            name: "spec",
            summary: "A small test harness for workflows (describe, it, expect), run by `hwsubmit test` against the emulator.",
            description: "`local spec = require \"spec\"`. `hwsubmit test [--emulator] [files or folders]` runs every `*_spec.lua` file, prints `ok`/`FAILED` per test and `N passed, N failed`, and exits 1 when any failed.",
            implementation: .luaFile("spec.lua"),
            functions: [
                .stdlib("spec", "describe", "Groups tests under a name; groups nest.",
                   [LuaParameterDoc("name", "string", "the group's name"), LuaParameterDoc("body", "function", "declares its tests")], [],
                   #"spec.describe("submit.lua", function() spec.it("signs", function() end) end)"#),
                .stdlib("spec", "it", "Declares a test; it runs when the file has been read, after its groups' `before_each` functions.",
                   [LuaParameterDoc("name", "string", "what it shows"), LuaParameterDoc("body", "function", "the test; it fails by raising")], [],
                   #"spec.it("creates one product", function() spec.expect(#hdc.collect(hdc.products())).to_be(1) end)"#),
                .stdlib("spec", "before_each", "Runs a function before every test of the enclosing group.",
                   [LuaParameterDoc("fn", "function", "set-up")], [], #"spec.before_each(function() hdc.emulator.reset() end)"#),
                .stdlib("spec", "after_each", "Runs a function after every test of the enclosing group, even a failed one.",
                   [LuaParameterDoc("fn", "function", "clean-up")], [], #"spec.after_each(function() fs.remove(tmp) end)"#),
                .stdlib("spec", "expect", "Checks about a value: `to_be`, `to_equal`, `to_be_truthy`, `to_be_falsy`, `to_be_nil`, `to_be_a`, `to_match`, `to_contain`, `to_fail`, `to_fail_with_kind`.",
                   [LuaParameterDoc("value", "any", "the value (a function for `to_fail`)")], [LuaReturnDoc("table", "the checks")],
                   #"spec.expect(function() hdc.product(1) end).to_fail_with_kind("notFound")"#),
                .stdlib("spec", "run", "Runs the tests declared so far, prints one line each and `N passed, N failed`.",
                   [LuaParameterDoc("options", "table", optional: true, "`output` (a file, default io.stdout), `filter` (a pattern on test names)")],
                   [LuaReturnDoc("integer", name: "passed", "how many passed"), LuaReturnDoc("integer", name: "failed", "how many failed"), LuaReturnDoc("table[]", name: "results", "`{name, time, failure}`, for `report.junit`")],
                   #"local passed, failed = spec.run(); os.exit(failed == 0)"#),
            ],
            fields: [version])
    }
}
