import Foundation
import LuaKit
import Testing

/// Path confinement: `..`, symbolic links (to files, to directories, chains, loops) and
/// not-yet-existing paths, resolved as the kernel would and checked against granted roots.
@Suite struct LuaPathConfinementTests {
    /// root/granted/{file.txt, sub/}, root/outside/secret.txt, and links inside granted/.
    final class Fixture {
        let root: String
        init() throws {
            let base = FileManager.default.temporaryDirectory.appendingPathComponent("confinement-\(UUID().uuidString)").path
            let files = FileManager.default
            try files.createDirectory(atPath: base + "/granted/sub", withIntermediateDirectories: true)
            try files.createDirectory(atPath: base + "/outside", withIntermediateDirectories: true)
            try files.createDirectory(atPath: base + "/granted-sibling", withIntermediateDirectories: true)
            files.createFile(atPath: base + "/granted/file.txt", contents: Data("in".utf8))
            files.createFile(atPath: base + "/outside/secret.txt", contents: Data("out".utf8))
            try files.createSymbolicLink(atPath: base + "/granted/to-secret", withDestinationPath: "../outside/secret.txt")
            try files.createSymbolicLink(atPath: base + "/granted/to-outside", withDestinationPath: base + "/outside")
            try files.createSymbolicLink(atPath: base + "/granted/to-file", withDestinationPath: "sub/../file.txt")
            try files.createSymbolicLink(atPath: base + "/granted/chain", withDestinationPath: "to-outside")
            try files.createSymbolicLink(atPath: base + "/granted/loop-a", withDestinationPath: "loop-b")
            try files.createSymbolicLink(atPath: base + "/granted/loop-b", withDestinationPath: "loop-a")
            root = LuaPathConfinement.resolve(base)!
        }
        deinit { try? FileManager.default.removeItem(atPath: root) }
    }

    @Test func insideIsAllowedAndResolved() throws {
        let fixture = try Fixture()
        let granted = LuaPathConfinement(roots: [fixture.root + "/granted"])
        #expect(granted.resolve(fixture.root + "/granted/file.txt") == fixture.root + "/granted/file.txt")
        #expect(granted.resolve(fixture.root + "/granted/./sub/../file.txt") == fixture.root + "/granted/file.txt")
        #expect(granted.resolve(fixture.root + "/granted/to-file") == fixture.root + "/granted/file.txt")
        #expect(granted.resolve(fixture.root + "/granted") == fixture.root + "/granted")
    }

    @Test func dotDotCannotLeave() throws {
        let fixture = try Fixture()
        let granted = LuaPathConfinement(roots: [fixture.root + "/granted"])
        #expect(granted.resolve(fixture.root + "/granted/../outside/secret.txt") == nil)
        #expect(granted.resolve(fixture.root + "/granted/sub/../../outside/secret.txt") == nil)
        #expect(granted.resolve(fixture.root + "/granted/new-dir/../../outside/x") == nil)
        #expect(granted.resolve("granted/../../../../../../etc/passwd", relativeTo: fixture.root) == nil)
    }

    @Test func linksCannotLeave() throws {
        let fixture = try Fixture()
        let granted = LuaPathConfinement(roots: [fixture.root + "/granted"])
        #expect(granted.resolve(fixture.root + "/granted/to-secret") == nil)
        #expect(granted.resolve(fixture.root + "/granted/to-outside/secret.txt") == nil)
        #expect(granted.resolve(fixture.root + "/granted/chain/secret.txt") == nil)
        #expect(LuaPathConfinement.resolve(fixture.root + "/granted/chain/secret.txt") == fixture.root + "/outside/secret.txt")
        #expect(LuaPathConfinement.resolve(fixture.root + "/granted/loop-a") == nil, "a loop of links resolves to nothing")
    }

    @Test func rootsCompareByWholeComponents() throws {
        let fixture = try Fixture()
        let granted = LuaPathConfinement(roots: [fixture.root + "/granted"])
        #expect(granted.resolve(fixture.root + "/granted-sibling/x") == nil)
        #expect(!granted.contains(fixture.root + "/granted-sibling"))
        #expect(granted.contains(fixture.root + "/granted/not/yet/there"))
    }

    @Test func aRootThatIsALinkIsResolved() throws {
        let fixture = try Fixture()
        let throughLink = LuaPathConfinement(roots: [fixture.root + "/granted/to-outside"])
        #expect(throughLink.roots == [fixture.root + "/outside"])
        #expect(throughLink.resolve(fixture.root + "/outside/secret.txt") == fixture.root + "/outside/secret.txt")
    }

    @Test func oddPathsAreRefused() {
        let anywhere = LuaPathConfinement(roots: ["/"])
        #expect(anywhere.resolve("") == nil)
        #expect(anywhere.resolve("a\u{0}b") == nil)
        #expect(anywhere.resolve("/etc/../etc/hostname") == "/etc/hostname")
    }

    @Test func sizesParse() {
        #expect(LuaSandboxPolicy.parseSize("256M") == 256 << 20)
        #expect(LuaSandboxPolicy.parseSize("1GiB") == 1 << 30)
        #expect(LuaSandboxPolicy.parseSize("64k") == 64 << 10)
        #expect(LuaSandboxPolicy.parseSize("4096") == 4096)
        #expect(LuaSandboxPolicy.parseSize("1.5G") == 3 << 29)
        #expect(LuaSandboxPolicy.parseSize("lots") == nil)
        #expect(LuaSandboxPolicy.parseSize("-5M") == nil)
        #expect(LuaSandboxPolicy.parseSize("5X") == nil)
    }
}
