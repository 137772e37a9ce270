-- Tests of a submission workflow against the emulator, with the `spec` module:
--   hwsubmit test --emulator examples/
local spec = require "spec"
local fs = require "fs"
local workflow = require "workflow"
local describe, it, expect = spec.describe, spec.it, spec.expect

local here = debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$") or "."
local package = fs.join(here, "contoso-widget")
local quick = { interval = 0.05, max_interval = 0.2 }

local function submit(options)
  for k, v in pairs(quick) do options[k] = options[k] or v end
  options.package = options.package or package
  return workflow.submit(options)
end

describe("workflow.submit", function()
  local out
  spec.before_each(function()
    hdc.emulator.reset()
    out = fs.tmpdir("spec")
  end)
  spec.after_each(function() fs.remove(out) end)

  it("signs the Contoso Widget and downloads it", function()
    local result = submit{ download = fs.join(out, "signed.zip") }
    expect(result.status).to_be("signed")
    expect(fs.exists(result.signed_package)).to_be(true)
    expect(math.type(result.submission_id)).to_be("integer")
  end)

  it("asks for the signatures the INF calls for", function()
    local result = submit{ wait = false }
    local product = hdc.product(result.product_id)
    expect(product.requestedSignatures).to_equal({ "WINDOWS_v100_ARM64_RS5_FULL", "WINDOWS_v100_X64_RS5_FULL" })
  end)

  it("raises workflowFailed with the service's messages when scanning fails", function()
    hdc.emulator.fail_at("next", "scanning", { "Virus scan flagged contosowidget.sys." })
    local err = expect(function() submit{} end).to_fail_with_kind("workflowFailed")
    expect(tostring(err)).to_contain("Virus scan flagged contosowidget.sys.")
  end)

  it("sends nothing in a dry run", function()
    hdc.emulator.clear_requests()
    local result = submit{ dry_run = true, download = fs.join(out, "signed.zip"), on_request = function() end }
    expect(#hdc.emulator.requests()).to_be(0)
    expect(result.requests[1].method .. " " .. result.requests[1].path).to_be("POST /products")
    expect(result.requests[1].body.requestedSignatures[1]).to_be("WINDOWS_v100_ARM64_RS5_FULL")
  end)

  it("resumes a finished journal without sending anything, and fetches a deleted download again", function()
    local options = { journal = fs.join(out, "j.json"), download = fs.join(out, "signed.zip") }
    local first = submit(options)
    local before = #hdc.emulator.requests()
    local again = submit(options)
    expect(again.resumed).to_be(true)
    expect(#hdc.emulator.requests()).to_be(before)
    fs.remove(first.signed_package)
    submit(options)
    expect(fs.exists(first.signed_package)).to_be(true)
  end)

  it("calls the hooks around every step", function()
    local seen = {}
    submit{ wait = false, hooks = { after_step = function(step) seen[#seen + 1] = step end } }
    expect(seen).to_equal({ "validate", "package", "product", "submission", "upload", "commit" })
  end)
end)
