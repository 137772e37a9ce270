import DevCenter
import Foundation
import Testing

@Suite("Reading INF files")
struct INFFileTests {
    static let sampleURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/contoso-widget/contosowidget.inf")

    func parse(_ text: String) throws -> INFFile { try INFFile(bytes: Array(text.utf8)) }

    @Test("the sample package's CRLF INF: version, manufacturer, decorations and hardware IDs")
    func samplePackage() throws {
        let bytes = try Data(contentsOf: Self.sampleURL)
        #expect(bytes.contains(0x0D), "the fixture is expected to have CRLF line ends")
        let inf = try INFFile(bytes: bytes)
        #expect(inf.encoding == .utf8)
        let version = inf.version
        #expect(version.infClass == "Sensor")
        #expect(version.classGuid == "{5175d334-c371-4806-b3ba-71fd53c9258d}")
        #expect(version.provider == "Contoso Ltd.")
        #expect(version.driverDate == "11/20/2026")
        #expect(version.isoDriverDate == "2026-11-20")
        #expect(version.driverVersion == "1.2.0.0")
        #expect(version.hasValidDriverVersion)
        #expect(version.catalogFile == "contosowidget.cat")

        let manufacturers = inf.manufacturers
        #expect(manufacturers.count == 1)
        #expect(manufacturers.first?.name == "Contoso Ltd.")
        #expect(manufacturers.first?.targets.map(\.architecture) == ["amd64", "arm64"])
        #expect(manufacturers.first?.targets.map(\.buildNumber) == [17763, 17763])

        let sections = inf.modelsSections
        #expect(sections.map(\.name) == ["ContosoWidget.NTamd64.10.0...17763", "ContosoWidget.NTarm64.10.0...17763"])
        #expect(sections.allSatisfy { $0.isPresent })
        #expect(sections[0].devices.map(\.hardwareID) == [
            "USB\\VID_0ABC&PID_1234", "USB\\VID_0ABC&PID_1235&REV_0002", "USB\\VID_0ABC&PID_1240&MI_00",
        ])
        #expect(sections[1].devices.count == 2)
        #expect(sections[0].devices[2].description == "Contoso Widget Hub Interface")
        #expect(sections[0].devices[0].installSection == "ContosoWidget_Install")
        #expect(inf.hardwareIDs.count == 3)
        // Comments after values are dropped, directory IDs are left alone.
        #expect(inf.value("ServiceType", in: "ContosoWidget_Service") == "1")
        #expect(inf.value("ServiceBinary", in: "ContosoWidget_Service") == "%13%\\contosowidget.sys")
    }

    @Test("UTF-16LE with a byte-order mark reads the same as UTF-8")
    func utf16WithBOM() throws {
        let text = try String(contentsOf: Self.sampleURL, encoding: .utf8)
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let inf = try INFFile(bytes: bytes)
        #expect(inf.encoding == .utf16LittleEndian)
        #expect(inf.hardwareIDs == (try INFFile(bytes: Array(text.utf8))).hardwareIDs)
        #expect(inf.version.provider == "Contoso Ltd.")
    }

    @Test("UTF-16LE without a BOM and Windows-1252 (ANSI) are recognised")
    func otherEncodings() throws {
        let text = "[Version]\r\nProvider = %P%\r\n[Strings]\r\nP = \"Caf\u{E9} \u{2122}\"\r\n"
        var utf16: [UInt8] = []
        for unit in text.utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let a = try INFFile(bytes: utf16)
        #expect(a.encoding == .utf16LittleEndian)
        #expect(a.version.provider == "Caf\u{E9} \u{2122}")

        var ansi = Array("[Version]\r\nProvider = %P%\r\n[Strings]\r\nP = \"Caf".utf8)
        ansi += [0xE9, 0x20, 0x99, 0x22, 0x0D, 0x0A]
        let b = try INFFile(bytes: ansi)
        #expect(b.encoding == .windows1252)
        #expect(b.version.provider == "Caf\u{E9} \u{2122}")
    }

    @Test("quotes, doubled quotes, commas and semicolons inside quotes, and comments")
    func quoting() throws {
        let inf = try parse(#"""
            [S]
            a = "x, y; z", "say ""hi""" ; comment, not a value
            b = plain value   ,  second   
            "quoted key" = 1
            c =
            ; only a comment
            bare, line
            """#)
        let s = try #require(inf.section("s"))
        #expect(s.entry("a")?.values == ["x, y; z", "say \"hi\""])
        #expect(s.entry("B")?.values == ["plain value", "second"])
        #expect(s.entry("quoted key")?.values == ["1"])
        #expect(s.entry("c")?.values == [""])
        #expect(s.entries.count == 5)
        #expect(s.entries.last?.key == nil)
        #expect(s.entries.last?.values == ["bare", "line"])
        #expect(s.entries.last?.line == 7)
    }

    @Test("a backslash at the end of a line continues it on the next")
    func continuation() throws {
        let inf = try parse("[S]\r\nk = one, \\\r\n    two, \\ ; comment\r\n three\r\nnext = 4\r\n")
        let s = try #require(inf.section("S"))
        #expect(s.entry("k")?.values == ["one", "two", "three"])
        #expect(s.entry("next")?.line == 5)
    }

    @Test("string substitution: %% is a percent sign, unknown tokens stay, no recursion")
    func substitution() throws {
        let inf = try parse(#"""
            [Version]
            Provider = %A%
            Class = 100%%, %Missing%, %13%
            [Strings]
            A = "%B% and more"
            B = "never reached"
            [Strings.0407]
            A = "German"
            C = "only here"
            """#)
        #expect(inf.version.provider == "%B% and more")
        #expect(inf.value("Class", in: "Version") == "100%")
        #expect(inf.section("Version")?.entry("Class")?.values.map(inf.substitute) == ["100%", "%Missing%", "%13%"])
        #expect(inf.substitute("%c%") == "only here")
    }

    @Test("TargetOS decorations are read part by part")
    func decorations() throws {
        let d = try #require(INFTargetOS("NTamd64.10.0...17763"))
        #expect(d.architecture == "amd64")
        #expect(d.majorVersion == 10 && d.minorVersion == 0 && d.productType == nil && d.buildNumber == 17763)
        #expect(d.serviceArchitecture == "X64")
        let server = try #require(INFTargetOS("NTx86.6.1.3"))
        #expect(server.productType == 3 && server.buildNumber == nil)
        #expect(INFTargetOS("NT")?.architecture == nil)
        #expect(INFTargetOS("NTmips") == nil)
        #expect(INFTargetOS("Win9x") == nil)
    }

    @Test("undecorated manufacturers, missing models sections and compatible IDs")
    func manufacturers() throws {
        let inf = try parse(#"""
            [Manufacturer]
            Fabrikam = Fab
            Other = Oth, NTamd64, NTbogus
            [Fab]
            Dev = Inst, PCI\VEN_1234&DEV_0001, PCI\CC_0300, PCI\CC_03
            Broken = Inst
            """#)
        let sections = inf.modelsSections
        #expect(sections.map(\.name) == ["Fab", "Oth.NTamd64"])
        #expect(sections[0].devices.first?.compatibleIDs == ["PCI\\CC_0300", "PCI\\CC_03"])
        #expect(sections[0].devices.count == 1)
        #expect(sections[1].isPresent == false)
        #expect(inf.manufacturers[1].unknownDecorations == ["NTbogus"])
    }

    @Test("malformed input never fails to parse: unclosed quotes and headers, text before sections")
    func malformed() throws {
        let inf = try parse("stray\n[Version\nClass = \"open\n[ok]\nk=v")
        #expect(inf.section("Version")?.entry("Class")?.values == ["open"])
        #expect(inf.section("ok")?.entry("k")?.values == ["v"])
        #expect(inf.diagnostics.count == 3)
    }

    @Test("binary input and oversized input are refused with a reason")
    func refused() {
        #expect(throws: INFParseError.self) { try INFFile(bytes: [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x41, 0x42, 0x43]) }
        let big = [UInt8](repeating: 0x41, count: 100)
        #expect(throws: INFParseError.self) { try INFFile(bytes: big, limits: .init(maxBytes: 10)) }
    }

    @Test("limits bound values, sections and substitution growth")
    func limits() throws {
        let many = "[S]\nk=" + String(repeating: "a,", count: 50) + "\n[Strings]\nx=\"" + String(repeating: "y", count: 100) + "\"\n"
        let inf = try INFFile(bytes: Array(many.utf8), limits: .init(maxValuesPerEntry: 10, maxValueLength: 200))
        #expect(inf.section("S")?.entry("k")?.values.count == 10)
        #expect(inf.substitute(String(repeating: "%x%", count: 50)).unicodeScalars.count == 200)
        let sections = String(repeating: "[a]\n", count: 30)
        #expect(try INFFile(bytes: Array(sections.utf8), limits: .init(maxSections: 5)).sections.count == 5)
    }

    @Test("random bytes never crash or hang the parser")
    func randomBytes() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = Array("[]=,;\"\\%\r\n \tabcNT.".utf8) + [0x00, 0xFF, 0xFE, 0xE9]
        for _ in 0..<300 {
            let count = Int.random(in: 0..<400, using: &generator)
            let bytes = (0..<count).map { _ in alphabet.randomElement(using: &generator)! }
            if let inf = try? INFFile(bytes: bytes) {
                _ = inf.modelsSections
                _ = inf.version
                #expect(inf.sections.count <= bytes.count)
            }
        }
    }
}
