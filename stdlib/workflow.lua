--- The whole submission flow of the Hardware Dev Center in one call: check the package, create
--- (or reuse) the product, create the submission, upload, commit, wait for signing, download
--- the signed package. Resumable with a journal, rehearsed with `dry_run`, observable and
--- extensible with hooks.
---
---   local workflow = require "workflow"
---   local result = workflow.submit{
---     package = "build/contoso-widget",            -- a .zip/.cab file or a folder (zipped for you)
---     product = {productName = "Contoso Widget 1.2.0"},
---     download = "out/contoso-widget-signed.zip",
---     journal = "out/contoso-widget.journal.json",  -- run again after a crash: it continues
---     wait_metadata = true,                         -- and wait for the driver metadata too
---   }
---   print(result.product_id, result.submission_id, result.signed_package)
local fs = require "fs"
local archive = require "archive"
local inf = require "inf"
local log = require "log"

local workflow = { _VERSION = "1.0" }

--- The steps, in order; hooks get these names.
workflow.steps = { "validate", "package", "product", "submission", "upload", "commit", "wait", "metadata", "download" }

--- Windows releases by first build, for the signatures a package's INF asks for.
local releases = { { "RS5", 17763 }, { "19H1", 18362 }, { "VB", 19041 }, { "CO", 22000 }, { "NI", 22621 }, { "GE", 26100 } }

