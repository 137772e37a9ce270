/// One operation of the hardware API: method, path template filled in, query, body, and how
/// safe it is to repeat. URLs are always built from these templates against the configured base,
/// never from the `links` the service sends.
public struct Endpoint: Sendable, Hashable {
    public var method: String
    /// The path below the base URL, starting with `/`.
    public var path: String
    public var query: [QueryItem]
    /// The JSON body, encoded once: every attempt sends the same bytes.
    public var body: JSONBody?
    public var operationClass: OperationClass

    /// One `name=value` pair of a query string.
    public struct QueryItem: Sendable, Hashable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(method: String, path: String, query: [QueryItem] = [], body: JSONBody? = nil, operationClass: OperationClass) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.operationClass = operationClass
    }

    /// `METHOD /path`, as messages and logs name the operation.
    public var operation: String { "\(method) \(path)" }

    /// The path and query to append to the base URL.
    public var pathAndQuery: String {
        query.isEmpty ? path : path + "?" + URLPath.query(query.map { ($0.name, $0.value) })
    }
}

extension Endpoint {
    public static func listProducts() -> Endpoint { get("/products") }

    public static func product(_ productID: Int64) -> Endpoint { get("/products/\(productID)") }

    public static func createProduct(_ body: JSONBody) -> Endpoint {
        Endpoint(method: "POST", path: "/products", body: body, operationClass: .create)
    }

    public static func updateProduct(_ productID: Int64, _ body: JSONBody) -> Endpoint {
        Endpoint(method: "PATCH", path: "/products/\(productID)", body: body, operationClass: .idempotentWrite)
    }

    public static func listSubmissions(productID: Int64) -> Endpoint { get("/products/\(productID)/submissions") }

    public static func submission(productID: Int64, submissionID: Int64) -> Endpoint {
        get(submissionPath(productID, submissionID))
    }

    public static func createSubmission(productID: Int64, _ body: JSONBody) -> Endpoint {
        Endpoint(method: "POST", path: "/products/\(productID)/submissions", body: body, operationClass: .create)
    }

    public static func updateSubmission(productID: Int64, submissionID: Int64, _ body: JSONBody) -> Endpoint {
        Endpoint(method: "PATCH", path: submissionPath(productID, submissionID), body: body, operationClass: .idempotentWrite)
    }

    /// Sent with no body and `Content-Length: 0`.
    public static func commitSubmission(productID: Int64, submissionID: Int64) -> Endpoint {
        Endpoint(method: "POST", path: submissionPath(productID, submissionID) + "/commit", operationClass: .commit)
    }

    /// Asks for a `driverMetadata` download; asking twice does no harm.
    public static func createPublisherMetadata(productID: Int64, submissionID: Int64) -> Endpoint {
        Endpoint(
            method: "POST", path: submissionPath(productID, submissionID) + "/createpublishermetadata",
            operationClass: .idempotentWrite)
    }

    public static func listShippingLabels(productID: Int64, submissionID: Int64) -> Endpoint {
        get(submissionPath(productID, submissionID) + "/shippingLabels")
    }

    public static func shippingLabel(productID: Int64, submissionID: Int64, labelID: Int64, includeTargetingInfo: Bool = false) -> Endpoint {
        var endpoint = get(labelPath(productID, submissionID, labelID))
        if includeTargetingInfo { endpoint.query = [QueryItem("includeTargetingInfo", "true")] }
        return endpoint
    }

    public static func createShippingLabel(productID: Int64, submissionID: Int64, _ body: JSONBody) -> Endpoint {
        Endpoint(
            method: "POST", path: submissionPath(productID, submissionID) + "/shippingLabels", body: body,
            operationClass: .create)
    }

    public static func updateShippingLabel(productID: Int64, submissionID: Int64, labelID: Int64, _ body: JSONBody) -> Endpoint {
        Endpoint(method: "PATCH", path: labelPath(productID, submissionID, labelID), body: body, operationClass: .idempotentWrite)
    }

    public static func cancelShippingLabel(productID: Int64, submissionID: Int64, labelID: Int64) -> Endpoint {
        Endpoint(method: "PUT", path: labelPath(productID, submissionID, labelID) + "/cancel", operationClass: .idempotentWrite)
    }

    public static func listAudiences() -> Endpoint { get("/audiences") }

    private static func get(_ path: String) -> Endpoint { Endpoint(method: "GET", path: path, operationClass: .read) }

    private static func submissionPath(_ productID: Int64, _ submissionID: Int64) -> String {
        "/products/\(productID)/submissions/\(submissionID)"
    }

    private static func labelPath(_ productID: Int64, _ submissionID: Int64, _ labelID: Int64) -> String {
        submissionPath(productID, submissionID) + "/shippingLabels/\(labelID)"
    }
}
