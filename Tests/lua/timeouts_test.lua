-- Durations as every option writes them (hdc.duration), and the request timeout a script sets
-- (hdc.set_request_timeout, what the scripts' --request-timeout does): an answer slower than it
-- is a timed-out attempt, and clients made afterwards by hdc.connect start from it.
local check = require "check"

check.eq(hdc.duration("400ms"), 0.4, "milliseconds")
check.eq(hdc.duration("90"), 90.0, "seconds")
check.eq(hdc.duration("5m"), 300.0, "minutes")
check.eq(hdc.duration("6h"), 21600.0, "hours")
local none, message = hdc.duration("soon")
check.eq(none, nil, "nonsense is no duration")
check.contains(message, "'soon' is not a duration; write a number of seconds or a number with ms, s, m or h")

check.bad_argument("a positive duration expected", function() return hdc.set_request_timeout("soon") end)
check.bad_argument("a positive duration expected", function() return hdc.set_request_timeout(0) end)

-- Every answer of the audiences comes after 3 s; the script allows 300 ms per request.
hdc.emulator.fault{route = "GET /audiences", delayMs = 3000, count = 100}
hdc.set_request_timeout("300ms")
local once = hdc.connect{max_attempts = 1}
local err = check.hdc_error("timeout", nil, once.audiences, once)
check.contains(err.message, "300 ms", "the timeout the script set")
-- A client's own request_timeout wins over the run's.
local patient = hdc.connect{max_attempts = 1, request_timeout = "1s"}
check.contains(check.hdc_error("timeout", nil, patient.audiences, patient).message, "1 s", "the client's own")
hdc.emulator.clear_faults()
check.truthy(#hdc.audiences() >= 1, "the default client answers again, with its new timeout")

check.done()
