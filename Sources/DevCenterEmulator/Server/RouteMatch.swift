import Hummingbird

/// A request matched to one of the emulator's routes: its name for logs and faults, and what answers it.
struct RouteMatch: Sendable {
    /// Which imitated service the route belongs to; faults answer in that service's shape.
    enum Area: String, Sendable {
        case hardware, token, blob
    }

    /// `METHOD /path/template` (for example `POST /products/{productId}/submissions`), or a blob
    /// operation (`PUT blob?comp=block`).
    var name: String
    var area: Area
    var handler: @Sendable (Request, EmulatorRequestContext) async throws -> Response
}
