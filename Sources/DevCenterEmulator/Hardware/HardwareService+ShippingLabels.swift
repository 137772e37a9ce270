import DevCenter
import Foundation
import Hummingbird

/// Shipping labels (create, get with and without targeting, list, PATCH, cancel, and their
/// pipeline) and the fixed list of audiences.
extension HardwareService {
    static let audiences: [Audience] = [
        Audience(id: "9a4d8b4f-4b7c-4c5a-9a52-0c1f6f0a1b01", name: "Windows Insider Preview", description: "Devices enrolled in the Windows Insider Program", audienceName: "WindowsInsiderPreview"),
        Audience(id: "3c1e2f77-8d26-4c3b-a3c1-6c0e5b9a7d02", name: "Release Preview", description: "Devices in the Release Preview channel", audienceName: "ReleasePreview"),
        Audience(id: "e7b5c0d2-1f3a-4e8b-9c6d-2a4f8b1e3c03", name: "Managed Devices", description: "Commercially managed devices", audienceName: "ManagedDevices"),
    ]
    static let inServiceReleases = ["RS1", "RS2", "RS3", "RS4", "RS5", "19H1", "VB", "CO", "NI", "GE"]

    func listAudiences(_ call: Call) throws -> Response {
        let items = Self.audiences.compactMap { try? JSONValue(encoding: $0) }
        return json(["value": .array(items), "links": []])
    }

    /// How many of the label's steps its pipeline has finished: each takes the step delay, and
    /// Microsoft approval the approval delay.
    private func stepsReached(_ label: HardwareState.ShippingLabel) -> Int {
        var left = max(0, clock.now.timeIntervalSince(label.startedAt))
        for (index, step) in label.steps.enumerated() {
            let takes = step == .microsoftApproval ? approvalDelay : stepDelay
            if left < takes { return index }
            left -= takes
        }
        return label.steps.count
    }

    /// The planned failure, once the pipeline has reached its step.
    private func failure(_ label: HardwareState.ShippingLabel) -> PlannedFailure? {
        guard let planned = label.plannedFailure, let index = label.steps.firstIndex(of: planned.step),
              stepsReached(label) >= index else { return nil }
        return planned
    }

    private func isFinished(_ label: HardwareState.ShippingLabel) -> Bool {
        stepsReached(label) >= label.steps.count && failure(label) == nil
    }

    /// The targeting with distribution states moved on when the label's pipeline has finished
    /// (a failed label's targets stay pending).
    private func settledTargeting(_ label: HardwareState.ShippingLabel) -> Targeting {
        guard isFinished(label) else { return label.targeting }
        var targeting = label.targeting
        func settle(_ state: DistributionState?) -> DistributionState? {
            if state == .pendingAdd { return .added }
            if state == .pendingRemove { return .removed }
            return state
        }
        targeting.hardwareIds = targeting.hardwareIds?.map { var t = $0; t.distributionState = settle(t.distributionState); return t }
        targeting.chids = targeting.chids?.map { var t = $0; t.distributionState = settle(t.distributionState); return t }
        return targeting
    }

    func renderLabel(_ label: HardwareState.ShippingLabel, _ call: Call, includeTargeting: Bool) -> JSONValue {
        var fields = label.extraFields
        fields["id"] = .integer(label.id)
        fields["productId"] = .integer(label.productId)
        fields["submissionId"] = .integer(label.submissionId)
        fields["name"] = .string(label.name)
        fields["destination"] = .string(label.destination.rawValue)
        if let p = label.publishingSpecifications { fields["publishingSpecifications"] = p }
        if let r = label.recipientSpecifications { fields["recipientSpecifications"] = r }
        if includeTargeting { fields["targeting"] = (try? JSONValue(encoding: settledTargeting(label))) ?? [:] }
        let steps = label.steps
        let reached = stepsReached(label)
        let messages: [JSONValue] = label.cancelled ? ["The shipping label was cancelled; its targets are being removed."] : []
        if let failure = failure(label) {
            let said = failure.messages.isEmpty
                ? ["The shipping label failed at \(failure.step.rawValue) (failure injected by the emulator)."] : failure.messages
            fields["workflowStatus"] = ["currentStep": .string(failure.step.rawValue), "state": "failed", "messages": .array(said.map(JSONValue.string))]
        } else {
            fields["workflowStatus"] = reached >= steps.count
                ? ["currentStep": .string(steps[steps.count - 1].rawValue), "state": "completed", "messages": .array(messages)]
                : ["currentStep": .string(steps[reached].rawValue), "state": "started", "messages": .array(messages)]
        }
        let selfURL = "\(call.apiBase)/products/\(label.productId)/submissions/\(label.submissionId)/shippingLabels/\(label.id)"
        fields["links"] = [link(selfURL, "self"), link(selfURL, "update_shippinglabel", "PATCH")]
        return .object(fields)
    }

