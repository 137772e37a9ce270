#if canImport(Glibc)
import Glibc
#endif

/// Runs async work from synchronous code (a subcommand's `run`) and waits for it on this
/// thread. Not for scripts: those wait through the `hdc` scheduler.
enum BlockingWait {
    private final class Outcome<Value: Sendable>: @unchecked Sendable {
        var result: Result<Value, any Error>?
        var semaphore = sem_t()
    }

    static func run<Value: Sendable>(_ body: @escaping @Sendable () async throws -> Value) -> Result<Value, any Error> {
        let outcome = Outcome<Value>()
        sem_init(&outcome.semaphore, 0, 0)
        defer { sem_destroy(&outcome.semaphore) }
        Task {
            do {
                outcome.result = .success(try await body())
            } catch {
                outcome.result = .failure(error)
            }
            sem_post(&outcome.semaphore)
        }
        while sem_wait(&outcome.semaphore) != 0 {}
        return outcome.result ?? .failure(CancellationError())
    }
}
