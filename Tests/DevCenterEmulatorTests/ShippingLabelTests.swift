import DevCenter
import DevCenterEmulator
import DevCenterTestSupport
import Foundation
import Testing

@Suite("Shipping labels and audiences")
struct ShippingLabelTests {
    @Test("a label before the submission has driver metadata is refused")
    func beforeMetadata() async throws {
        try await EmulatorHarness.with { h in
            let product = try await h.createProduct()
            let (id, _) = try await h.createSubmission(product)
            let answer = try await h.api(.POST, "/products/\(product)/submissions/\(id)/shippingLabels", json: EmulatorHarness.label([]))
            #expect(answer.status == 400 && answer.errorCode == "requestInvalidForCurrentState")
            #expect(answer.errorMessage?.contains("driver metadata") == true)
        }
    }

    @Test("create, get with and without targeting, list, and the label pipeline to finalizePublishing")
    func createAndWalk() async throws {
        try await EmulatorHarness.with { h in
            let (product, submission, targets) = try await h.completedSubmission()
            #expect(targets.count == 5)
            let path = "/products/\(product)/submissions/\(submission)/shippingLabels"
            h.emulator.clearRequestLog()
            let created = try await h.api(.POST, path, json: EmulatorHarness.label(targets.prefix(2).map { EmulatorHarness.target($0) }))
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
        try await EmulatorHarness.with(.stoppedClock(stepDelay: .seconds(10))) { h in
            let (product, id, targets) = try await h.completedSubmissionOnTheClock()
            let path = "/products/\(product)/submissions/\(id)/shippingLabels"
            let shared = try await h.api(.POST, path, json: EmulatorHarness.label([EmulatorHarness.target(targets[0])], destination: "anotherPartner"))
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
        try await EmulatorHarness.with(.stoppedClock(stepDelay: .seconds(10))) { h in
            let (product, id, targets) = try await h.completedSubmissionOnTheClock()
            let path = "/products/\(product)/submissions/\(id)/shippingLabels"

            let planned = try await h.admin(.POST, "/shipping-labels/next/fail-at",
                                            json: ["step": "microsoftApproval", "messages": ["Business justification missing."]])
            #expect(planned.status == 200, "\(planned.text)")
            let created = try await h.api(.POST, path, json: EmulatorHarness.label([EmulatorHarness.target(targets[0])]))
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

            let patch = try await h.api(.PATCH, "\(path)/\(labelID)", json: ["targeting": ["hardwareIds": [EmulatorHarness.target(targets[1], action: "add")]]])
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
            let (product, submission, targets) = try await h.completedSubmission()
            let path = "/products/\(product)/submissions/\(submission)/shippingLabels"
            var foreign = targets[0]
            foreign.pnpString = "usb\\vid_ffff&pid_0001"
            // The service answers a failed label validation with 422 "Validation Failed.".
            let unknown = try await h.api(.POST, path, json: EmulatorHarness.label([EmulatorHarness.target(foreign)]))
            #expect(unknown.status == 422 && unknown.errorCode == "invalidInput")
            #expect(unknown.errorMessage?.hasPrefix("Validation Failed.") == true, "\(unknown.text)")
            #expect(unknown.validationTargets.contains("targeting.hardwareIds[0].pnpString"))
            var wrongOS = targets[0]
            wrongOS.operatingSystemCode = "WINDOWS_v100_X64_CO_FULL"
            #expect(try await h.api(.POST, path, json: EmulatorHarness.label([EmulatorHarness.target(wrongOS)])).status == 422)
            let empty = try await h.api(.POST, path, json: EmulatorHarness.label([]))
            #expect(empty.validationTargets.contains("targeting.hardwareIds"))
            var noSpecs = EmulatorHarness.label([EmulatorHarness.target(targets[0])])
            if case .object(var m) = noSpecs { m["publishingSpecifications"] = nil; m["destination"] = "sideways"; noSpecs = .object(m) }
            let bad = try await h.api(.POST, path, json: noSpecs)
            #expect(bad.validationTargets.contains("destination"))
            var autoInstall = EmulatorHarness.label([EmulatorHarness.target(targets[0])])
            if case .object(var m) = autoInstall, case .object(var p)? = m["publishingSpecifications"] {
                p["isAutoInstallOnApplicableSystems"] = true
                m["publishingSpecifications"] = .object(p)
                m["targeting"] = ["hardwareIds": [EmulatorHarness.target(targets[0])], "restrictedToAudiences": ["not-an-audience"],
                                  "inServicePublishInfo": ["flooring": "RS5", "ceiling": "RS1"]]
                autoInstall = .object(m)
            }
            let approval = try await h.api(.POST, path, json: autoInstall)
            #expect(Set(approval.validationTargets).isSuperset(of: [
                "publishingSpecifications.additionalInfoForMsApproval", "targeting.restrictedToAudiences[0]",
                "targeting.inServicePublishInfo.ceiling",
            ]), "\(approval.validationTargets)")
            var partner = EmulatorHarness.label([EmulatorHarness.target(targets[0])], destination: "anotherPartner")
            if case .object(var m) = partner { m["recipientSpecifications"] = [:]; partner = .object(m) }
            let noRecipient = try await h.api(.POST, path, json: partner)
            #expect(noRecipient.validationTargets.contains("recipientSpecifications.receiverPublisherId"))
        }
    }

    @Test("PATCH adds and removes hardware IDs, with the business justification inside targeting")
    func patch() async throws {
        try await EmulatorHarness.with { h in
            let (product, submission, targets) = try await h.completedSubmission()
            let path = "/products/\(product)/submissions/\(submission)/shippingLabels"
            let created = try await h.api(.POST, path, json: EmulatorHarness.label([EmulatorHarness.target(targets[0])]))
            let id = try #require(created.json["id"]?.int64Value)
            let patch = try await h.api(.PATCH, "\(path)/\(id)", json: [
                "targeting": [
                    "hardwareIds": [EmulatorHarness.target(targets[1], action: "add"), EmulatorHarness.target(targets[0], action: "remove")],
                    "businessJustification": "Add the Pro model.",
                ],
            ])
            #expect(patch.status == 204, "\(patch.text)")
            let after = try await h.api(.GET, "\(path)/\(id)?includeTargetingInfo=true")
            let states = Dictionary(uniqueKeysWithValues: (after.json["targeting"]?["hardwareIds"]?.arrayValue ?? []).compactMap { item in
                item["pnpString"]?.stringValue.map { ($0, item["distributionState"]?.stringValue ?? "") }
            })
            #expect(states == [targets[0].pnpString: "removed", targets[1].pnpString: "added"])
            #expect(after.json["targeting"]?["businessJustification"] == "Add the Pro model.")
            let badRemove = try await h.api(.PATCH, "\(path)/\(id)", json: ["targeting": ["hardwareIds": [EmulatorHarness.target(targets[2], action: "remove")]]])
            #expect(badRemove.status == 422 && badRemove.errorCode == "invalidInput")
            let noAction = try await h.api(.PATCH, "\(path)/\(id)", json: ["targeting": ["hardwareIds": [EmulatorHarness.target(targets[2])]]])
            #expect(noAction.validationTargets.contains("targeting.hardwareIds[0].action"))
            let forbidden = try await h.api(.PATCH, "\(path)/\(id)", json: ["name": "renamed"])
            #expect(forbidden.status == 400 && forbidden.errorCode == "updateUnauthorized")
            // The service reads the justification inside targeting only.
            let outside = try await h.api(.PATCH, "\(path)/\(id)", json: ["businessJustification": "why", "targeting": [:]])
            #expect(outside.status == 400 && outside.errorCode == "updateUnauthorized")
            #expect(outside.text.contains("targeting.businessJustification"), "\(outside.text)")
            #expect(try await h.api(.GET, "\(path)/1").status == 404)
        }
    }

    @Test("cancel: in Microsoft approval or gradual rollout only, never a shared label, once")
    func cancel() async throws {
        try await EmulatorHarness.with(.stoppedClock(stepDelay: .seconds(10))) { h in
            let (product, submission, targets) = try await h.completedSubmissionOnTheClock()
            let path = "/products/\(product)/submissions/\(submission)/shippingLabels"
            func create(_ destination: String = "windowsUpdate") async throws -> Int64 {
                let created = try await h.api(.POST, path, json: EmulatorHarness.label([EmulatorHarness.target(targets[0])], destination: destination))
                #expect(created.status == 201, "\(created.text)")
                return try #require(created.json["id"]?.int64Value)
            }
            let early = try await create()
            let tooEarly = try await h.api(.PUT, "\(path)/\(early)/cancel")
            #expect(tooEarly.status == 400 && tooEarly.errorCode == "requestInvalidForCurrentState")
            #expect(tooEarly.errorMessage?.contains("is at created") == true, "\(tooEarly.text)")

            let shared = try await create("anotherPartner")
            let refused = try await h.api(.PUT, "\(path)/\(shared)/cancel")
            #expect(refused.status == 400 && refused.errorMessage?.contains("shared") == true, "\(refused.text)")

            h.emulator.advanceClock(bySeconds: 55)  // both labels are at step 6: microsoftApproval
            #expect(try await h.api(.GET, "\(path)/\(early)").json["workflowStatus"]?["currentStep"] == "microsoftApproval")
            #expect(try await h.api(.PUT, "\(path)/\(early)/cancel").status == 204)
            let cancelled = try await h.api(.GET, "\(path)/\(early)?includeTargetingInfo=true")
            #expect(cancelled.json["targeting"]?["hardwareIds"]?.arrayValue?.allSatisfy { $0["distributionState"] == "pendingRemove" } == true)
            h.emulator.advanceClock(bySeconds: 100)
            let removed = try await h.api(.GET, "\(path)/\(early)?includeTargetingInfo=true")
            #expect(removed.json["targeting"]?["hardwareIds"]?.arrayValue?.allSatisfy { $0["distributionState"] == "removed" } == true)
            let twice = try await h.api(.PUT, "\(path)/\(early)/cancel")
            #expect(twice.status == 400 && twice.errorCode == "requestInvalidForCurrentState")
            let patchCancelled = try await h.api(.PATCH, "\(path)/\(early)", json: ["targeting": ["hardwareIds": [EmulatorHarness.target(targets[2], action: "add")]]])
            #expect(patchCancelled.errorCode == "requestInvalidForCurrentState")

            let rollout = try await create()
            h.emulator.advanceClock(bySeconds: 65)  // step 7: publishing, where the gradual rollout runs
            #expect(try await h.api(.GET, "\(path)/\(rollout)").json["workflowStatus"]?["currentStep"] == "publishing")
            #expect(try await h.api(.PUT, "\(path)/\(rollout)/cancel").status == 204)

            let finished = try await create()
            h.emulator.advanceClock(bySeconds: 100)
            let late = try await h.api(.PUT, "\(path)/\(finished)/cancel")
            #expect(late.status == 400 && late.errorMessage?.contains("has finished publishing") == true, "\(late.text)")
        }
    }

    @Test("--approval-delay holds a Windows Update label in Microsoft approval, where it can be cancelled")
    func approvalDelay() async throws {
        try await EmulatorHarness.with(.stoppedClock(stepDelay: .seconds(10), approvalDelay: .seconds(600))) { h in
            let (product, submission, targets) = try await h.completedSubmissionOnTheClock()
            let path = "/products/\(product)/submissions/\(submission)/shippingLabels"
            let created = try await h.api(.POST, path, json: EmulatorHarness.label([EmulatorHarness.target(targets[0])]))
            let id = try #require(created.json["id"]?.int64Value)
            h.emulator.advanceClock(bySeconds: 55)
            #expect(try await h.api(.GET, "\(path)/\(id)").json["workflowStatus"]?["currentStep"] == "microsoftApproval")
            h.emulator.advanceClock(bySeconds: 500)  // still within the ten minutes of approval
            #expect(try await h.api(.GET, "\(path)/\(id)").json["workflowStatus"]?["currentStep"] == "microsoftApproval")
            h.emulator.advanceClock(bySeconds: 100)  // past them: publishing
            #expect(try await h.api(.GET, "\(path)/\(id)").json["workflowStatus"]?["currentStep"] == "publishing")
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
