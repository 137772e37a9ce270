import DevCenter
import Foundation
import HDCLua

/// hwsubmit's configuration file (`config.lua`, run in a locked-down Lua state): any text either
/// gives profiles or is refused with an error, within the file's memory limit and instruction
/// budget, and a profile never carries a secret written into the file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("hwsubmit-fuzz-config-\(getpid()).lua").path
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes: data, count: count)) else {
        fatalError("cannot write \(path)")
    }
    defer { try? FileManager.default.removeItem(atPath: path) }
    let source = LuaProfileSource(path: path, environment: ["HDC_FUZZ_SECRET": "fuzz-secret-value"])
    if let names = try? source.profileNames() {
        for name in names { checkHoldsNoSecret(try? source.profile(named: name)) }
    }
    checkHoldsNoSecret(try? source.profile(named: nil))
    return 0
}

/// A profile names where its secrets are (a variable, a file), never holds one: a file that
/// writes `client_secret = "…"` or `access_token = "…"` into a profile is refused as a whole.
func checkHoldsNoSecret(_ profile: Profile?) {
    guard let profile else { return }
    for (field, source) in [("client secret", profile.clientSecret), ("access token", profile.accessToken)] {
        if case .value = source {
            fatalError("profile \"\(profile.name)\" carries its \(field) itself; a profile must only say where it is")
        }
    }
}
