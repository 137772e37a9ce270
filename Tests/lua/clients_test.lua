-- whoami, and clients that differ from the default one.
local check = require "check"

local me = hdc.whoami()
check.eq(me.emulator, true, "talks to the emulator")
check.eq(me.credentials, "client secret", "credentials")
check.eq(me.client_id, "hwsubmit-demo-client", "client ID")
check.eq(me.base_url, hdc.emulator.base_url, "base URL")
check.eq(me.sources.tenant_id, "--emulator", "where the tenant came from")
check.eq(me.sources.client_secret, "--emulator", "where the secret came from")
for key, value in pairs(me) do
  check.truthy(type(value) ~= "string" or not value:find("hwsubmit-demo-secret", 1, true), "no secret in whoami." .. key)
end

local copy = hdc.connect{max_attempts = 1}
check.eq(copy:whoami().tenant_id, me.tenant_id, "a client with other behaviour, same account")
check.contains(tostring(copy), "hdc.Client(")
check.bad_argument("field 'max_attempts': 1 or more expected", hdc.connect, {max_attempts = 0})
check.bad_argument("field 'profile': string expected, got number", hdc.connect, {profile = 1})
check.bad_argument("field 'colour': unknown option", hdc.connect, {colour = "blue"})
local noProfile = check.hdc_error("configuration", nil, hdc.connect, {profile = "nowhere"})
check.contains(tostring(noProfile), "nowhere")

check.done()
