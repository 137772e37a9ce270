@testable import DevCenter

/// Azure Blob Storage's XML answers: Get Block List (which a resumed upload trusts to skip
/// blocks) and the elements of error bodies. Every input is read or refused without a crash,
///.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBlobXML(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)
    if let list = BlockList(xml: text) {
        for id in list.committed.keys.sorted() { _ = list.size(of: id) }
        _ = list.hasIDs(otherThan: 64)
    }
    for element in ["Code", "Message", "AuthenticationErrorDetail", "Name", "Size"] {
        _ = XMLText.firstElement(element, in: text)
    }
    return 0
}
