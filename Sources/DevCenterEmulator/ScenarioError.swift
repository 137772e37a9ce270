/// A scenario that cannot be used, with what is wrong and where.
public struct ScenarioError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}
