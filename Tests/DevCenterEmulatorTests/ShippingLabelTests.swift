import DevCenter
import DevCenterEmulator
import DevCenterTestSupport
import Foundation
import Testing

@Suite("Shipping labels and audiences")
struct ShippingLabelTests {
    /// A completed submission and the hardware ID targets of its driver metadata.
    func completedSubmission(_ h: EmulatorHarness) async throws -> (product: Int64, submission: Int64, targets: [HardwareIDTarget]) {
        let (product, submission) = try await h.submit(try SampleDriverPackage.zip())
        let id = try #require(submission["id"]?.int64Value)
        let metadata = try await h.send(.GET, url: try #require(EmulatorHarness.downloadURL(submission, "driverMetadata")))
        let targets = try JSONDecoder().decode(DriverMetadata.self, from: Data(metadata.body)).hardwareIDTargets
        return (product, id, targets)
    }

    /// ``completedSubmission(_:)`` for an emulator whose steps take time: the clock is moved
    /// past the submission's pipeline.
    func completedSubmissionOnTheClock(_ h: EmulatorHarness) async throws -> (product: Int64, submission: Int64, targets: [HardwareIDTarget]) {
        let product = try await h.createProduct()
        let (id, url) = try await h.createSubmission(product)
        #expect(try await h.putBlob(url, try SampleDriverPackage.zip()).status == 201)
        #expect(try await h.api(.POST, "/products/\(product)/submissions/\(id)/commit").status == 202)
        h.emulator.advanceClock(bySeconds: 200)
        let submission = try await h.waitForFinalState(product, id)
        let metadata = try await h.send(.GET, url: try #require(EmulatorHarness.downloadURL(submission, "driverMetadata")))
        let targets = try JSONDecoder().decode(DriverMetadata.self, from: Data(metadata.body)).hardwareIDTargets
        return (product, id, targets)
    }

    func target(_ t: HardwareIDTarget, action: String? = nil) -> JSONValue {
        var value: JSONValue = ["bundleId": .string(t.bundleId), "infId": .string(t.infId),
                                "operatingSystemCode": .string(t.operatingSystemCode), "pnpString": .string(t.pnpString)]
        if let action, case .object(var m) = value { m["action"] = .string(action); value = .object(m) }
        return value
    }

    func label(_ targets: [JSONValue], destination: String = "windowsUpdate") -> JSONValue {
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

    @Test("a label before the submission has driver metadata is refused")
    func beforeMetadata() async throws {
        try await EmulatorHarness.with { h in
            let product = try await h.createProduct()
            let (id, _) = try await h.createSubmission(product)
            let answer = try await h.api(.POST, "/products/\(product)/submissions/\(id)/shippingLabels", json: label([]))
            #expect(answer.status == 400 && answer.errorCode == "requestInvalidForCurrentState")
            #expect(answer.errorMessage?.contains("driver metadata") == true)
        }
    }

    @Test("create, get with and without targeting, list, and the label pipeline to finalizePublishing")
    func createAndWalk() async throws {
        try await EmulatorHarness.with { h in
            let (product, submission, targets) = try await completedSubmission(h)
            #expect(targets.count == 5)
            let path = "/products/\(product)/submissions/\(submission)/shippingLabels"
            h.emulator.clearRequestLog()
            let created = try await h.api(.POST, path, json: label(targets.prefix(2).map { target($0) }))
            #expect(created.status == 201, "\(created.text)")
            let id = try #require(created.json["id"]?.int64Value)
            #expect(id > 1 << 53)
            let plain = try await h.api(.GET, "\(path)/\(id)")
            #expect(plain.json["targeting"] == nil)
            #expect(plain.json["workflowStatus"]?["currentStep"] == "finalizePublishing")
            #expect(plain.json["workflowStatus"]?["state"] == "completed")
            let full = try await h.api(.GET, "\(path)/\(id)?includeTargetingInfo=true")
            let ids = try #require(full.json["targeting"]?["hardwareIds"]?.arrayValue)
            #expect(ids.count == 2 && ids.allSatisfy { $0["distributionState"] == "added" })
            let list = try await h.api(.GET, path)
            #expect(list.json["value"]?.arrayValue?.count == 1)
        }
    }

    @Test("the label pipeline walks its steps by the clock; sharing labels take the sharing steps")
    func labelSteps() async throws {
        try await EmulatorHarness.with(EmulatorConfiguration(stepDelay: .seconds(10))) { h in
            let (product, id, targets) = try await completedSubmissionOnTheClock(h)
            let path = "/products/\(product)/submissions/\(id)/shippingLabels"
            let shared = try await h.api(.POST, path, json: label([target(targets[0])], destination: "anotherPartner"))
            #expect(shared.status == 201)
            let labelID = try #require(shared.json["id"]?.int64Value)
            #expect(shared.json["workflowStatus"]?["currentStep"] == "created")
            #expect(shared.json["targeting"]?["hardwareIds"]?[0]?["distributionState"] == "pendingAdd")
            h.emulator.advanceClock(bySeconds: 45)
            #expect(try await h.api(.GET, "\(path)/\(labelID)").json["workflowStatus"]?["currentStep"] == "processSharing")
            h.emulator.advanceClock(bySeconds: 20)
            let done = try await h.api(.GET, "\(path)/\(labelID)?includeTargetingInfo=true")
            #expect(done.json["workflowStatus"]?["currentStep"] == "finalizeSharing")
            #expect(done.json["workflowStatus"]?["state"] == "completed")
            #expect(done.json["targeting"]?["hardwareIds"]?[0]?["distributionState"] == "added")
        }
    }

    @Test("a planned failure fails a label at its step, targets left pending; a PATCH starts a run without it")
    func plannedLabelFailure() async throws {
        try await EmulatorHarness.with(EmulatorConfiguration(stepDelay: .seconds(10))) { h in
            let (product, id, targets) = try await completedSubmissionOnTheClock(h)
            let path = "/products/\(product)/submissions/\(id)/shippingLabels"

            let planned = try await h.admin(.POST, "/shipping-labels/next/fail-at",
                                            json: ["step": "microsoftApproval", "messages": ["Business justification missing."]])
            #expect(planned.status == 200, "\(planned.text)")
            let created = try await h.api(.POST, path, json: label([target(targets[0])]))
            let labelID = try #require(created.json["id"]?.int64Value)
            h.emulator.advanceClock(bySeconds: 45)
            let walking = try await h.api(.GET, "\(path)/\(labelID)")
            #expect(walking.json["workflowStatus"]?["state"] == "started", "\(walking.text)")
            h.emulator.advanceClock(bySeconds: 20)
            let failed = try await h.api(.GET, "\(path)/\(labelID)?includeTargetingInfo=true")
            #expect(failed.json["workflowStatus"]?["currentStep"] == "microsoftApproval", "\(failed.text)")
            #expect(failed.json["workflowStatus"]?["state"] == "failed")
            #expect(failed.json["workflowStatus"]?["messages"] == ["Business justification missing."])
            #expect(failed.json["targeting"]?["hardwareIds"]?[0]?["distributionState"] == "pendingAdd")
            h.emulator.advanceClock(bySeconds: 600)
            #expect(try await h.api(.GET, "\(path)/\(labelID)").json["workflowStatus"]?["state"] == "failed", "a failed label stays failed")

            // A step the label's destination never reaches, a step of no label, an unknown label.
            let sharingStep = try await h.admin(.POST, "/shipping-labels/\(labelID)/fail-at", json: ["step": "processSharing"])
            #expect(sharingStep.status == 400 && sharingStep.text.contains("never reaches processSharing"), "\(sharingStep.text)")
            let submissionStep = try await h.admin(.POST, "/shipping-labels/next/fail-at", json: ["step": "scanning"])
            #expect(submissionStep.status == 400 && submissionStep.text.contains("not a shipping label step"), "\(submissionStep.text)")
            #expect(try await h.admin(.POST, "/shipping-labels/1/fail-at", json: ["step": "publishing"]).status == 400)

            let patch = try await h.api(.PATCH, "\(path)/\(labelID)", json: ["targeting": ["hardwareIds": [target(targets[1], action: "add")]]])
            #expect(patch.status == 204, "\(patch.text)")
            h.emulator.advanceClock(bySeconds: 200)
            let done = try await h.api(.GET, "\(path)/\(labelID)")
            #expect(done.json["workflowStatus"]?["currentStep"] == "finalizePublishing" && done.json["workflowStatus"]?["state"] == "completed",
                    "\(done.text)")

            // With no messages given, the failure says it was injected.
            try h.emulator.failShippingLabel(labelID, at: "publishing")
            let plain = try await h.api(.GET, "\(path)/\(labelID)")
            #expect(plain.json["workflowStatus"]?["messages"]?[0]?.stringValue?.contains("failure injected by the emulator") == true, "\(plain.text)")
        }
    }

    @Test("create validation: hardware IDs must come from the driver metadata; required fields per destination")
    func validation() async throws {
        try await EmulatorHarness.with { h in
            let (product, submission, targets) = try await completedSubmission(h)
            let path = "/products/\(product)/submissions/\(submission)/shippingLabels"
            var foreign = targets[0]
            foreign.pnpString = "usb\\vid_ffff&pid_0001"
            let unknown = try await h.api(.POST, path, json: label([target(foreign)]))
            #expect(unknown.status == 400 && unknown.errorCode == "invalidInput")
            #expect(unknown.validationTargets.contains("targeting.hardwareIds[0].pnpString"))
            var wrongOS = targets[0]
            wrongOS.operatingSystemCode = "WINDOWS_v100_X64_CO_FULL"
            #expect(try await h.api(.POST, path, json: label([target(wrongOS)])).status == 400)
            let empty = try await h.api(.POST, path, json: label([]))
            #expect(empty.validationTargets.contains("targeting.hardwareIds"))
            var noSpecs = label([target(targets[0])])
            if case .object(var m) = noSpecs { m["publishingSpecifications"] = nil; m["destination"] = "sideways"; noSpecs = .object(m) }
            let bad = try await h.api(.POST, path, json: noSpecs)
            #expect(bad.validationTargets.contains("destination"))
            var autoInstall = label([target(targets[0])])
            if case .object(var m) = autoInstall, case .object(var p)? = m["publishingSpecifications"] {
                p["isAutoInstallOnApplicableSystems"] = true
                m["publishingSpecifications"] = .object(p)
                m["targeting"] = ["hardwareIds": [target(targets[0])], "restrictedToAudiences": ["not-an-audience"],
                                  "inServicePublishInfo": ["flooring": "RS5", "ceiling": "RS1"]]
                autoInstall = .object(m)
            }
            let approval = try await h.api(.POST, path, json: autoInstall)
            #expect(Set(approval.validationTargets).isSuperset(of: [
                "publishingSpecifications.additionalInfoForMsApproval", "targeting.restrictedToAudiences[0]",
                "targeting.inServicePublishInfo.ceiling",
            ]), "\(approval.validationTargets)")
            var partner = label([target(targets[0])], destination: "anotherPartner")
            if case .object(var m) = partner { m["recipientSpecifications"] = [:]; partner = .object(m) }
            let noRecipient = try await h.api(.POST, path, json: partner)
            #expect(noRecipient.validationTargets.contains("recipientSpecifications.receiverPublisherId"))
        }
    }

    @Test("PATCH adds and removes hardware IDs; cancel removes everything, once")
    func patchAndCancel() async throws {
        try await EmulatorHarness.with { h in
            let (product, submission, targets) = try await completedSubmission(h)
            let path = "/products/\(product)/submissions/\(submission)/shippingLabels"
            let created = try await h.api(.POST, path, json: label([target(targets[0])]))
            let id = try #require(created.json["id"]?.int64Value)
            let patch = try await h.api(.PATCH, "\(path)/\(id)", json: [
                "targeting": ["hardwareIds": [target(targets[1], action: "add"), target(targets[0], action: "remove")]],
                "businessJustification": "Add the Pro model.",
            ])
            #expect(patch.status == 204, "\(patch.text)")
            let after = try await h.api(.GET, "\(path)/\(id)?includeTargetingInfo=true")
            let states = Dictionary(uniqueKeysWithValues: (after.json["targeting"]?["hardwareIds"]?.arrayValue ?? []).compactMap { item in
                item["pnpString"]?.stringValue.map { ($0, item["distributionState"]?.stringValue ?? "") }
            })
            #expect(states == [targets[0].pnpString: "removed", targets[1].pnpString: "added"])
            let badRemove = try await h.api(.PATCH, "\(path)/\(id)", json: ["targeting": ["hardwareIds": [target(targets[2], action: "remove")]]])
            #expect(badRemove.status == 400 && badRemove.errorCode == "invalidInput")
            let noAction = try await h.api(.PATCH, "\(path)/\(id)", json: ["targeting": ["hardwareIds": [target(targets[2])]]])
            #expect(noAction.validationTargets.contains("targeting.hardwareIds[0].action"))
            let forbidden = try await h.api(.PATCH, "\(path)/\(id)", json: ["name": "renamed"])
            #expect(forbidden.status == 400 && forbidden.errorCode == "updateUnauthorized")
            #expect(try await h.api(.PUT, "\(path)/\(id)/cancel").status == 204)
            let cancelled = try await h.api(.GET, "\(path)/\(id)?includeTargetingInfo=true")
            #expect(cancelled.json["targeting"]?["hardwareIds"]?.arrayValue?.allSatisfy { $0["distributionState"] == "removed" } == true)
            let twice = try await h.api(.PUT, "\(path)/\(id)/cancel")
            #expect(twice.status == 400 && twice.errorCode == "requestInvalidForCurrentState")
            let patchCancelled = try await h.api(.PATCH, "\(path)/\(id)", json: ["targeting": ["hardwareIds": [target(targets[2], action: "add")]]])
            #expect(patchCancelled.errorCode == "requestInvalidForCurrentState")
            #expect(try await h.api(.GET, "\(path)/1").status == 404)
        }
    }

    @Test("a few fixed audiences")
    func audiences() async throws {
        try await EmulatorHarness.with { h in
            let answer = try await h.api(.GET, "/audiences")
            let audiences = try JSONDecoder().decode(ListPage<Audience>.self, from: Data(answer.body)).value
            #expect(audiences.count == 3)
            #expect(audiences.allSatisfy { UUID(uuidString: $0.id) != nil && $0.audienceName != nil })
        }
    }
}
