import DevCenter
import LuaKit

extension HDCModule {
    static var shippingLabelBindings: [HDCBinding] {
        [shippingLabels, shippingLabel, createShippingLabel, updateShippingLabel, cancelShippingLabel, waitShippingLabel, audiences]
    }

    static let labelParameters = [
        LuaParameterDoc("label", "hdc.ShippingLabel|integer", "a shipping label table (its `productId`, `submissionId` and `id` are used), or the product, submission and label IDs"),
    ]

    private static var shippingLabels: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            name: "shipping_labels",
            summary: "Iterates over the shipping labels of a submission, fetching pages as the loop asks for more.",
            parameters: submissionParameters,
            returns: [LuaReturnDoc("fun(): hdc.ShippingLabel|nil", name: "iterator", "each call gives the next label")],
            example: """
                for label in hdc.shipping_labels(submission) do
                  print(label.id, label.name, label.destination)
                end
                """,
            access: .read,
            isClientMethod: true)
        ) { b in
            let (productID, submissionID, _) = try b.submission(1)
            return try b.iterator { $0.shippingLabels(productID: productID, submissionID: submissionID) }
        }
    }

    private static var shippingLabel: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            name: "shipping_label",
            summary: "Fetches one shipping label, with its targeting when asked.",
            parameters: labelParameters + [LuaParameterDoc("options", "table", optional: true, "`include_targeting` (boolean, default false): also fetch `targeting`")],
            returns: [LuaReturnDoc("hdc.ShippingLabel", "every field the service sent")],
            example: """
                local label = hdc.shipping_label(label, {include_targeting = true})
                for _, id in ipairs(label.targeting.hardwareIds) do print(id.pnpString, id.distributionState) end
                """,
            access: .read,
            isClientMethod: true)
        ) { b in
            let (productID, submissionID, labelID, next) = try b.label(1)
            let options = try b.options(next)
            try options?.refuseUnknown(["include_targeting"])
            let targeting = try options?.boolean("include_targeting") ?? false
            return try b.perform({
                try await $0.shippingLabel(
                    productID: productID, submissionID: submissionID, labelID: labelID, includeTargetingInfo: targeting)
            }) { returning($1.json, $0) }
        }
    }

    private static var createShippingLabel: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            name: "create_shipping_label",
            summary: "Creates a shipping label for a signed submission, exactly once.",
            parameters: submissionParameters + [LuaParameterDoc(
                "label", "table",
                "the service's label fields: `name` (required), `destination` (\"windowsUpdate\", the default, or \"anotherPartner\"), `publishingSpecifications`, `recipientSpecifications`, `targeting` (`hardwareIds` from the submission's driver metadata, `chids`, `restrictedToAudiences`, `inServicePublishInfo`)")],
            returns: [LuaReturnDoc("hdc.ShippingLabel", "the new label")],
            example: """
                local label = hdc.create_shipping_label(signed, {
                  name = "contoso-widget 1.2.0 to Windows Update",
                  destination = "windowsUpdate",
                  publishingSpecifications = {goLiveDate = "2026-12-01T00:00:00Z",
                    isAutoInstallDuringOSUpgrade = false, isAutoInstallOnApplicableSystems = false},
                  targeting = {hardwareIds = {{bundleId = bundle, infId = "contosowidget.inf",
                    operatingSystemCode = "WINDOWS_v100_X64_RS5_FULL", pnpString = "usb\\\\vid_0abc&pid_1234"}}},
                })
                """,
            access: .write,
            notes: "Refused (kind `invalidState`) until the submission has driver metadata (`hdc.wait_metadata`). Hardware IDs must be in that metadata. To share the driver with a partner instead of publishing it: `destination = \"anotherPartner\"`, `recipientSpecifications = {receiverPublisherId = \"27691110\", enforceChidTargeting = false}` (the partner's publisher ID, as a string) and no `publishingSpecifications`; such a label walks `processSharing`, `finalizeSharing`, has no Microsoft approval, and cannot be cancelled.",
            isClientMethod: true)
        ) { b in
            let (productID, submissionID, next) = try b.submission(1)
            let body = try b.body(next, RequestShapes.newShippingLabel)
            return try b.perform({
                try await $0.createShippingLabel(productID: productID, submissionID: submissionID, body)
            }) { returning($1.json, $0) }
        }
    }

    private static var updateShippingLabel: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            name: "update_shipping_label",
            summary: "Adds or removes hardware IDs, CHIDs and audiences of a shipping label.",
            parameters: labelParameters + [LuaParameterDoc(
                "changes", "table",
                "`targeting` (`hardwareIds` and `chids` each with `action = \"add\"` or `\"remove\"`, `restrictedToAudiences`, `inServicePublishInfo`, and the `businessJustification` for the change) and, for a label shared with a partner, `recipientSpecifications` (`enforceChidTargeting`, `blockDuaCreation`)")],
            returns: [],
            example: """
                hdc.update_shipping_label(label, {targeting = {
                  chids = {{chid = "7b2c7b6e-2d4e-4b5a-9f3e-1a2b3c4d5e6f", action = "add"}},
                  businessJustification = "Also for the Contoso 14 laptops"}})
                """,
            access: .write,
            notes: "The service reads `businessJustification` inside `targeting`; one given beside `targeting` is moved there.",
            isClientMethod: true)
        ) { b in
            let (productID, submissionID, labelID, next) = try b.label(1)
            let changes = Self.justificationInTargeting(try b.body(next, RequestShapes.shippingLabelUpdate))
            return try b.perform({
                try await $0.send(.updateShippingLabel(productID: productID, submissionID: submissionID, labelID: labelID, changes))
            }) { _, _ in .none }
        }
    }

    /// A label PATCH body with a top-level `businessJustification` moved into `targeting`,
    /// where the service reads it.
    static func justificationInTargeting(_ body: JSONBody) -> JSONBody {
        guard case .object(var members) = body.value, let justification = members.removeValue(forKey: "businessJustification") else {
            return body
        }
        var targeting = members["targeting"]?.objectValue ?? [:]
        if targeting["businessJustification"] == nil { targeting["businessJustification"] = justification }
        members["targeting"] = .object(targeting)
        return JSONBody(.object(members))
    }

    private static var cancelShippingLabel: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            name: "cancel_shipping_label",
            summary: "Cancels a shipping label's publication.",
            parameters: labelParameters,
            returns: [],
            example: """
                hdc.cancel_shipping_label(label)
                """,
            access: .write,
            notes: "The service cancels a Windows Update label only while it is in Microsoft's approval or its gradual rollout (`microsoftApproval` or `publishing`), and never a label shared with a partner: otherwise it refuses with kind `invalidState`.",
            isClientMethod: true)
        ) { b in
            let (productID, submissionID, labelID, _) = try b.label(1)
            return try b.perform({
                try await $0.cancelShippingLabel(productID: productID, submissionID: submissionID, labelID: labelID)
            }) { _, _ in .none }
        }
    }

    private static var waitShippingLabel: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            name: "wait_shipping_label",
            summary: "Waits until a shipping label is published (or shared), or with `[\"until\"] = \"approval\"` until Microsoft approved it, and returns it; raises `workflowFailed` if it fails.",
            parameters: labelParameters + [LuaParameterDoc(
                "options", "table", optional: true,
                waitOptionsDoc + ", `until` (written `[\"until\"]`, since `until` is a Lua keyword: \"published\", the default, the label's last step completed; or \"approval\", `microsoftApproval` completed, for a Windows Update label)")],
            returns: [LuaReturnDoc("hdc.ShippingLabel", "the label as last fetched")],
            example: """
                local approved = hdc.wait_shipping_label(label, {["until"] = "approval", on_change = function(c) print(c.summary) end})
                """,
            access: .read,
            notes: "The `hdc.WaitChange` tables carry the label as `shipping_label`; a failure carries it the same way. Publishing can take weeks after Microsoft's approval, which is why release engineers wait until \"approval\"; a label shared with a partner has no approval step (kind `invalidInput`). A label whose sharing expired (`SharingExpiration`) fails the wait.",
            isClientMethod: true)
        ) { b in
            let (productID, submissionID, labelID, next) = try b.label(1)
            let options = try b.waitOptions(next, extraKeys: ["until"])
            let milestone = try b.milestone(optionsAt: next)
            return try b.waitForWorkflow(resourceField: "shipping_label", optionsIndex: options.index) { client, onChange in
                try await client.waitForShippingLabel(
                    productID: productID, submissionID: submissionID, labelID: labelID, until: milestone,
                    options: options.wait, onChange: onChange)
            }
        }
    }

    private static var audiences: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            name: "audiences",
            summary: "Lists the audiences a shipping label may be restricted to.",
            parameters: [],
            returns: [LuaReturnDoc("hdc.Audience[]", "every audience (`id`, `name`, `description`, `audienceName`)")],
            example: """
                for _, audience in ipairs(hdc.audiences()) do print(audience.id, audience.name) end
                """,
            access: .read,
            isClientMethod: true)
        ) { b in
            try b.perform({ try await $0.audiences().collect() }) { call, list in
                call.stack.push(json: .array(list.map(\.json)))
                return .values(1)
            }
        }
    }
}

extension BindingCall {
    /// The `until` of the wait options at argument `n`: "published" (the default) or "approval".
    func milestone(optionsAt n: Int32) throws(LuaArgumentError) -> ShippingLabelMilestone {
        guard let table = try options(n), let text = try table.string("until") else { return .published }
        guard let milestone = ShippingLabelMilestone(rawValue: text.lowercased()) else {
            throw LuaArgumentError(
                argument: index(n), message: "field 'until': \"published\" or \"approval\" expected, got \"\(text)\"")
        }
        return milestone
    }
}
