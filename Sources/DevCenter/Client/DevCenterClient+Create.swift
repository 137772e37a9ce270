extension DevCenterClient {
    /// Sends a create under the no-duplicates rule: retried only when provably not sent, and
    /// after an ambiguous failure, settled by `lookup` before any new attempt.
    ///
    /// The matches that existed before the first attempt (`knownExisting`, or one `lookup` made
    /// first when it is `nil`) are never taken for the one this call created: after an ambiguous
    /// failure, exactly one match that was not there before is adopted; none means the create is
    /// sent again; several make the outcome uncertain.
    ///
    /// - Parameters:
    ///   - what: the resource, for messages ("a product named …").
    ///   - check: what a person should look at when the outcome cannot be settled.
    ///   - knownExisting: IDs of the resources that existed before this call (they must include
    ///     every one `lookup` would find), or `nil` to find them with `lookup` first.
    ///   - lookup: the existing resources that the request would have created (list items).
    ///   - complete: fetches an adopted match whole, when list items lack fields (a submission's upload URL).
    func create<T: Decodable & Sendable & Identifiable>(
        _ endpoint: Endpoint, as type: T.Type, what: String, check: String, knownExisting: Set<Int64>?,
        lookup: @escaping @Sendable () async throws -> [T],
        complete: (@Sendable (T) async throws -> T)? = nil
    ) async throws -> T where T.ID == Int64 {
        let operation = endpoint.operation
        // The listing before the first attempt and the attempts share one deadline.
        return try await OperationDeadline.$current.withValue(OperationDeadline.forOperation(of: self)) {
            let before: Set<Int64>
            if let knownExisting {
                before = knownExisting
            } else {
                do {
                    before = Set(try await lookup().map(\.id))
                } catch let error as DevCenterError {
                    var failure = error
                    failure.message = "Listing the existing resources before creating \(what) failed, so \(operation) was not sent: \(error.message)"
                    failure.delivery = .notSent
                    throw failure.with(correlationID: correlationID)
                }
            }
            return try await execute(
                endpoint,
                reconcile: { [logger] cause in
                    let matches: [T]
                    do {
                        matches = try await lookup().filter { !before.contains($0.id) }
                    } catch {
                        throw DevCenterError.uncertainOutcome(
                            operation: operation, check: check, cause: cause,
                            details: ["looking for \(what) failed: \(Self.summary(of: error))"])
                    }
                    switch matches.count {
                    case 0:
                        logger.notice("\(operation) did not create \(what); sending it again")
                        return nil
                    case 1:
                        logger.notice("\(operation) created \(what) (ID \(matches[0].id)) despite the failed answer; using it")
                        guard let complete else { return matches[0] }
                        do {
                            return try await complete(matches[0])
                        } catch {
                            throw DevCenterError.uncertainOutcome(
                                operation: operation,
                                check: "use \(what) with ID \(matches[0].id), which it created, instead of creating another.",
                                cause: cause, details: ["fetching it failed: \(Self.summary(of: error))"])
                        }
                    default:
                        throw DevCenterError.uncertainOutcome(
                            operation: operation, check: check, cause: cause,
                            details: ["found \(matches.count) new of \(what): IDs " + matches.map { "\($0.id)" }.joined(separator: ", ")])
                    }
                },
                finish: { [logger] response in try Self.decode(T.self, from: response, operation: operation, logger: logger) })
        }
    }

    /// An error in one line for a detail of another error.
    static func summary(of error: any Error) -> String {
        (error as? DevCenterError)?.message ?? String(describing: error)
    }
}
