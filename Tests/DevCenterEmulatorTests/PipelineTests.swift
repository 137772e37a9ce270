import DevCenter
import DevCenterEmulator
import DevCenterTestSupport
import Foundation
import Testing
import ZIPFoundation

@Suite("The ingestion pipeline")
struct PipelineTests {
    func waitForStep(_ h: EmulatorHarness, _ product: Int64, _ id: Int64, _ step: String) async throws -> JSONValue {
        for _ in 0..<1000 {
            let submission = try await h.getSubmission(product, id)
            if submission["workflowStatus"]?["currentStep"]?.stringValue == step { return submission }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw HarnessError("submission never reached \(step)")
    }

    @Test("a commit walks the documented steps, one per step delay, by the emulator's clock")
    func walksSteps() async throws {
        try await EmulatorHarness.with(EmulatorConfiguration(stepDelay: .seconds(100))) { h in
            // Steps far apart on the emulator's clock, so the real time a busy machine takes
            // between polls (which the clock also counts) never moves a step.
            let product = try await h.createProduct()
            let (id, url) = try await h.createSubmission(product)
            #expect(try await h.putBlob(url, try SampleDriverPackage.zip()).status == 201)
            #expect(try await h.api(.POST, "/products/\(product)/submissions/\(id)/commit").status == 202)
            let first = try await h.getSubmission(product, id)
            #expect(first["commitStatus"] == "commitReceived")
            #expect(first["workflowStatus"]?["currentStep"] == "packageInfoValidation")
            h.emulator.advanceClock(bySeconds: 50)
            for step in WorkflowStep.documentedOrder.dropFirst() {
                h.emulator.advanceClock(bySeconds: 100)
                let submission = try await waitForStep(h, product, id, step.rawValue)
                #expect(submission["workflowStatus"]?["state"] == "started")
                #expect(submission["commitStatus"] == "commitReceived")
                #expect(EmulatorHarness.downloadURL(submission, "signedPackage") == nil)
            }
            h.emulator.advanceClock(bySeconds: 100)
            let done = try await h.getSubmission(product, id)
            #expect(done["commitStatus"] == "commitComplete")
            #expect(done["workflowStatus"]?["currentStep"] == "finalizeIngestion")
            #expect(done["workflowStatus"]?["state"] == "completed")
        }
    }

    @Test("a good package ends commitComplete with a signed package, driver metadata and a report, all read-only")
    func success() async throws {
        try await EmulatorHarness.with { h in
            let (product, submission) = try await h.submit(try SampleDriverPackage.zip())
            #expect(submission["commitStatus"] == "commitComplete")
            let signedURL = try #require(EmulatorHarness.downloadURL(submission, "signedPackage"))
            #expect(signedURL.contains("sp=r&") || signedURL.hasSuffix("sp=r"))
            let signed = try await h.send(.GET, url: signedURL)
            #expect(signed.status == 200)
            let archive = try Archive(data: Data(signed.body), accessMode: .read)
            let paths = Set(archive.map(\.path))
            #expect(paths == ["contosowidget.inf", "x64/contosowidget.sys", "arm64/contosowidget.sys", "contosowidget.cat"])
            var catalog = Data()
            _ = try archive.extract(try #require(archive["contosowidget.cat"])) { catalog.append($0) }
            let catalogText = String(decoding: catalog, as: UTF8.self)
            #expect(catalogText.hasPrefix("HWSUBMIT EMULATOR CATALOG - NOT A REAL SIGNATURE"))
            #expect(catalogText.contains("x64/contosowidget.sys"))
            var inf = Data()
            _ = try archive.extract(try #require(archive["contosowidget.inf"])) { inf.append($0) }
            #expect(inf == (try SampleDriverPackage.files()[0].data))

            let metadataAnswer = try await h.send(.GET, url: try #require(EmulatorHarness.downloadURL(submission, "driverMetadata")))
            let metadata = try JSONDecoder().decode(DriverMetadata.self, from: Data(metadataAnswer.body))
            let bundle = try #require(metadata.bundleInfoMap.values.first)
            let info = try #require(bundle.infInfoMap["contosowidget.inf"])
            #expect(info.driverVersion == "1.2.0.0")
            #expect(info.infClass == "Sensor")
            #expect(info.provider == "Contoso Ltd.")
            #expect(Set(info.osPnPInfoMap.keys) == ["WINDOWS_v100_X64_RS5_FULL", "WINDOWS_v100_ARM64_RS5_FULL"])
            #expect(info.osPnPInfoMap["WINDOWS_v100_X64_RS5_FULL"]?.count == 3)
            #expect(info.osPnPInfoMap["WINDOWS_v100_ARM64_RS5_FULL"]?.count == 2)
            #expect(info.osPnPInfoMap["WINDOWS_v100_X64_RS5_FULL"]?["usb\\vid_0abc&pid_1240&mi_00"]?.deviceDescription == "Contoso Widget Hub Interface")
            #expect(metadataAnswer.text.contains("\"BundleInfoMap\""))
            let report = try await h.send(.GET, url: try #require(EmulatorHarness.downloadURL(submission, "certificationReport")))
            #expect(report.status == 200 && report.text.contains("PASSED"))
            // Download URLs are read-only.
            let write = try await h.putBlob(signedURL, [1, 2, 3])
            #expect(write.status == 403)
            #expect(write.headers["x-ms-error-code"].first == "AuthorizationPermissionMismatch")
            _ = product
        }
    }

    @Test("the requested signatures decide the OS codes: an x64-only product gets no ARM64 code")
    func signaturesDecideCodes() async throws {
        try await EmulatorHarness.with { h in
            var product = EmulatorHarness.validProduct
            if case .object(var m) = product { m["requestedSignatures"] = ["WINDOWS_v100_X64_RS5_FULL", "WINDOWS_v100_X64_CO_FULL"]; product = .object(m) }
            let (_, submission) = try await h.submit(try SampleDriverPackage.zip(), product: product)
            let answer = try await h.send(.GET, url: try #require(EmulatorHarness.downloadURL(submission, "driverMetadata")))
            let metadata = try JSONDecoder().decode(DriverMetadata.self, from: Data(answer.body))
            let codes = Set(metadata.hardwareIDTargets.map(\.operatingSystemCode))
            #expect(codes == ["WINDOWS_v100_X64_RS5_FULL", "WINDOWS_v100_X64_CO_FULL"])
        }
    }

    func expectFailure(_ h: EmulatorHarness, _ package: [UInt8]?, product: JSONValue = EmulatorHarness.validProduct, containing text: String) async throws {
        let productID = try await h.createProduct(product)
        let (id, url) = try await h.createSubmission(productID)
        if let package { #expect(try await h.putBlob(url, package).status == 201) }
        #expect(try await h.api(.POST, "/products/\(productID)/submissions/\(id)/commit").status == 202)
        let submission = try await h.waitForFinalState(productID, id)
        #expect(submission["commitStatus"] == "commitFailed")
        #expect(submission["workflowStatus"]?["currentStep"] == "packageInfoValidation")
        #expect(submission["workflowStatus"]?["state"] == "failed")
        let messages = submission["workflowStatus"]?["messages"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(messages.contains { $0.contains(text) }, "messages: \(messages)")
        let reportURL = try #require(submission["workflowStatus"]?["errorReport"]?.stringValue)
        let report = try await h.send(.GET, url: reportURL)
        #expect(report.status == 200 && report.text.contains(text))
        #expect(EmulatorHarness.downloadURL(submission, "signedPackage") == nil)
    }

    @Test("bad packages fail at packageInfoValidation with messages that say why, and an error report")
    func badPackages() async throws {
        try await EmulatorHarness.with { h in
            try await expectFailure(h, nil, containing: "No package was uploaded")
            try await expectFailure(h, Array("just text".utf8), containing: "neither a ZIP nor a CAB")
            try await expectFailure(h, [0x50, 0x4B, 0x03, 0x04, 0, 0, 0], containing: "ZIP")
            let noINF = try SampleDriverPackage.zip([("readme.txt", Data("hello".utf8))])
            try await expectFailure(h, noINF, containing: "holds no .inf file")
            let noDriverVer = try PackageFixtures.sampleZip { $0.replacingOccurrences(of: "DriverVer   = 11/20/2026,1.2.0.0\r\n", with: "") }
            try await expectFailure(h, noDriverVer, containing: "DriverVer")
            let missingSection = try PackageFixtures.sampleZip { $0.replacingOccurrences(of: "[ContosoWidget.NTarm64.10.0...17763]", with: "[Other]") }
            try await expectFailure(h, missingSection, containing: "ContosoWidget.NTarm64.10.0...17763")
            let noCatalog = try PackageFixtures.sampleZip { $0.replacingOccurrences(of: "CatalogFile = contosowidget.cat\r\n", with: "") }
            try await expectFailure(h, noCatalog, containing: "CatalogFile")
            var files = try SampleDriverPackage.files()
            files.removeLast()
            try await expectFailure(h, try SampleDriverPackage.zip(files), containing: "arm64/contosowidget.sys")
            var x86Only = EmulatorHarness.validProduct
            if case .object(var m) = x86Only { m["requestedSignatures"] = ["WINDOWS_v100_X86_RS5_FULL"]; x86Only = .object(m) }
            try await expectFailure(h, try SampleDriverPackage.zip(), product: x86Only, containing: "requested signatures")
        }
    }

    @Test("a failure injected at a step fails there, with the given messages")
    func injectedFailure() async throws {
        try await EmulatorHarness.with(EmulatorConfiguration(stepDelay: .seconds(10))) { h in
            try h.emulator.failSubmission(nil, at: .scanning, messages: ["Malware scan flagged contosowidget.sys."])
            let product = try await h.createProduct()
            let (id, url) = try await h.createSubmission(product)
            #expect(try await h.putBlob(url, try SampleDriverPackage.zip()).status == 201)
            #expect(try await h.api(.POST, "/products/\(product)/submissions/\(id)/commit").status == 202)
            h.emulator.advanceClock(bySeconds: 25)
            var submission = JSONValue.null
            for _ in 0..<1000 {
                submission = try await h.getSubmission(product, id)
                if submission["workflowStatus"]?["currentStep"] == "scanning" { break }
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(submission["workflowStatus"]?["state"] == "started")
            h.emulator.advanceClock(bySeconds: 10)
            submission = try await h.getSubmission(product, id)
            #expect(submission["commitStatus"] == "commitFailed")
            #expect(submission["workflowStatus"]?["currentStep"] == "scanning")
            #expect(submission["workflowStatus"]?["state"] == "failed")
            #expect(submission["workflowStatus"]?["messages"] == ["Malware scan flagged contosowidget.sys."])
            h.emulator.advanceClock(bySeconds: 1000)
            #expect(try await h.getSubmission(product, id)["workflowStatus"]?["currentStep"] == "scanning")
        }
    }

    @Test("CAB packages, stored and MSZIP-compressed, are inspected like ZIPs")
    func cabinets() async throws {
        try await EmulatorHarness.with { h in
            var files = try SampleDriverPackage.files()
            // Make the folder span several MSZIP blocks.
            files.append(("x64/data.bin", Data((0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 / 97) })))
            for mszip in [false, true] {
                let (_, submission) = try await h.submit(try PackageFixtures.cabinet(files, mszip: mszip))
                #expect(submission["commitStatus"] == "commitComplete", "mszip: \(mszip) \(submission["workflowStatus"] ?? .null)")
                let signed = try await h.send(.GET, url: try #require(EmulatorHarness.downloadURL(submission, "signedPackage")))
                let archive = try Archive(data: Data(signed.body), accessMode: .read)
                var data = Data()
                _ = try archive.extract(try #require(archive["x64/data.bin"])) { data.append($0) }
                #expect(data == files[3].data)
            }
        }
    }
}
