/// One HTTP request as a transport sends it: absolute URL, headers, a buffered body and a timeout.
public struct TransportRequest: Sendable, Hashable {
    public var method: String
    public var url: String
    public var headers: TransportHeaders
    public var body: [UInt8]?
    /// How long this one attempt may take, from sending to the last byte of the answer.
    public var timeout: Duration
    /// Answers larger than this fail instead of filling memory.
    public var maximumResponseBytes: Int

    public init(
        method: String, url: String, headers: TransportHeaders = [:], body: [UInt8]? = nil,
        timeout: Duration = .seconds(60), maximumResponseBytes: Int = 32 << 20
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.maximumResponseBytes = maximumResponseBytes
    }
}
