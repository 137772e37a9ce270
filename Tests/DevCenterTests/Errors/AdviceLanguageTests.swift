import DevCenter
import DevCenterTestSupport
import Foundation
import Testing

/// Advice fits who reads it: DevCenter's `advice` names no function of either language; its
/// `description`, what a Swift program prints, adds the Swift call; the `hdc` module adds the
/// Lua one (HDCLuaTests).
@Suite("Advice names the functions of the reader's language")
struct AdviceLanguageTests {
    /// Errors whose next step is a call, and the Swift call their description names.
    static let cases: [(DevCenterError, swift: String?)] = [
        (DevCenterError.waitDeadlineExceeded(resource: "submission 2 of product 1", deadline: .seconds(60), lastStatus: "x", neverCommitted: true),
         "client.commitSubmission(productID:submissionID:)"),
        (DevCenterError.workflowFailed(resource: "submission 2", step: .scanning, messages: ["virus"], errorReportURL: "https://x/r?sig=s",
                                       fetchReport: "download it through the submission", reportStep: .downloadErrorReport),
         "client.download(.errorReport, of: submission, to: path)"),
        (DevCenterError.timeout(operation: "GET /products", after: .seconds(5)), "DevCenterConfiguration.requestTimeout"),
        (DevCenterError.response(status: 504, body: [], operation: "GET /products"), "DevCenterConfiguration.requestTimeout"),
        (DevCenterError.dashboardPage("https://manage.devcenter.microsoft.com/dashboard/hardware/Driver/DownloadCertificationReport/1/2/3"), nil),
    ]

    @Test("the core's advice names neither hdc nor Swift methods; the description adds the Swift call")
    func coreAdvice() {
        for (error, swift) in Self.cases {
            for word in ["hdc.", "hdc_", "In Swift", "In a script", "client.", "Configuration."] {
                #expect(!error.advice.contains(word), "\(word) in: \(error.advice)")
            }
            if let swift {
                #expect(error.description.contains("In Swift: \(swift)"), "\(error.description)")
            }
            #expect(!error.description.contains("hdc."), "\(error.description)")
        }
    }

    @Test("no string of DevCenter's sources names a function of the hdc Lua module")
    func sourcesNameNoLua() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/DevCenter")
        let files = try #require(FileManager.default.enumerator(atPath: root.path)).compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        #expect(files.count > 50)
        for file in files {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.trimmingCharacters(in: .whitespaces)
                guard !code.hasPrefix("//"), code.contains("\"") else { continue }
                #expect(!code.contains("hdc.") && !code.contains("in a script"), "\(file):\(number + 1): \(code)")
            }
        }
    }

    @Test("a download the submission does not have yet: which one, in words, then the Swift call")
    func missingDownload() async throws {
        let transport = InMemoryTransport { _ in .json(["id": 2, "productId": 1, "downloads": ["items": []]]) }
        let client = DevCenterClient(credentials: .accessToken(Secret("token-for-tests-0123456789")), transport: transport)
        let error = await #expect(throws: DevCenterError.self) {
            try await client.download(.driverMetadata, productID: 1, submissionID: 2, to: "/nonexistent/metadata.json")
        }
        #expect(error?.message == "Submission 2 of product 1 has no driverMetadata download")
        #expect(error?.nextStep == .waitForSubmission(.driverMetadata))
        #expect(error?.advice.contains("wait for the submission to complete") == true)
        #expect(error?.description.contains("In Swift: client.waitForSubmission(productID:submissionID:)") == true)
    }

    @Test("the certification report's page is not fetched: kind forbidden, its URL, what to do")
    func dashboardPage() async throws {
        let report = "https://manage.devcenter.microsoft.com/dashboard/hardware/Driver/DownloadCertificationReport/29963920/2/3"
        let transport = InMemoryTransport { _ in .json(["id": 3, "productId": 2, "downloads": ["items": [["type": "certificationReport", "url": .string(report)]]]]) }
        let client = DevCenterClient(credentials: .accessToken(Secret("token-for-tests-0123456789")), transport: transport)
        let error = await #expect(throws: DevCenterError.self) {
            try await client.download(.certificationReport, productID: 2, submissionID: 3, to: "/tmp/never-written-report.txt")
        }
        #expect(error?.kind == .forbidden && error?.delivery == .notSent)
        #expect(error?.message == "The certificationReport of submission 3 of product 2 is a page of the Hardware Dev Center dashboard, not a file the API can download: \(report)")
        #expect(error?.advice.contains("browser signed in to Partner Center") == true)
        #expect(transport.requests.count == 1, "only the submission was fetched")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never-written-report.txt"))
        let bare = await #expect(throws: DevCenterError.self) {
            try await client.blobDownloader().download(from: report, to: "/tmp/never-written-report.txt")
        }
        #expect(bare?.kind == .forbidden && transport.requests.count == 1)
    }
}