    private func includeTargeting(_ call: Call) -> Bool { call.query["includeTargetingInfo"]?.lowercased() == "true" }

    func listLabels(_ call: Call) throws -> Response {
        let items = try state.withLock { s throws(HTTPFailure) in
            let submission = try self.submission(call.ids[0], call.ids[1], in: s)
            return s.labelOrder.compactMap { s.labels[$0] }.filter { $0.submissionId == submission.id }
        }
        return try page(items.map { renderLabel($0, call, includeTargeting: includeTargeting(call)) }, call,
                        path: "/products/\(call.ids[0])/submissions/\(call.ids[1])/shippingLabels")
    }

    private func label(_ call: Call, in s: HardwareState) throws(HTTPFailure) -> HardwareState.ShippingLabel {
        _ = try submission(call.ids[0], call.ids[1], in: s)
        guard let label = s.labels[call.ids[2]], label.submissionId == call.ids[1] else {
            throw .notFound("Shipping label \(call.ids[2]) of submission \(call.ids[1])")
        }
        return label
    }

    func getLabel(_ call: Call) throws -> Response {
        let label = try state.withLock { s throws(HTTPFailure) in try self.label(call, in: s) }
        return json(renderLabel(label, call, includeTargeting: includeTargeting(call)))
    }

    /// The driver metadata of a completed submission, or the state error a label needs before it exists.
    private func metadata(for submission: HardwareState.Submission) throws(HTTPFailure) -> DriverMetadata {
        guard case .passed(let package) = submission.outcome, snapshot(submission).isComplete else {
            let status = snapshot(submission)
            throw .invalidState("Submission \(submission.id) has no driver metadata yet (commitStatus: \(status.commitStatus.rawValue), step \(status.step.rawValue) \(status.state.rawValue)); shipping labels need it. Wait until the submission completes and its driverMetadata download exists.")
        }
        return package.metadata
    }

    private static func targetKey(_ t: HardwareIDTarget) -> String {
        "\(t.bundleId.lowercased())|\(t.infId.lowercased())|\(t.operatingSystemCode.uppercased())|\(t.pnpString.lowercased())"
    }

