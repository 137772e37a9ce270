import LuaKit

print("hwsubmit \(LuaVersion.release)")
