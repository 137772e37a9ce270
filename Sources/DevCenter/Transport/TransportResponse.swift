/// An HTTP answer with its whole body.
public struct TransportResponse: Sendable, Hashable {
    public var status: Int
    public var headers: TransportHeaders
    public var body: [UInt8]

    public init(status: Int, headers: TransportHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public var isSuccess: Bool { (200..<300).contains(status) }

    /// The body as text, for messages and logs.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}