    /// Checks `targeting` (create or PATCH) and returns it decoded.
    private func checkTargeting(_ body: [String: JSONValue], metadata: DriverMetadata, forPatch: Bool, _ check: inout FieldChecker) -> Targeting {
        var targeting = Targeting()
        var t = FieldChecker(body, prefix: "targeting")
        let known = Set(metadata.hardwareIDTargets.map(Self.targetKey))
        if let ids = t.array("hardwareIds") {
            var parsed: [HardwareIDTarget] = []
            for (i, item) in ids.enumerated() {
                var h = FieldChecker(item.objectValue ?? [:], prefix: "targeting.hardwareIds[\(i)]")
                if item.objectValue == nil { h.fail("", "must be an object with bundleId, infId, operatingSystemCode and pnpString") }
                let bundle = h.string("bundleId", required: true), inf = h.string("infId", required: true)
                let os = h.string("operatingSystemCode", required: true), pnp = h.string("pnpString", required: true, maxLength: 512)
                let action = h.string("action", required: forPatch)
                if let action, !["add", "remove"].contains(action.lowercased()) { h.fail("action", "must be add or remove (got \"\(action)\")") }
                if let bundle, let inf, let os, let pnp {
                    let target = HardwareIDTarget(bundleId: bundle, infId: inf, operatingSystemCode: os, pnpString: pnp, distributionState: .pendingAdd, action: action?.lowercased())
                    if action?.lowercased() != "remove" && !known.contains(Self.targetKey(target)) {
                        h.fail("pnpString", "\(pnp) for \(os) in \(inf) (bundle \(bundle)) is not in the submission's driver metadata; take hardware IDs from the driverMetadata download")
                    }
                    parsed.append(target)
                }
                t.merge(h)
            }
            targeting.hardwareIds = parsed
        }
        if let chids = t.array("chids") {
            var parsed: [CHIDTarget] = []
            for (i, item) in chids.enumerated() {
                var c = FieldChecker(item.objectValue ?? [:], prefix: "targeting.chids[\(i)]")
                let chid = c.string("chid", required: true)
                let action = c.string("action", required: forPatch)
                if let chid, UUID(uuidString: chid.trimmingCharacters(in: CharacterSet(charactersIn: "{}"))) == nil {
                    c.fail("chid", "must be a GUID (got \"\(chid)\")")
                }
                if let action, !["add", "remove"].contains(action.lowercased()) { c.fail("action", "must be add or remove (got \"\(action)\")") }
                if let chid { parsed.append(CHIDTarget(chid: chid.lowercased(), distributionState: .pendingAdd, action: action?.lowercased())) }
                t.merge(c)
            }
            targeting.chids = parsed
        }
        if let audiences = t.stringArray("restrictedToAudiences") {
            for (i, a) in audiences.enumerated() where !Self.audiences.contains(where: { $0.id.lowercased() == a.lowercased() }) {
                t.fail("restrictedToAudiences[\(i)]", "\"\(a)\" is not an audience ID; GET /audiences lists them")
            }
            targeting.restrictedToAudiences = audiences
        }
        targeting.businessJustification = t.string("businessJustification", maxLength: 4096)
        let inService = t.object("inServicePublishInfo")
        let coEng = t.object("coEngDriverPublishInfo")
        if inService != nil && coEng != nil {
            t.fail("inServicePublishInfo", "may not be given together with coEngDriverPublishInfo")
        }
        if let inService {
            var r = FieldChecker(inService, prefix: "targeting.inServicePublishInfo")
            let floor = r.string("flooring"), ceiling = r.string("ceiling")
            for (key, value) in [("flooring", floor), ("ceiling", ceiling)] {
                if let value, !Self.inServiceReleases.contains(value.uppercased()) {
                    r.fail(key, "must be one of \(Self.inServiceReleases.joined(separator: ", ")) (got \"\(value)\")")
                }
            }
            if let f = floor.flatMap({ Self.inServiceReleases.firstIndex(of: $0.uppercased()) }),
                let c = ceiling.flatMap({ Self.inServiceReleases.firstIndex(of: $0.uppercased()) }), c < f {
                r.fail("ceiling", "must not be below flooring")
            }
            t.merge(r)
            targeting.inServicePublishInfo = InServicePublishInfo(flooring: floor, ceiling: ceiling)
        }
        if let coEng {
            var r = FieldChecker(coEng, prefix: "targeting.coEngDriverPublishInfo")
            let floor = r.int64("flooringBuildNumber"), ceiling = r.int64("ceilingBuildNumber")
            if let floor, let ceiling, ceiling < floor { r.fail("ceilingBuildNumber", "must not be below flooringBuildNumber") }
            t.merge(r)
            targeting.coEngDriverPublishInfo = CoEngDriverPublishInfo(flooringBuildNumber: floor.map(Int.init), ceilingBuildNumber: ceiling.map(Int.init))
        }
        check.merge(t)
        return targeting
    }

