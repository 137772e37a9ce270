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

-- A profile of config.lua (in the XDG_CONFIG_HOME the test runner gives each script) that
-- points at the emulator, with its secret in a file as a profile must keep it.
local fs = require "fs"
local config = os.getenv("XDG_CONFIG_HOME")
check.truthy(config and fs.is_dir(config), "XDG_CONFIG_HOME is a folder: " .. tostring(config))
local secret_file = fs.join(config, "emulator.secret")
fs.write(secret_file, "hwsubmit-demo-secret")
fs.write(fs.join(config, "hwsubmit/config.lua"), ([[
return {
  profiles = {
    emulator = {
      tenant_id = %q, client_id = %q, client_secret_file = %q,
      base_url = %q, authority = %q,
    },
    impatient = {
      tenant_id = %q, client_id = %q, client_secret_file = %q,
      base_url = %q, authority = %q, request_timeout = "300ms",
    },
  },
}
]]):format(me.tenant_id, me.client_id, secret_file, hdc.emulator.base_url, hdc.emulator.base_url:match("^(https?://[^/]+)"),
  me.tenant_id, me.client_id, secret_file, hdc.emulator.base_url, hdc.emulator.base_url:match("^(https?://[^/]+)")))
local profiled = hdc.connect{profile = "emulator"}
local who = profiled:whoami()
check.eq(who.profile, "emulator", "the profile in use")
check.eq(who.base_url, hdc.emulator.base_url, "its base URL")
check.eq(who.sources.tenant_id, 'profile "emulator"', "where the tenant came from")
local product = profiled:create_product{productName = "Profiled Widget", requestedSignatures = {"WINDOWS_v100_X64_RS5_FULL"}}
check.eq(hdc.product(product.id).productName, "Profiled Widget", "the same account as the default client")
check.eq(check.requests("POST /{tenant}/oauth2/token", 200) >= 2, true, "the profile's client got its own token")
for key, value in pairs(who) do
  check.truthy(type(value) ~= "string" or not value:find("hwsubmit-demo-secret", 1, true), "no secret in whoami." .. key)
end
check.hdc_error("configuration", nil, hdc.connect, {profile = "fabrikam"})

-- A profile's request_timeout: its client gives up on an answer slower than that.
hdc.emulator.fault{route = "GET /audiences", delayMs = 3000, count = 100}
local impatient = hdc.connect{profile = "impatient", max_attempts = 1}
check.contains(check.hdc_error("timeout", nil, impatient.audiences, impatient).message, "300 ms", "the profile's timeout")
hdc.emulator.clear_faults()

check.done()
