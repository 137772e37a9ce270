import DevCenter

/// INF files in any encoding and state of repair: the parser either refuses the bytes with an
/// `INFParseError` or gives sections whose driver view (version, manufacturers, models,
/// hardware IDs) can be read without a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzINF(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: count)
    guard let inf = try? INFFile(bytes: bytes) else { return 0 }
    _ = inf.version.isoDriverDate
    _ = inf.version.hasValidDriverVersion
    for section in inf.modelsSections {
        for device in section.devices { precondition(device.line > 0) }
    }
    _ = inf.manufacturers.count
    _ = inf.hardwareIDs.count
    return 0
}