    func createLabel(_ call: Call) async throws -> Response {
        let body = try await JSONBodyReader.object(from: call.request, fields: .newShippingLabel)
        let submission = try state.withLock { s throws(HTTPFailure) in try self.submission(call.ids[0], call.ids[1], in: s) }
        let metadata = try metadata(for: submission)
        var check = FieldChecker(body)
        let name = check.string("name", required: true)
        var destination = ShippingDestination.windowsUpdate
        if let text = check.string("destination", required: true) {
            destination = ShippingDestination(rawValue: text)
            if destination != .windowsUpdate && destination != .anotherPartner {
                check.fail("destination", "must be windowsUpdate or anotherPartner (got \"\(text)\")")
            }
        }
        let publishing = check.object("publishingSpecifications", required: destination == .windowsUpdate)
        if let publishing {
            var p = FieldChecker(publishing, prefix: "publishingSpecifications")
            // Optional: without it, the label publishes as soon as it can.
            _ = p.date("goLiveDate")
            if let accounts = p.array("visibleToAccounts") {
                for (i, a) in accounts.enumerated() where a.int64Value == nil {
                    p.fail("visibleToAccounts[\(i)]", "must be an account ID (an integer or a numeric string)")
                }
            }
            var autoInstall = false
            for key in ["isAutoInstallDuringOSUpgrade", "isAutoInstallOnApplicableSystems"] { autoInstall = (p.bool(key) ?? false) || autoInstall }
            for key in ["isDisclosureRestricted", "publishToWindows10s", "manualAcquisition"] { _ = p.bool(key) }
            let approval = p.object("additionalInfoForMsApproval", required: autoInstall && destination == .windowsUpdate)
            if let approval {
                var a = FieldChecker(approval, prefix: "publishingSpecifications.additionalInfoForMsApproval")
                _ = a.string("microsoftContact", required: true)
                _ = a.string("validationsPerformed", required: true, maxLength: 4096)
                _ = a.stringArray("affectedOems", required: true)
                _ = a.string("businessJustification", required: true, maxLength: 4096)
                for key in ["isRebootRequired", "isCoEngineered", "isForUnreleasedHardware", "hasUiSoftware"] { _ = a.bool(key) }
                p.merge(a)
            }
            check.merge(p)
        }
        let recipient = check.object("recipientSpecifications", required: destination == .anotherPartner)
        if let recipient, destination == .anotherPartner {
            var r = FieldChecker(recipient, prefix: "recipientSpecifications")
            _ = r.string("receiverPublisherId", required: true)
            _ = r.bool("enforceChidTargeting")
            check.merge(r)
        }
        var targeting = Targeting()
        if let targetingBody = check.object("targeting", required: true) {
            targeting = checkTargeting(targetingBody, metadata: metadata, forPatch: false, &check)
            if (targeting.hardwareIds ?? []).isEmpty && (targeting.chids ?? []).isEmpty {
                check.fail("targeting.hardwareIds", "must name at least one hardware ID from the driver metadata (or a CHID)")
            }
            targeting.hardwareIds = targeting.hardwareIds?.map { var t = $0; t.action = nil; return t }
            targeting.chids = targeting.chids?.map { var t = $0; t.action = nil; return t }
        }
        try check.check("shipping label", status: .unprocessableContent)
        var extra = body
        for key in ["name", "destination", "publishingSpecifications", "recipientSpecifications", "targeting"] { extra.removeValue(forKey: key) }
        let now = clock.now
        let label = state.withLock { s in
            let label = HardwareState.ShippingLabel(
                id: s.labelIDs.take(), productId: submission.productId, submissionId: submission.id, name: name ?? "",
                destination: destination, publishingSpecifications: publishing.map(JSONValue.object),
                recipientSpecifications: recipient.map(JSONValue.object), targeting: targeting, extraFields: extra, startedAt: now,
                plannedFailure: s.failuresForNextLabels.isEmpty ? nil : s.failuresForNextLabels.removeFirst())
            s.labels[label.id] = label
            s.labelOrder.append(label.id)
            return label
        }
        return json(renderLabel(label, call, includeTargeting: true), status: .created)
    }

