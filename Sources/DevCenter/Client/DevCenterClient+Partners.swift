/// Submissions partners shared with this account: translating their IDs to this account's,
/// and listing them.
extension DevCenterClient {
    /// The submission in this account that a partner's submission was shared as, from the
    /// partner's publisher, product and submission IDs
    /// (`GET /products/relationships/sourcepubliherid/…`). Its `productId` and `id` are this
    /// account's; ask for its driver metadata with ``waitForDriverMetadata(productID:submissionID:request:options:onChange:)``.
    public func partnerSubmission(publisherID: String, productID: Int64, submissionID: Int64) async throws -> Submission {
        try await send(.partnerSubmission(publisherID: publisherID, productID: productID, submissionID: submissionID), as: Submission.self)
    }

    /// The submissions of the products shared with this account (``Product/isSharedWithThisAccount``),
    /// product by product in the service's order, as list items (fetch one whole for its downloads).
    public func sharedSubmissions() async throws -> [Submission] {
        var found: [Submission] = []
        for product in try await products().collect(where: { $0.isSharedWithThisAccount }) {
            found += try await submissions(productID: product.id).collect()
        }
        return found
    }
}
