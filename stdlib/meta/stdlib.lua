---@meta stdlib
-- Annotations of hwsubmit's Lua API for lua-language-server: add this folder to
-- "workspace.library". Generated from the binding registry by `hwsubmit doc --write`; do not edit.

---Files and directories: paths, listing, whole-file reads, atomic writes, `mkdir -p`, temporary directories.
---@class fs
---@field _VERSION string the module's version, for pinning (`assert(workflow._VERSION >= "1.0")`)
fs = {}

---Joins path parts with `/`, dropping empty parts and doubled slashes.
---@param ... string the parts; an absolute part starts the path anew
---@return string # the joined path
function fs.join(...) end

---The last part of a path (`build/out/pkg.zip` gives `pkg.zip`).
---@param path string a file or directory path
---@return string # the name
function fs.basename(path) end

---The directory part of a path (`.` when there is none).
---@param path string a file or directory path
---@return string # the directory
function fs.dirname(path) end

---The path made absolute against the current directory, with `.` and `..` resolved.
---@param path string a file or directory path
---@return string # the absolute path
function fs.absolute(path) end

---Tells whether a file or directory exists at a path.
---@param path string a file or directory path
---@return boolean # true when something is there
function fs.exists(path) end

---Tells whether a path is a directory.
---@param path string a file or directory path
---@return boolean # true for a directory
function fs.is_dir(path) end

---The size of a file in bytes, or nil when there is no file.
---@param path string a file or directory path
---@return integer|nil # the size
function fs.size(path) end

---Lists a directory's entries, sorted by name.
---@param path string the directory
---@param options? table `recursive` (boolean, default false): every file below it, as paths relative to it; directories themselves are left out then
---@return string[] # names (or relative paths)
function fs.list(path, options) end

---Reads a whole file as a string (bytes as they are).
---@param path string a file or directory path
---@return string # the contents
function fs.read(path) end

---Writes a string to a file atomically (a temporary file renamed over it), creating missing directories.
---@param path string a file or directory path
---@param contents string the bytes to write
function fs.write(path, contents) end

---Creates a directory and any missing parents (`mkdir -p`); one already there is fine.
---@param path string a file or directory path
function fs.mkdir(path) end

---Removes a file, or a directory with everything in it; nothing there is fine.
---@param path string a file or directory path
function fs.remove(path) end

---Moves a file or directory to a new path, replacing a file already there.
---@param from string the current path
---@param to string the new path
function fs.rename(from, to) end

---Creates a new, empty temporary directory and returns its path; the script removes it when done.
---@param prefix? string the start of its name (default `hwsubmit`)
---@return string # the directory's path
function fs.tmpdir(prefix) end

---ZIP files for driver packages: zip a folder reproducibly, list, read and extract entries.
---@class archive
---@field _VERSION string the module's version, for pinning (`assert(workflow._VERSION >= "1.0")`)
archive = {}

---Zips every file below a folder into a ZIP file (deflated, paths relative to the folder).
---@param folder string the folder to zip
---@param zip_path string the ZIP file to write (replaced if there)
---@return table # `path`, `files` (how many), `bytes` (the ZIP's size)
function archive.zip(folder, zip_path) end

---Lists the files in a ZIP file, in the order they are stored.
---@param zip_path string the ZIP file
---@return table[] # one `{path = …, size = …, compressed_size = …, crc32 = …}` per file
function archive.list(zip_path) end

---Reads one file of a ZIP file as a string, or returns nil and a message when the ZIP has no such file.
---@param zip_path string the ZIP file
---@param entry string the file's path in it (case is ignored)
---@return string|nil contents # its bytes
---@return string|nil message # why there are none
function archive.read(zip_path, entry) end

---Extracts every file of a ZIP file into a folder (created when missing).
---@param zip_path string the ZIP file
---@param folder string where the files go
---@return string[] # the paths written, relative to the folder
function archive.extract(zip_path, folder) end

---Driver INF files: `[Version]` and `DriverVer`, manufacturers, models sections per decoration, hardware IDs.
---@class inf
---@field _VERSION string the module's version, for pinning (`assert(workflow._VERSION >= "1.0")`)
inf = {}

---Reads the text of an INF file (as bytes: UTF-16 with its byte-order mark works).
---@param text string the file's bytes
---@param source? string its name, for error messages
---@return table # `version` (`signature`, `class`, `class_guid`, `provider`, `catalog_file`, `driver_date`, `driver_date_iso`, `driver_version`), `manufacturers` (`name`, `models`, `decorations`), `models` (one per models section: `manufacturer`, `section`, `decoration`, `architecture` such as amd64, `service_architecture` such as X64, `build`, `present`, `devices` of `{description, install_section, hardware_id, compatible_ids}`), `hardware_ids` (every one, without repeats), `sections` (name → entries `{key, values, line}`), `strings`, `encoding`, `diagnostics`
function inf.parse(text, source) end