    func patchLabel(_ call: Call) async throws -> Response {
        let body = try await JSONBodyReader.object(from: call.request, fields: .shippingLabelUpdate)
        let (label, submission) = try state.withLock { s throws(HTTPFailure) in
            (try self.label(call, in: s), try self.submission(call.ids[0], call.ids[1], in: s))
        }
        guard !label.cancelled else {
            throw HTTPFailure.invalidState("Shipping label \(label.id) is cancelled; it cannot be changed. Create a new label.")
        }
        try FieldChecker.refuseUnchangeable(
            body, mutable: ShippingLabelUpdate.mutableFields, of: "shipping label",
            hints: ["businessJustification": "belongs inside targeting: send it as targeting.businessJustification"])
        let metadata = try metadata(for: submission)
        var check = FieldChecker(body)
        if body["targeting"] == nil && body["recipientSpecifications"] == nil {
            check.fail("targeting", "is required (or recipientSpecifications, for a label shared with a partner)")
        }
        let changes = checkTargeting(check.object("targeting") ?? [:], metadata: metadata, forPatch: true, &check)
        var recipient = label.recipientSpecifications?.objectValue
        if let patch = check.object("recipientSpecifications") {
            var r = FieldChecker(patch, prefix: "recipientSpecifications")
            if label.destination != .anotherPartner {
                r.fail("", "applies to labels shared with a partner; label \(label.id) publishes to Windows Update")
            }
            if let receiver = r.string("receiverPublisherId"),
                receiver != recipient?["receiverPublisherId"]?.stringValue {
                r.fail("receiverPublisherId", "may not change; create a new label to share with another partner")
            }
            for key in ["enforceChidTargeting", "blockDuaCreation"] {
                if let flag = r.bool(key) { recipient?[key] = .bool(flag) }
            }
            check.merge(r)
        }
        var targeting = settledTargeting(label)
        var ids = targeting.hardwareIds ?? []
        for change in changes.hardwareIds ?? [] {
            let key = Self.targetKey(change)
            let index = ids.firstIndex { Self.targetKey($0) == key && $0.distributionState != .removed }
            if change.action == "remove" {
                if let index { ids[index].distributionState = .pendingRemove } else {
                    check.fail("targeting.hardwareIds", "\(change.pnpString) for \(change.operatingSystemCode) is not on the label, so it cannot be removed")
                }
            } else if index == nil {
                var added = change
                added.action = nil
                added.distributionState = .pendingAdd
                ids.append(added)
            }
        }
        var chids = targeting.chids ?? []
        for change in changes.chids ?? [] {
            let index = chids.firstIndex { $0.chid == change.chid && $0.distributionState != .removed }
            if change.action == "remove" {
                if let index { chids[index].distributionState = .pendingRemove } else {
                    check.fail("targeting.chids", "\(change.chid) is not on the label, so it cannot be removed")
                }
            } else if index == nil {
                chids.append(CHIDTarget(chid: change.chid, distributionState: .pendingAdd))
            }
        }
        try check.check("shipping label update", status: .unprocessableContent)
        targeting.hardwareIds = ids
        targeting.chids = chids
        if let audiences = changes.restrictedToAudiences { targeting.restrictedToAudiences = audiences }
        if let range = changes.inServicePublishInfo { targeting.inServicePublishInfo = range; targeting.coEngDriverPublishInfo = nil }
        if let range = changes.coEngDriverPublishInfo { targeting.coEngDriverPublishInfo = range; targeting.inServicePublishInfo = nil }
        if let justification = changes.businessJustification { targeting.businessJustification = justification }
        let now = clock.now
        state.withLock { s in
            s.labels[label.id]?.targeting = targeting
            s.labels[label.id]?.recipientSpecifications = recipient.map(JSONValue.object)
            s.labels[label.id]?.startedAt = now
            s.labels[label.id]?.plannedFailure = nil
        }
        return Response(status: .noContent)
    }

    /// The steps during which a Windows Update label may be cancelled: Microsoft's approval, and
    /// publishing, where its gradual rollout runs (no step of the API is named after it).
    static let cancellableSteps: [WorkflowStep] = [.microsoftApproval, "publishing"]

    func cancelLabel(_ call: Call) throws -> Response {
        let now = clock.now
        try state.withLock { s throws(HTTPFailure) in
            var label = try self.label(call, in: s)
            guard !label.cancelled else {
                throw .invalidState("Shipping label \(label.id) is already cancelled.")
            }
            guard label.destination != .anotherPartner else {
                throw .invalidState("Shipping label \(label.id) is shared with a partner, and a shared label cannot be cancelled. Once its workflow has completed, its sharing can be revoked in Partner Center.")
            }
            let reached = stepsReached(label)
            let step = failure(label)?.step ?? (reached < label.steps.count ? label.steps[reached] : nil)
            guard failure(label) == nil, let step, Self.cancellableSteps.contains(step) else {
                let at = step.map { "is at \($0.rawValue)" + (failure(label) != nil ? " (failed)" : "") } ?? "has finished publishing"
                throw .invalidState("Shipping label \(label.id) can be cancelled only while in Microsoft approval or gradual rollout (microsoftApproval or publishing); it \(at). To stop a published driver, remove its hardware IDs with a PATCH.")
            }
            var targeting = settledTargeting(label)
            targeting.hardwareIds = targeting.hardwareIds?.map { var t = $0; if t.distributionState != .removed { t.distributionState = .pendingRemove }; return t }
            targeting.chids = targeting.chids?.map { var t = $0; if t.distributionState != .removed { t.distributionState = .pendingRemove }; return t }
            label.targeting = targeting
            label.cancelled = true
            label.startedAt = now
            label.plannedFailure = nil
            s.labels[label.id] = label
        }
        return Response(status: .noContent)
    }
}
