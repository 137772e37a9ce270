@testable import DevCenter
import Testing

@Suite("Block lists: Get Block List answers and Put Block List bodies")
struct BlockListTests {
    @Test("committed and uncommitted blocks are read with their sizes; Latest resolves uncommitted first")
    func parse() throws {
        let xml = #"<?xml version="1.0" encoding="utf-8"?><BlockList><CommittedBlocks><Block><Name>QUFB</Name><Size>10</Size></Block><Block><Name>QkJC</Name><Size>4</Size></Block></CommittedBlocks><UncommittedBlocks><Block><Name>QkJC</Name><Size>7</Size></Block></UncommittedBlocks></BlockList>"#
        let list = try #require(BlockList(xml: xml))
        #expect(list.committed == ["QUFB": 10, "QkJC": 4])
        #expect(list.uncommitted == ["QkJC": 7])
        #expect(list.size(of: "QkJC") == 7 && list.size(of: "QUFB") == 10 && list.size(of: "Q0ND") == nil)
        #expect(list.hasIDs(otherThan: 4) == false && list.hasIDs(otherThan: 64))
    }

    @Test("an empty list, and text that is not a block list")
    func emptyAndInvalid() {
        #expect(BlockList(xml: "<BlockList><CommittedBlocks /><UncommittedBlocks></UncommittedBlocks></BlockList>")?.isEmpty == true)
        #expect(BlockList(xml: "<Error><Code>InternalError</Code></Error>") == nil)
        #expect(BlockList(xml: "<BlockList><UncommittedBlocks><Block><Name>x</Name></Block></UncommittedBlocks></BlockList>") == nil)
    }

    @Test("the commit body names every block as Latest, in order")
    func commitBody() {
        let body = String(decoding: BlockList.commitBody(["QUFB", "QkJC"]), as: UTF8.self)
        #expect(body == #"<?xml version="1.0" encoding="utf-8"?><BlockList><Latest>QUFB</Latest><Latest>QkJC</Latest></BlockList>"#)
    }
}