---Reads an INF file from disk.
---@param path string the .inf file
---@return table # `version` (`signature`, `class`, `class_guid`, `provider`, `catalog_file`, `driver_date`, `driver_date_iso`, `driver_version`), `manufacturers` (`name`, `models`, `decorations`), `models` (one per models section: `manufacturer`, `section`, `decoration`, `architecture` such as amd64, `service_architecture` such as X64, `build`, `present`, `devices` of `{description, install_section, hardware_id, compatible_ids}`), `hardware_ids` (every one, without repeats), `sections` (name → entries `{key, values, line}`), `strings`, `encoding`, `diagnostics`
function inf.read(path) end

---Log lines with levels and key-value fields, on stderr in the interpreter's `--log-format`, at its `--log-level`.
---@class log
---@field _VERSION string the module's version, for pinning (`assert(workflow._VERSION >= "1.0")`)
log = {}

---Logs a line at level `trace`, with optional key-value fields.
---@param message string what happened
---@param fields? table key-value pairs shown after the message (`(product=…, step=…)`), or as `metadata` in JSON lines
function log.trace(message, fields) end

---Logs a line at level `debug`, with optional key-value fields.
---@param message string what happened
---@param fields? table key-value pairs shown after the message (`(product=…, step=…)`), or as `metadata` in JSON lines
function log.debug(message, fields) end

---Logs a line at level `info`, with optional key-value fields.
---@param message string what happened
---@param fields? table key-value pairs shown after the message (`(product=…, step=…)`), or as `metadata` in JSON lines
function log.info(message, fields) end

---Logs a line at level `notice`, with optional key-value fields.
---@param message string what happened
---@param fields? table key-value pairs shown after the message (`(product=…, step=…)`), or as `metadata` in JSON lines
function log.notice(message, fields) end

---Logs a line at level `warning`, with optional key-value fields.
---@param message string what happened
---@param fields? table key-value pairs shown after the message (`(product=…, step=…)`), or as `metadata` in JSON lines
function log.warning(message, fields) end

---Logs a line at level `error`, with optional key-value fields.
---@param message string what happened
---@param fields? table key-value pairs shown after the message (`(product=…, step=…)`), or as `metadata` in JSON lines
function log.error(message, fields) end

---Logs a line at level `critical`, with optional key-value fields.
---@param message string what happened
---@param fields? table key-value pairs shown after the message (`(product=…, step=…)`), or as `metadata` in JSON lines
function log.critical(message, fields) end

---The lowest level that is shown (`info` unless `--log-level` or `--quiet` changed it).
---@return string # trace, debug, info, notice, warning, error or critical
function log.level() end

---Tells whether lines at a level are shown: for skipping work that only feeds a log line.
---@param level string trace, debug, info, notice, warning, error or critical
---@return boolean # true when shown
function log.enabled(level) end

---The whole submission flow in one call: check, product, submission, upload, commit, wait, download; resumable, with dry runs and hooks.
---@class workflow
---@field _VERSION string the module's version, for pinning (`assert(workflow._VERSION >= "1.0")`)
---@field steps string[] the steps' names, in order, as hooks get them
workflow = {}

---Submits a driver package and, by default, waits for signing and downloads the signed package.
---@param options table `package` (a .zip/.cab file or a folder; required), `product` (product fields; `productName` defaults to the submission's name and `requestedSignatures` to what the INF files call for) or `product_id` (an existing product), `name` (the submission's; default: the package's name and DriverVer), `type` ("initial" or "derived"), `wait` (default true), `timeout`, `interval`, `max_interval` (as `hdc.wait`), `wait_metadata` (also ask for the driver metadata and wait until it is there, as `hdc.wait_metadata`; the journal keeps the request, so a rerun only waits), `download` (where the signed package goes; nil: no download), `journal` (a JSON file that makes the run resumable), `dry_run` (print every request instead of sending it; nothing is written either), `on_request` (a function given each line a dry run prints, instead of `print`: `function() end` keeps it quiet), `hooks` (`before_step(step, ctx)`, `after_step(step, ctx)`, `on_error(step, err, ctx)`, `on_change(change)`), `client` (an `hdc.Client`; default the default client), `on_progress` (the upload's), `work_dir` (where a folder is zipped without a journal)
---@return table # `product_id`, `submission_id`, `name`, `status` ("signed" or "committed"), `signed_package` (its path), `contents` (its files, as `archive.list`), `zip`, `infs`, `steps` (`{step, seconds}` or `{step, skipped}`), `resumed`, `journal`, `dry_run`, `requests` (a dry run's would-be requests, each `{method, path, body, note}`, in order)
function workflow.submit(options) end

