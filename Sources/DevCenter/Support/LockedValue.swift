import NIOConcurrencyHelpers

/// A value that threads share behind a lock: `Synchronization.Mutex`'s `withLock`, on a POSIX
/// mutex. hwsubmit's own targets use it instead of `Mutex`.
///
/// Why not `Mutex`: on Linux it locks with futex system calls that ThreadSanitizer neither
/// intercepts nor is told about, so under `make sanitize` every access made inside its
/// `withLock` from two threads is reported as a race, real races among them hidden in the
/// noise (docs/reliability.md). `NIOLock` is a `pthread_mutex_t`, which ThreadSanitizer
/// understands.
package final class LockedValue<Value>: @unchecked Sendable {
    private let lock = NIOLock()
    /// Reached only under `lock`, which is what makes the class `Sendable`.
    private nonisolated(unsafe) var value: Value

    package init(_ initialValue: sending Value) {
        value = initialValue
    }

    /// Runs `body` with the value, the lock held.
    package func withLock<Result, E: Error>(_ body: (inout sending Value) throws(E) -> sending Result) throws(E) -> sending Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
