/// Runs `body`, whose errors can only be `E`, from a function with typed throws: for
/// standard-library helpers (`withUTF8`, `withUnsafeBytes`) that rethrow untyped errors.
@inline(__always)
func typedThrows<E: Error, R>(as type: E.Type, _ body: () throws -> R) throws(E) -> R {
    do {
        return try body()
    } catch let error as E {
        throw error
    } catch {
        preconditionFailure("unexpected error type: \(error)")
    }
}