---Finds and reads the INF files of a package (a folder or a .zip file).
---@param package string the package's path
---@return table[] # one `{path = name in the package, driver = inf table}` per INF file (see `inf.read`)
function workflow.inspect(package) end

---The `requestedSignatures` an INF file calls for: one per architecture of its models sections, for the first Windows release at or after the decoration's build.
---@param driver table an INF file as `inf.read` returns it
---@return string[] # OS codes such as `WINDOWS_v100_X64_RS5_FULL`, sorted
function workflow.signatures_for(driver) end

---Command-line parsing for scripts: flags, options, positionals, defaults, and a generated `--help`.
---@class args
---@field _VERSION string the module's version, for pinning (`assert(workflow._VERSION >= "1.0")`)
args = {}

---Parses a script's arguments against a description of the command.
---@param spec table the command's description
---@param argv string[] usually the script's `arg`
---@param settings? table `exit` (default true): on `--help` print the help and exit 0, on a mistake print it with a hint and exit 2 (and, when the command has a `--json` flag and it was given, `{"ok": false, "error": {"kind": "usage", …}}` on stdout); false returns nil and a message instead
---@return table|nil values # positionals by `name`, options by long name with dashes as underscores (`--product-id` gives `product_id`); `many` ones as arrays, flags as booleans
---@return string|nil message # what is wrong ("help" for `--help`), with `exit = false`
function args.parse(spec, argv, settings) end

---The `--help` text of a command's description.
---@param spec table the command's description
---@return string # the text
function args.help(spec) end

---What the scripts in `scripts/` share as tools: `--json` results and failures, usage errors, the exit status table.
---@class cli
---@field _VERSION string the module's version, for pinning (`assert(workflow._VERSION >= "1.0")`)
---@field exit_codes_help string the exit status table, for a command's `epilog`
---@field request_timeout_option table the `--request-timeout DURATION` option every script takes, as an `args` option description
cli = {}

---Calls a function; on failure prints the error as JSON first when asked, then raises it again (so the exit status says its kind).
---@param json boolean whether `--json` was given
---@param fn function the work
---@param ... any its arguments
---@return any ... # what `fn` returned
function cli.run(json, fn, ...) end

---Prints a result as one pretty JSON object on stdout, adding `ok = true` to a table.
---@param value any the result
function cli.json(value) end

---A failure as a plain table for JSON: the fields of an `hdc.Error`, or the message of anything else.
---@param err any what `pcall` caught
---@return table # `kind`, `code`, `status`, `message`, `advice`, `request_id`, …
function cli.error_table(err) end

---A copy of a value with every string passed through `hdc.redact` (SAS signatures, tokens, secrets; a field named `sig` or `client_secret` blanked whole), as hwsubmit's own output does.
---@param value any a result to print: submissions carry SAS URLs in `downloads`
---@return any # the copy (strings redacted; tables copied, keys included)
function cli.redact(value) end

---Writes a line to stderr: where a script's lines for people go under `--json`, so stdout holds only the JSON document.
---@param line string the text, without the new line
function cli.stderr_line(line) end

---Says what is wrong with the command line, as `args` does, and exits with status 2; under `--json` it also prints the failure as JSON on stdout (kind `usage`).
---@param spec table the command's description (for its name)
---@param message string what is wrong
---@param json? boolean whether `--json` was given: stdout gets `{"ok": false, "error": {"kind": "usage", …}}`
function cli.usage_failure(spec, message, json) end

---Applies a script's `--request-timeout` to every request of the default client (`hdc.set_request_timeout`); nil leaves the run's setting.
---@param seconds? number the parsed `--request-timeout` (`args` reads the duration into seconds)
function cli.use_request_timeout(seconds) end

---Retrying steps of a workflow: exponential back-off with jitter, attempt limits, polling until a condition holds.
---@class retry
---@field _VERSION string the module's version, for pinning (`assert(workflow._VERSION >= "1.0")`)
retry = {}

---Calls a function until it returns, retrying the errors `retry_if` accepts with growing pauses.
---@param fn function the work
---@param options? table `attempts` (default 3), `delay` (seconds before the second try, default 1), `factor` (default 2), `max_delay` (default 60), `jitter` (default true), `retry_if` (function(err), default `retry.retryable`), `on_retry` (function(err, attempt, delay))
---@param ... any arguments for `fn`
---@return any ... # what `fn` returned
function retry.call(fn, options, ...) end

