import DevCenterEmulator

print("hwsubmit-emulator: tenant \(EmulatorDefaults.tenantID)")
