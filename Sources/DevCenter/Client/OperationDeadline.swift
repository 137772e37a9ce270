/// The deadline of the client operation running on the current task, so that the operations it
/// starts itself (the lookups of a reconciliation, the listing before a create) end within it
/// instead of each taking a whole deadline of its own.
///
/// It belongs to one client: a deadline is a point on that client's clock, which means nothing
/// on another's.
struct OperationDeadline: Sendable {
    let owner: ObjectIdentifier
    let at: Duration

    @TaskLocal static var current: OperationDeadline?

    /// The deadline for an operation of `client` starting now: its policy's, or the enclosing
    /// operation's when that is sooner.
    static func forOperation(of client: DevCenterClient) -> OperationDeadline {
        let own = client.clock.now + client.configuration.retryPolicy.deadline
        let owner = ObjectIdentifier(client)
        if let enclosing = current, enclosing.owner == owner, enclosing.at < own { return enclosing }
        return OperationDeadline(owner: owner, at: own)
    }
}
