import DevCenter
import DevCenterEmulator
import DevCenterTestSupport
import Foundation
import Testing

/// Submissions ready for shipping labels, and label bodies, for the tests of labels.
extension EmulatorHarness {
    /// A completed submission and the hardware ID targets of its driver metadata.
    func completedSubmission() async throws -> (product: Int64, submission: Int64, targets: [HardwareIDTarget]) {
        let (product, submission) = try await submit(try SampleDriverPackage.zip())
        let id = try #require(submission["id"]?.int64Value)
        return (product, id, try await metadataTargets(submission))
    }

    /// ``completedSubmission()`` for an emulator whose steps take time: the clock is moved
    /// `seconds` on, past the submission's pipeline.
    func completedSubmissionOnTheClock(advancing seconds: Double = 200) async throws -> (product: Int64, submission: Int64, targets: [HardwareIDTarget]) {
        let product = try await createProduct()
        let (id, url) = try await createSubmission(product)
        #expect(try await putBlob(url, try SampleDriverPackage.zip()).status == 201)
        #expect(try await api(.POST, "/products/\(product)/submissions/\(id)/commit").status == 202)
        emulator.advanceClock(bySeconds: seconds)
        let submission = try await waitForFinalState(product, id)
        return (product, id, try await metadataTargets(submission))
    }

    /// The hardware ID targets of a completed submission's driver metadata (named in its
    /// downloads or its links).
    func metadataTargets(_ submission: JSONValue) async throws -> [HardwareIDTarget] {
        let url = try #require(Self.downloadURL(submission, "driverMetadata")
            ?? submission["links"]?.arrayValue?.first { $0["rel"] == "driverMetadata" }?["href"]?.stringValue)
        let metadata = try await send(.GET, url: url)
        return try JSONDecoder().decode(DriverMetadata.self, from: Data(metadata.body)).hardwareIDTargets
    }

    /// A hardware ID as a label body names it, with `action` for a PATCH.
    static func target(_ t: HardwareIDTarget, action: String? = nil) -> JSONValue {
        var members: [String: JSONValue] = [
            "bundleId": .string(t.bundleId), "infId": .string(t.infId),
            "operatingSystemCode": .string(t.operatingSystemCode), "pnpString": .string(t.pnpString),
        ]
        if let action { members["action"] = .string(action) }
        return .object(members)
    }

    /// A label body for `targets`.
    static func label(_ targets: [JSONValue], destination: String = "windowsUpdate") -> JSONValue {
        [
            "name": "Contoso Widget to Windows Update", "destination": .string(destination),
            "publishingSpecifications": [
                "goLiveDate": "2026-12-01T00:00:00Z", "visibleToAccounts": [1_152_921_504_606_971_255],
                "isAutoInstallDuringOSUpgrade": false, "isAutoInstallOnApplicableSystems": false,
                "isDisclosureRestricted": false, "publishToWindows10s": false,
            ],
            "recipientSpecifications": ["receiverPublisherId": "27012345", "enforceChidTargeting": false],
            "targeting": ["hardwareIds": .array(targets), "chids": [], "restrictedToAudiences": []],
        ]
    }
}

extension EmulatorConfiguration {
    /// Steps of `stepDelay` (and Microsoft approval of `approvalDelay`) on a clock that moves only
    /// when the test advances it: a test on a busy machine sees the step it moved to, however
    /// long it waited for its turn.
    static func stoppedClock(stepDelay: Duration, approvalDelay: Duration? = nil) -> EmulatorConfiguration {
        var configuration = EmulatorConfiguration(stepDelay: stepDelay, approvalDelay: approvalDelay)
        configuration.clockFollowsRealTime = false
        return configuration
    }
}
