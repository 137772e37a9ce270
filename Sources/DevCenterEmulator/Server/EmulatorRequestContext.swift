import Hummingbird
import NIOCore

/// The per-request context: Hummingbird's core storage, plus the connection, so that a fault
/// can drop it without answering.
struct EmulatorRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
