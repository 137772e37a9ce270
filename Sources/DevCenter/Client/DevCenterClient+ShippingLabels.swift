extension DevCenterClient {
    public func shippingLabels(productID: Int64, submissionID: Int64) -> PagedSequence<ShippingLabel> {
        list(.listShippingLabels(productID: productID, submissionID: submissionID))
    }

    /// One label; with `includeTargetingInfo`, its ``ShippingLabel/targeting`` too.
    public func shippingLabel(productID: Int64, submissionID: Int64, labelID: Int64, includeTargetingInfo: Bool = false) async throws -> ShippingLabel {
        try await send(
            .shippingLabel(productID: productID, submissionID: submissionID, labelID: labelID, includeTargetingInfo: includeTargetingInfo),
            as: ShippingLabel.self)
    }

    /// Creates a shipping label, exactly once; an unknown outcome is settled by looking it up by
    /// name among the submission's labels, setting aside those that existed before this call.
    ///
    /// - Parameter knownExisting: the IDs of the submission's labels before this call, when you
    ///   have just listed them; when `nil`, the client lists them once before the first attempt.
    public func createShippingLabel(
        productID: Int64, submissionID: Int64, _ label: NewShippingLabel, knownExisting: Set<Int64>? = nil
    ) async throws -> ShippingLabel {
        try await createShippingLabel(
            productID: productID, submissionID: submissionID, try JSONBody(encoding: label), knownExisting: knownExisting)
    }

    /// Creates a shipping label from a body already in JSON form, sent as it is; the
    /// reconciliation reads `name`.
    public func createShippingLabel(
        productID: Int64, submissionID: Int64, _ body: JSONBody, knownExisting: Set<Int64>? = nil
    ) async throws -> ShippingLabel {
        let name = body.value["name"]?.stringValue ?? ""
        let listPath = "/products/\(productID)/submissions/\(submissionID)/shippingLabels"
        return try await create(
            .createShippingLabel(productID: productID, submissionID: submissionID, body),
            as: ShippingLabel.self,
            what: "a shipping label named \"\(name)\" of submission \(submissionID)",
            check: "list the submission's shipping labels (GET \(listPath)) for one named \"\(name)\" and use it.",
            knownExisting: knownExisting,
            lookup: { [self] in
                try await shippingLabels(productID: productID, submissionID: submissionID).collect { $0.name == name }
            })
    }

    /// Adds or removes hardware IDs, CHIDs and audiences of a label (204).
    public func updateShippingLabel(productID: Int64, submissionID: Int64, labelID: Int64, _ update: ShippingLabelUpdate) async throws {
        _ = try await send(
            .updateShippingLabel(productID: productID, submissionID: submissionID, labelID: labelID, try JSONBody(encoding: update)))
    }

    /// Cancels a label's publication (204), once.
    ///
    /// A cancel is sent again after a transient failure, and when the first one landed with its
    /// answer lost the service refuses the second (`requestInvalidForCurrentState`: already
    /// cancelled). Such a refusal, after an earlier attempt, reads the label: when every target
    /// it has is being removed (`pendingRemove` or `removed`), which is what a cancel does, the
    /// cancel landed and the call returns normally.
    public func cancelShippingLabel(productID: Int64, submissionID: Int64, labelID: Int64) async throws {
        do {
            _ = try await send(.cancelShippingLabel(productID: productID, submissionID: submissionID, labelID: labelID))
        } catch let error as DevCenterError where error.kind == .invalidState && error.attempts > 1 {
            guard let label = try? await shippingLabel(productID: productID, submissionID: submissionID, labelID: labelID, includeTargetingInfo: true),
                Self.isWithdrawn(label)
            else { throw error }
            logger.notice("the cancel of shipping label \(labelID) landed despite the failed answer")
        }
    }

    /// Whether every target of `label` is being removed, as after a cancel.
    private static func isWithdrawn(_ label: ShippingLabel) -> Bool {
        let states = (label.targeting?.hardwareIds ?? []).map(\.distributionState) + (label.targeting?.chids ?? []).map(\.distributionState)
        return !states.isEmpty && states.allSatisfy { $0 == .pendingRemove || $0 == .removed }
    }

    /// The audiences a label may be restricted to.
    public func audiences() -> PagedSequence<Audience> { list(.listAudiences()) }
}