--- The `requestedSignatures` an INF's models sections call for: one per architecture, for the
--- first Windows release at or after the decoration's build (RS5 when it names none).
function workflow.signatures_for(driver)
  local codes, seen = {}, {}
  for _, models in ipairs(driver.models) do
    local arch = models.service_architecture
    if arch and arch ~= hdc.null and models.present then
      local build = models.build ~= hdc.null and models.build or 0
      local release = releases[#releases][1]
      for _, r in ipairs(releases) do
        if r[2] >= build then release = r[1]; break end
      end
      local code = ("WINDOWS_v100_%s_%s_FULL"):format(arch, release)
      if not seen[code] then seen[code] = true; codes[#codes + 1] = code end
    end
  end
  table.sort(codes)
  return codes
end

--- Finds and reads the INF files of a package (a folder, or a .zip file).
--- Returns an array of `{path = name in the package, driver = inf table}`.
function workflow.inspect(package)
  local found = {}
  if fs.is_dir(package) then
    for _, name in ipairs(fs.list(package, { recursive = true })) do
      if name:lower():match("%.inf$") then found[#found + 1] = { path = name, driver = inf.read(fs.join(package, name)) } end
    end
  elseif package:lower():match("%.zip$") then
    for _, entry in ipairs(archive.list(package)) do
      if entry.path:lower():match("%.inf$") then
        found[#found + 1] = { path = entry.path, driver = inf.parse(archive.read(package, entry.path), entry.path) }
      end
    end
  end
  return found
end

local function usage_error(message)
  error(hdc.new_error{ kind = "invalidInput", message = message,
    advice = "Correct the workflow's options and run it again." }, 3)
end

-- The journal: a JSON file written atomically after every step (and before each step that
-- creates something at the service, so a crash between the request and the record is settled
-- by looking the resource up instead of creating it again).
local Journal = {}
Journal.__index = Journal

local function open_journal(path, package)
  local self = setmetatable({ path = path, data = { version = 1, package = package, steps = {} } }, Journal)
  if path and fs.exists(path) then
    local ok, data = pcall(hdc.json.decode, fs.read(path))
    if not ok or type(data) ~= "table" or data.version ~= 1 then
      usage_error(("the journal %s cannot be read (%s); remove it to start afresh"):format(path, ok and "unknown format" or tostring(data)))
    end
    if data.package ~= package then
      usage_error(("the journal %s belongs to the package %s, not %s; give another --journal or remove it"):format(path, tostring(data.package), package))
    end
    self.data = data
    self.data.steps = self.data.steps or {}
    self.resumed = true
  end
  return self
end

function Journal:save()
  if self.path then fs.write(self.path, hdc.json.encode(self.data, { pretty = true }) .. "\n") end
end

function Journal:done(step) return self.data.steps[step] ~= nil end

function Journal:finish(step, fields)
  for k, v in pairs(fields or {}) do self.data[k] = v end
  self.data.steps[step] = os.date("!%Y-%m-%dT%H:%M:%SZ")
  self:save()
end

function Journal:intend(key, value)
  self.data[key] = value
  self:save()
end

-- The IDs of the items an iterator gives whose `field` is `name`.
local function ids_named(iterator, field, name)
  local ids = {}
  for item in iterator do
    if item[field] == name then ids[#ids + 1] = item.id end
  end
  return ids
end

-- The first item named `name` that is not one of the IDs in `before`: what an earlier run
-- created after noting `before` (names are not unique at the service, so the name alone could
-- pick up an older product or submission of the same name).
local function created_since(iterator, field, name, before)
  local known = {}
  for _, id in ipairs(before or {}) do known[id] = true end
  for item in iterator do
    if item[field] == name and not known[item.id] then return item end
  end
end

-- A client that sends nothing: every request is recorded and printed instead, with made-up
-- IDs, so a dry run walks the same code as a real one. `record(request)` gets each request as
-- `{method, path, body, note}`.
local function dry_client(record)
  local ids = { product = 14631253285588800, submission = 1152921504621465100 }
  local function show(method, path, body, note)
    record({ method = method, path = path, body = body, note = note })
  end
  local c = {}
  function c.product(id) show("GET", "/products/" .. id); return { id = id, productName = "(product " .. id .. ")" } end
  function c.find_product(q) show("GET", "/products", nil, "looking for " .. q.name); return nil end
  function c.create_product(body)
    show("POST", "/products", body)
    return { id = ids.product, productName = body.productName }
  end
  function c.create_submission(product_id, body)
    show("POST", ("/products/%d/submissions"):format(product_id), body)
    return { id = ids.submission, productId = product_id, name = body.name, commitStatus = "commitPending" }
  end
  function c.submission(product_id, submission_id)
    show("GET", ("/products/%d/submissions/%d"):format(product_id, submission_id))
    return { id = submission_id, productId = product_id, commitStatus = "commitPending" }
  end
  function c.submissions() return function() return nil end end
  function c.upload(submission, path)
    show("PUT", ("<initialPackage SAS URL of submission %d>"):format(submission.id), nil,
      ("Put Block/Put Block List: %s, %d bytes"):format(fs.basename(path), fs.size(path) or 0))
  end
  function c.commit(submission)
    show("POST", ("/products/%d/submissions/%d/commit"):format(submission.productId, submission.id))
  end
  function c.wait(product_id, submission_id)
    show("GET", ("/products/%d/submissions/%d"):format(product_id, submission_id), nil, "every interval until signed or failed")
    return { id = submission_id, productId = product_id, commitStatus = "commitComplete" }
  end
  function c.wait_metadata(product_id, submission_id)
    show("POST", ("/products/%d/submissions/%d/createpublishermetadata"):format(product_id, submission_id), nil, "when it has no driver metadata")
    show("GET", ("/products/%d/submissions/%d"):format(product_id, submission_id), nil, "every interval until its driverMetadata appears")
    return { id = submission_id, productId = product_id, commitStatus = "commitComplete" }
  end
  function c.download(submission, kind, path)
    show("GET", ("<%s SAS URL of submission %d>"):format(kind, submission.id), nil, "to " .. path)
  end
  return c
end

-- The lines a dry run prints for a request: `dry run: METHOD PATH (note)`, then its body.
local function request_lines(request)
  local lines = { ("dry run: %s %s%s"):format(request.method, request.path, request.note and (" (" .. request.note .. ")") or "") }
  if request.body then lines[2] = "  " .. hdc.json.encode(request.body, { sort_keys = true }) end
  return lines
end

-- The service functions, through `client` (an hdc.Client) or the default client.
local function service(client)
  if not client then return hdc end
  return setmetatable({}, { __index = function(_, name)
    return function(...) return client[name](client, ...) end
  end })
end

local function check_options(o)
  if type(o) ~= "table" then usage_error("workflow.submit expects a table of options") end
  local known = { package = true, product = true, product_id = true, name = true, type = true, wait = true,
    download = true, journal = true, dry_run = true, hooks = true, client = true, timeout = true, interval = true, max_interval = true,
    wait_metadata = true,
    work_dir = true, on_progress = true, on_request = true, checksum = true, file_md5 = true }
  for k in pairs(o) do
    if not known[k] then usage_error(("workflow.submit: unknown option '%s'"):format(tostring(k))) end
  end
  if type(o.package) ~= "string" or o.package == "" then usage_error("workflow.submit: `package` (a path) is required") end
  if o.product ~= nil and type(o.product) ~= "table" then usage_error("workflow.submit: `product` must be a table of product fields") end
  if o.product_id ~= nil and math.type(o.product_id) ~= "integer" then usage_error("workflow.submit: `product_id` must be an integer") end
  if o.product and o.product_id then usage_error("workflow.submit: give `product` or `product_id`, not both") end
  if o.type ~= nil and o.type ~= "initial" and o.type ~= "derived" then usage_error("workflow.submit: `type` is \"initial\" or \"derived\"") end
  if o.download ~= nil and type(o.download) ~= "string" then usage_error("workflow.submit: `download` must be a path") end
  if o.checksum ~= nil and o.checksum ~= "crc64" and o.checksum ~= "md5" then usage_error("workflow.submit: `checksum` is \"crc64\" or \"md5\"") end
  if o.file_md5 ~= nil and type(o.file_md5) ~= "boolean" then usage_error("workflow.submit: `file_md5` must be true or false") end
end

--- Runs the whole flow. See the module's documentation for the options and the result.
function workflow.submit(options)
  check_options(options)
  local hooks = options.hooks or {}
  local dry = options.dry_run == true
  local package = fs.absolute(options.package)
  local requests = {}
  local function record(request)
    requests[#requests + 1] = request
    for _, line in ipairs(request_lines(request)) do (options.on_request or print)(line) end
  end
  local hdcs = dry and dry_client(record) or service(options.client)
  local journal = open_journal(options.journal and fs.absolute(options.journal), package)
  local data = journal.data
  -- What the flow did, for the log; a dry run did nothing, and its printed requests say so.
  local function did(message, fields)
    if not dry then log.info(message, fields) end
  end
  local result = { dry_run = dry, resumed = journal.resumed == true, journal = journal.path, package = package, steps = {} }
  if journal.resumed then log.info("resuming from the journal", { journal = journal.path }) end

  -- A folder made for this run only (the zip of a folder without a journal, or a dry run's),
  -- removed when the run ends, however it ends.
  local temporary
  local function remove_temporary()
    if temporary then fs.remove(temporary); temporary = nil end
  end

  local function call_hook(hook, ...)
    if not hook then return end
    local ok, err = pcall(hook, ...)
    if not ok then
      remove_temporary()
      error(err, 0)
    end
  end

  local function step(name, fn)
    local context = { step = name, journal = data, result = result }
    if journal:done(name) then
      result.steps[#result.steps + 1] = { step = name, skipped = "done in an earlier run" }
      return
    end
    call_hook(hooks.before_step, name, context)
    local started = hdc.now()
    local ok, err = pcall(fn)
    if not ok then
      remove_temporary()
      call_hook(hooks.on_error, name, err, context)
      error(err, 0)
    end
    result.steps[#result.steps + 1] = { step = name, seconds = hdc.now() - started }
    if not dry then journal:finish(name) end
    call_hook(hooks.after_step, name, context)
  end

  step("validate", function()
    if not fs.exists(package) then usage_error(("workflow.submit: no package at %s"):format(options.package)) end
    local lower = package:lower()
    if not fs.is_dir(package) and not lower:match("%.zip$") and not lower:match("%.cab$") then
      usage_error(("workflow.submit: %s is neither a folder nor a .zip or .cab file"):format(options.package))
    end
    local infs = lower:match("%.cab$") and {} or workflow.inspect(package)
    if not lower:match("%.cab$") and #infs == 0 then
      usage_error(("workflow.submit: %s holds no .inf file; a driver package needs one"):format(options.package))
    end
    local ids, versions = {}, {}
    for _, f in ipairs(infs) do
      for _, id in ipairs(f.driver.hardware_ids) do ids[#ids + 1] = id end
      versions[#versions + 1] = f.driver.version.driver_version
    end
    data.infs = {}
    for _, f in ipairs(infs) do
      data.infs[#data.infs + 1] = { path = f.path, driver_version = f.driver.version.driver_version,
        hardware_ids = f.driver.hardware_ids, signatures = workflow.signatures_for(f.driver) }
    end
    data.name = options.name or (fs.basename(package):gsub("%.%w+$", "") .. (versions[1] and versions[1] ~= hdc.null and (" " .. versions[1]) or ""))
    log.info("package checked", { package = options.package, infs = #infs, hardware_ids = #ids })
  end)
  result.infs = data.infs
  result.name = data.name

  step("package", function()
    if fs.is_dir(package) then
      local zip
      if dry then
        -- Zipped to know its size, in a folder removed when the run ends: a dry run leaves
        -- nothing behind.
        temporary = fs.tmpdir("hwsubmit-dry-run")
        zip = fs.join(temporary, fs.basename(package) .. ".zip")
      elseif journal.path then
        zip = (journal.path:gsub("%.json$", "")) .. ".zip"
      elseif options.work_dir then
        result.work_dir = options.work_dir
        zip = fs.join(options.work_dir, fs.basename(package) .. ".zip")
      else
        temporary = fs.tmpdir("hwsubmit-package")
        zip = fs.join(temporary, fs.basename(package) .. ".zip")
      end
      local made = archive.zip(package, zip)
      log.info(dry and "zipped the package to learn its size (a dry run keeps nothing)" or "zipped the package",
        { zip = not dry and zip or nil, files = made.files, bytes = made.bytes })
      data.zip = zip
    else
      data.zip = package
    end
    if not dry then journal:save() end
  end)
  result.zip = not (dry and temporary) and data.zip or nil

  step("product", function()
    if options.product_id then
      local product = hdcs.product(options.product_id)
      data.product_id = product.id
      return
    end
    local fields = {}
    for k, v in pairs(options.product or {}) do fields[k] = v end
    fields.productName = fields.productName or data.name
    if not fields.requestedSignatures then
      local codes, seen = {}, {}
      for _, f in ipairs(data.infs or {}) do
        for _, code in ipairs(f.signatures) do if not seen[code] then seen[code] = true; codes[#codes + 1] = code end end
      end
      if #codes == 0 then usage_error("workflow.submit: no requestedSignatures given and none follow from the INF files; set product.requestedSignatures") end
      fields.requestedSignatures = codes
    end
    local product
    local intent = data.creating_product
    if intent and not dry then
      -- An earlier run may have sent the create and stopped before recording the answer.
      product = created_since(hdcs.products(), "productName", intent.name, intent.existing)
      if product then log.info("found the product an earlier run created", { product = product.id }) end
    end
    if not product then
      if journal.path and not dry then
        journal:intend("creating_product", { name = fields.productName, existing = hdc.json.array(ids_named(hdcs.products(), "productName", fields.productName)) })
      end
      product = hdcs.create_product(fields)
      did("created the product", { product = product.id, name = fields.productName })
    end
    data.product_id = product.id
  end)
  result.product_id = data.product_id

  step("submission", function()
    local body = { name = data.name, type = options.type or "initial" }
    local submission
    local intent = data.creating_submission
    if intent and not dry then
      submission = created_since(hdcs.submissions(data.product_id), "name", intent.name, intent.existing)
      if submission then log.info("found the submission an earlier run created", { submission = submission.id }) end
    end
    if not submission then
      if journal.path and not dry then
        journal:intend("creating_submission", { name = body.name, existing = hdc.json.array(ids_named(hdcs.submissions(data.product_id), "name", body.name)) })
      end
      submission = hdcs.create_submission(data.product_id, body)
      did("created the submission", { product = data.product_id, submission = submission.id, name = body.name })
    end
    data.submission_id = submission.id
  end)
  result.submission_id = data.submission_id

  local function current()
    return hdcs.submission(data.product_id, data.submission_id)
  end

  step("upload", function()
    local submission = current()
    hdcs.upload(submission, data.zip, { on_progress = options.on_progress, checksum = options.checksum, file_md5 = options.file_md5 })
    did("uploaded the package", { submission = data.submission_id, bytes = fs.size(data.zip) })
  end)

  step("commit", function()
    local submission = current()
    if data.committing and hdc.progress(submission).committed then
      log.info("the commit of an earlier run landed", { submission = data.submission_id, commit_status = submission.commitStatus })
      return
    end
    if not dry then journal:intend("committing", true) end
    hdcs.commit(submission)
    did("committed", { submission = data.submission_id })
  end)

  if options.wait == false then
    result.status = "committed"
    remove_temporary()
    return result
  end

  local signed
  step("wait", function()
    signed = hdcs.wait(data.product_id, data.submission_id, {
      timeout = options.timeout, interval = options.interval, max_interval = options.max_interval,
      on_change = hooks.on_change,
    })
    did("signed", { submission = data.submission_id })
  end)
  result.status = "signed"

  if options.wait_metadata then
    step("metadata", function()
      -- Asked for once: a resumed wait only waits (the service's hours run from the first request).
      local ask = not data.metadata_requested
      if not dry then journal:intend("metadata_requested", true) end
      signed = hdcs.wait_metadata(data.product_id, data.submission_id, {
        timeout = options.timeout, interval = options.interval, max_interval = options.max_interval,
        request = ask, on_change = hooks.on_change,
      })
      did("driver metadata", { submission = data.submission_id })
    end)
    result.driver_metadata = true
  end

  if options.download then
    local target = fs.absolute(options.download)
    if journal:done("download") and not fs.exists(target) then
      data.steps.download = nil   -- downloaded by an earlier run, but gone since: fetch it again
    end
    step("download", function()
      signed = signed or current()
      if not dry then fs.mkdir(fs.dirname(target)) end
      hdcs.download(signed, "signedPackage", target)
      data.signed_package = target
    end)
    result.signed_package = data.signed_package or target
    if not dry and fs.exists(result.signed_package) and result.signed_package:lower():match("%.zip$") then
      result.contents = archive.list(result.signed_package)
    end
  end
  remove_temporary()
  if dry then result.requests = requests end
  return result
end

return workflow
