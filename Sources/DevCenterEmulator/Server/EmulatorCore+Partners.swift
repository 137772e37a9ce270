import DevCenter

/// The admin API's set-up of pre-production failures and of submissions shared by partners.
extension EmulatorCore {
    /// Makes a pre-production package (`nil`: the next one sent) fail signing with `messages`.
    func failPreprodPackage(_ id: String?, messages: [String]) throws {
        try hardware.state.withLock { s in
            guard let id else {
                s.failuresForNextPreprodPackages.append(messages)
                return
            }
            guard s.preprodPackages[id.lowercased()] != nil else {
                throw ScenarioError(message: "pre-production package \(id) does not exist")
            }
            s.preprodPackages[id.lowercased()]?.plannedFailure = messages
        }
    }

    /// `{"publisherId", "sourceProductId", "sourceSubmissionId", "productId", "submissionId"}`:
    /// the submission `submissionId` of product `productId` in this account becomes the one a
    /// partner (`publisherId`) shared as their product and submission; its driver metadata then
    /// appears only after `createpublishermetadata` and the metadata delay. `"submissionId":
    /// "next"` (no `productId`) shares the next submission created instead.
    func sharePartnerSubmission(_ members: [String: JSONValue]) throws {
        func id(_ key: String) throws -> Int64 {
            guard let value = members[key]?.int64Value, value > 0 else {
                throw ScenarioError(message: "\(key) must be a positive 64-bit ID (a number or a numeric string)")
            }
            return value
        }
        guard let publisher = members["publisherId"]?.int64Value, publisher > 0 else {
            throw ScenarioError(message: "publisherId must be the partner's publisher (seller) ID, digits")
        }
        let source = PartnerSource(
            publisherId: String(publisher), productId: try id("sourceProductId"), submissionId: try id("sourceSubmissionId"))
        if members["submissionId"]?.stringValue?.lowercased() == "next" {
            hardware.state.withLock { $0.sharesForNextSubmissions.append(source) }
            return
        }
        do {
            try hardware.share(productID: try id("productId"), submissionID: try id("submissionId"), as: source)
        } catch let failure as HTTPFailure {
            throw ScenarioError(message: "productId and submissionId must name a submission of this account (\(failure.code))")
        }
    }
}
