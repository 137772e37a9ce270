-- emulator: --step-delay=10s
-- Pre-production signing: a package sent as the body of PUT /preprod/packages/, its status
-- walking NotStarted, Processing, Succeeded on the emulator's clock (which the script moves),
-- its assets as a bare array, the signed files downloaded through the service's redirect, a
-- planned failure, and the argument errors.
local check = require "check"
local driver_package = require "driver_package"

local path = driver_package.sample()
check.bad_argument("(string expected, got number)", function() return hdc.preprod.submit(42) end)
check.hdc_error("localFile", nil, hdc.preprod.submit, path .. ".missing")

local package = hdc.preprod.submit(path)
check.eq(type(package.id), "string", "a string ID")
check.eq(package.signingStatus, "NotStarted", "not started at first")
check.eq(check.requests("PUT /preprod/packages", 200), 1, "one PUT")

-- No assets until it is signed; the list is a bare array.
check.eq(#hdc.preprod.assets(package), 0, "no assets yet")
hdc.emulator.advance_clock(10)
check.eq(hdc.preprod.status(package.id).signingStatus, "Processing", "processing after one step")

local changes = {}
hdc.emulator.advance_clock(10)
local signed = hdc.preprod.wait(package, {interval = 0.02, on_change = function(c)
  changes[#changes + 1] = c.state
  check.eq(c.step, "preprodSigning", "the step of a package's changes")
  check.eq(c.package.id, package.id, "the package in the change")
end})
check.eq(signed.signingStatus, "Succeeded", "signed")
check.truthy(#changes >= 1, "changes reported")
check.eq(#signed.assets, 1, "the package's GET lists its asset")

local assets = hdc.preprod.assets(signed)
check.eq(#assets, 1, "one asset")
check.eq(assets[1].assetType, "SignedFilesZip", "the signed files")
check.eq(assets[1].packageId, package.id, "of the package")
check.eq(#assets[1].contentHash, 64, "a SHA-256")

local target = os.tmpname()
local got = hdc.preprod.download(assets[1], target)
check.eq(got.path, target, "written where asked")
check.truthy(got.bytes > 0, "bytes received")
local listed = require("archive").list(target)
local names = {}
for _, entry in ipairs(listed) do names[#names + 1] = entry.path end
check.contains(table.concat(names, " "), "contosowidget.cat", "the signed files hold a catalog")
-- By IDs, as well as by the asset table.
check.eq(hdc.preprod.download(package.id, assets[1].id, target).bytes, got.bytes, "by IDs")
os.remove(target)

-- A failure planned for the next package fails the wait with the service's message.
hdc.emulator.admin("POST", "/preprod-packages/next/fail", {messages = {"The catalog is not signed for attestation."}})
local failing = hdc.preprod.submit(path)
hdc.emulator.advance_clock(30)
local failure = check.hdc_error("workflowFailed", nil, hdc.preprod.wait, failing, {interval = 0.02})
check.contains(failure.message, "The catalog is not signed for attestation.", "the service's message")
check.eq(hdc.preprod.status(failing).error.message, "The catalog is not signed for attestation.", "error.message")
check.eq(#hdc.preprod.assets(failing), 0, "no assets for a failed package")

-- A refusal before anything happened (429) is sent again; an answer lost after the package
-- was made is not (the service lists no packages to look it up in): no second package.
local before = #hdc.emulator.state().preprodPackages
hdc.emulator.fault{route = "PUT /preprod/packages", status = 429, retryAfter = 1, count = 1}
check.eq(type(hdc.preprod.submit(path).id), "string", "sent again after a 429")
check.eq(#hdc.emulator.state().preprodPackages, before + 1, "one package for it")
hdc.emulator.fault{route = "PUT /preprod/packages", status = 503, after = true, count = 1}
local lost = check.hdc_error("uncertainOutcome", nil, hdc.preprod.submit, path)
check.contains(lost.advice, "Partner Center", "says where to look")
check.eq(#hdc.emulator.state().preprodPackages, before + 2, "the package made once, not twice")

check.hdc_error("notFound", "entityNotFound", hdc.preprod.status, "no-such-package")
check.hdc_error("notFound", "entityNotFound", hdc.preprod.download, package.id, "no-such-asset", os.tmpname())
os.remove(path)

check.done()
