/// The emulator could not start.
public struct EmulatorStartError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}