---A function that calls `fn` through `retry.call` with the same options every time.
---@param fn function the work
---@param options? table as for `retry.call`
---@return function # the wrapped function
function retry.wrap(fn, options) end

---Calls `check` every `interval` seconds until it returns a true value, and returns that; raises an `hdc.Error` of kind `timeout` (exit status 9) after `timeout`.
---@param check function returns nil or false while not ready
---@param options? table `timeout` (seconds, default 600), `interval` (default 5), `what` (for the error message)
---@return any # what `check` returned
function retry.poll(check, options) end

---The default `retry_if`: true for an `hdc.Error` the service marks `retryable`.
---@param err any what the work raised
---@return boolean # whether to try again
function retry.retryable(err) end

---Results for people and tools: aligned terminal tables, Markdown, JUnit XML, the GitHub Actions step summary.
---@class report
---@field _VERSION string the module's version, for pinning (`assert(workflow._VERSION >= "1.0")`)
report = {}

---An aligned text table with a header line, for a terminal.
---@param rows table[] one table per row
---@param columns? table which keys, in order
---@return string # the table, one line per row
function report.table(rows, columns) end

---A Markdown table.
---@param rows table[] one table per row
---@param columns? table which keys, in order
---@return string # the table
function report.markdown(rows, columns) end

---JUnit XML, which CI systems show as test results.
---@param cases table[] `{name, classname, time, failure = message, error = message, skipped, output}`
---@param options? table `name`: the suite's
---@return string # the XML document
function report.junit(cases, options) end

---Appends Markdown to the GitHub Actions step summary when `$GITHUB_STEP_SUMMARY` is set; elsewhere does nothing.
---@param markdown string the text
---@return boolean # whether it wrote
function report.step_summary(markdown) end

---A small test harness for workflows (describe, it, expect), run by `hwsubmit test` against the emulator.
---@class spec
---@field _VERSION string the module's version, for pinning (`assert(workflow._VERSION >= "1.0")`)
spec = {}

---Groups tests under a name; groups nest.
---@param name string the group's name
---@param body function declares its tests
function spec.describe(name, body) end

---Declares a test; it runs when the file has been read, after its groups' `before_each` functions.
---@param name string what it shows
---@param body function the test; it fails by raising
function spec.it(name, body) end

---Runs a function before every test of the enclosing group.
---@param fn function set-up
function spec.before_each(fn) end

---Runs a function after every test of the enclosing group, even a failed one.
---@param fn function clean-up
function spec.after_each(fn) end

---Checks about a value: `to_be`, `to_equal`, `to_be_truthy`, `to_be_falsy`, `to_be_nil`, `to_be_a`, `to_match`, `to_contain`, `to_fail`, `to_fail_with_kind`.
---@param value any the value (a function for `to_fail`)
---@return table # the checks
function spec.expect(value) end

---Runs the tests declared so far, prints one line each and `N passed, N failed`.
---@param options? table `output` (a file, default io.stdout), `filter` (a pattern on test names)
---@return integer passed # how many passed
---@return integer failed # how many failed
---@return table[] results # `{name, time, failure}`, for `report.junit`
function spec.run(options) end

---Any Lua value as text a person can read: sorted, indented, cut at limits, SAS signatures masked; what the REPL shows results with.
---@class pretty
---@field _VERSION string the module's version, for pinning (`assert(workflow._VERSION >= "1.0")`)
---@field defaults table the limits `format` applies: `depth` (5), `items` (100), `string_length` (200), `width` (100), `indent` (two spaces)
---@field placeholder string what replaces a secret: `<redacted>`
---@field resources table[] how service resources are recognised and ordered: `{kind, match = function(t), first = {keys}, fold = {key = true}}`
pretty = {}

---A value as readable text, and a description of what was cut to fit the limits.
---@param value any what to show
---@param options? table any field of `pretty.defaults`: `depth`, `items`, `string_length`, `width`, `indent`
---@return string text # the text
---@return table|nil cut # `{depth, items, strings, options}` counts of what was cut, or nil when nothing was
function pretty.format(value, options) end

---Prints each value formatted, like `print`, then one line saying what was cut, if anything was.
---@param ... any the values
function pretty.print(...) end

---One line saying what `format` cut and how to see more, or nil when nothing was cut.
---@param cut table|nil the second result of `pretty.format`
---@return string|nil # the line
function pretty.note(cut) end
