extension DevCenterClient {
    /// Sends a create under the no-duplicates rule: retried only when provably not sent, and
    /// after an ambiguous failure, settled by `lookup` before any new attempt.
    ///
    /// - Parameters:
    ///   - what: the resource, for messages ("a product named …").
    ///   - check: what a person should look at when the outcome cannot be settled.
    ///   - lookup: the existing resources that the request would have created.
    func create<T: Decodable & Sendable & Identifiable>(
        _ endpoint: Endpoint, as type: T.Type, what: String, check: String,
        lookup: @escaping @Sendable () async throws -> [T]
    ) async throws -> T where T.ID == Int64 {
        let operation = endpoint.operation
        return try await execute(
            endpoint,
            reconcile: { [logger] cause in
                let matches: [T]
                do {
                    matches = try await lookup()
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
                    return matches[0]
                default:
                    throw DevCenterError.uncertainOutcome(
                        operation: operation, check: check, cause: cause,
                        details: ["found \(matches.count) of \(what): IDs " + matches.map { "\($0.id)" }.joined(separator: ", ")])
                }
            },
            finish: { response in try Self.decode(T.self, from: response, operation: operation) })
    }

    /// An error in one line for a detail of another error.
    static func summary(of error: any Error) -> String {
        (error as? DevCenterError)?.message ?? String(describing: error)
    }
}
