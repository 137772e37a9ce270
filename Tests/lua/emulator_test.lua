-- hdc.emulator: the admin API from scripts.
local check = require "check"

check.contains(hdc.emulator.admin_url, "/_emulator")
local product = hdc.create_product{productName = "Admin Widget", requestedSignatures = {"WINDOWS_v100_X64_RS5_FULL"}}
local log = hdc.emulator.requests()
check.truthy(#log >= 1, "the request log has entries")
local last = log[#log]
check.eq(last.route, "POST /products", "route")
check.eq(last.status, 201, "status")
check.eq(#hdc.emulator.requests(last.sequence), 0, "nothing after the last entry")
hdc.emulator.clear_requests()
check.eq(#hdc.emulator.requests(), 0, "cleared")

local ids = hdc.emulator.fault{route = "GET /audiences", status = 500, count = 1}
check.eq(#ids, 1, "one rule added")
check.eq(#hdc.emulator.state().faults, 1, "the state shows it")
hdc.emulator.clear_faults()
check.eq(#hdc.emulator.state().faults, 0, "faults cleared")
check.contains(tostring(check.raises(hdc.emulator.fault, {route = "GET /audiences", retry_after = 1})), "retry_after")

local before = hdc.emulator.admin("GET", "/clock").offsetSeconds
check.eq(hdc.emulator.advance_clock(60).offsetSeconds, before + 60, "the clock moved")
hdc.emulator.fail_at("next", "scanning", {"Injected."})
check.eq(#hdc.emulator.state().failuresForNextSubmissions, 1, "a planned failure")
hdc.emulator.fail_label_at("next", "microsoftApproval", {"Business justification missing."})
check.eq(hdc.emulator.state().failuresForNextLabels[1].step, "microsoftApproval", "a planned label failure")
check.contains(tostring(check.raises(hdc.emulator.fail_label_at, "next", "scanning")), "not a shipping label step")
hdc.emulator.expire_sas(0)
check.eq(#hdc.emulator.state().products, 1, "state lists products")
hdc.emulator.reset()
check.eq(#hdc.emulator.state().products, 0, "reset forgets products")
check.hdc_error("notFound", "entityNotFound", hdc.product, product.id)

check.done()
