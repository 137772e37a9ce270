import DevCenter
import Foundation
import HTTPTypes
import Hummingbird

/// The hardware submission API under `/v2.0/my/hardware` (and `/v1.0/my/hardware`): products,
/// submissions, the ingestion pipeline, shipping labels and audiences.
final class HardwareService: Sendable {
    static let prefixes = ["/v2.0/my/hardware", "/v1.0/my/hardware"]

    let state = LockedValue(HardwareState())
    let clock: EmulatorClock
    let store: BlobStore
    let signer: SASSigner
    let stepDelay: Double
    /// Seconds a label spends in `microsoftApproval` (the step delay when not set).
    let approvalDelay: Double
    let pageSize: Int
    let sasLifetime: Duration
    /// How long after `createpublishermetadata` a shared submission's driver metadata appears.
    let metadataDelay: Double
    /// Who created and changed products, as their `createdBy` and `updatedBy` say.
    let clientID: String
    /// Which of the service's forms answers take where they vary (next links, driver metadata).
    let forms: LockedValue<AnswerForms>
    private let initialForms: AnswerForms

    /// The forms of the service's answers the emulator writes where the service varies.
    struct AnswerForms: Sendable {
        var nextLink: NextLinkForm = .absolute
        var driverMetadata: DriverMetadataPlacement = .downloads
    }

    init(
        clock: EmulatorClock, store: BlobStore, signer: SASSigner, stepDelay: Duration, pageSize: Int, sasLifetime: Duration,
        approvalDelay: Duration? = nil, clientID: String = EmulatorDefaults.clientID, forms: AnswerForms = AnswerForms(),
        metadataDelay: Duration = EmulatorDefaults.metadataDelay
    ) {
        self.metadataDelay = metadataDelay.seconds
        self.clock = clock
        self.store = store
        self.signer = signer
        self.stepDelay = stepDelay.seconds
        self.approvalDelay = approvalDelay?.seconds ?? stepDelay.seconds
        self.pageSize = max(1, pageSize)
        self.sasLifetime = sasLifetime
        self.clientID = clientID
        self.forms = LockedValue(forms)
        self.initialForms = forms
    }

    func reset() {
        state.withLock { $0 = HardwareState() }
        forms.withLock { $0 = initialForms }
    }

    /// What a handler needs to know about the request besides its body.
    struct Call: Sendable {
        var request: Request
        /// The numeric path parameters, in order: product, submission, label.
        var ids: [Int64]
        /// `http://host:port/v2.0/my/hardware` (with the prefix the request used), for links.
        var apiBase: String
        /// `http://host:port`, for SAS URLs.
        var origin: String
        var query: [String: String]
        /// The path parameters that are strings, in order (a pre-production package's and asset's IDs).
        var names: [String] = []
    }

    private typealias Handler = @Sendable (HardwareService, Call) async throws -> Response

    /// The routes, by method and path template (IDs as `{…}`).
    private static let routes: [(method: HTTPRequest.Method, template: String, handler: Handler)] = [
        (.get, "/products", { try $0.listProducts($1) }),
        (.post, "/products", { try await $0.createProduct($1) }),
        (.get, "/products/{productId}", { try $0.getProduct($1) }),
        (.patch, "/products/{productId}", { try await $0.patchProduct($1) }),
        (.get, "/products/{productId}/submissions", { try $0.listSubmissions($1) }),
        (.post, "/products/{productId}/submissions", { try await $0.createSubmission($1) }),
        (.get, "/products/{productId}/submissions/{submissionId}", { try $0.getSubmission($1) }),
        (.patch, "/products/{productId}/submissions/{submissionId}", { try await $0.patchSubmission($1) }),
        (.post, "/products/{productId}/submissions/{submissionId}/commit", { try $0.commit($1) }),
        (.post, "/products/{productId}/submissions/{submissionId}/createpublishermetadata", { try $0.createPublisherMetadata($1) }),
        (.get, "/products/{productId}/submissions/{submissionId}/shippingLabels", { try $0.listLabels($1) }),
        (.post, "/products/{productId}/submissions/{submissionId}/shippingLabels", { try await $0.createLabel($1) }),
        (.get, "/products/{productId}/submissions/{submissionId}/shippingLabels/{shippingLabelId}", { try $0.getLabel($1) }),
        (.patch, "/products/{productId}/submissions/{submissionId}/shippingLabels/{shippingLabelId}", { try await $0.patchLabel($1) }),
        (.put, "/products/{productId}/submissions/{submissionId}/shippingLabels/{shippingLabelId}/cancel", { try $0.cancelLabel($1) }),
        (.get, "/audiences", { try $0.listAudiences($1) }),
        (.get, "/products/relationships/sourcepubliherid/{publisherId}/sourceproductid/{productId}/sourcesubmissionid/{submissionId}",
         { try $0.partnerSubmission($1) }),
        (.put, "/preprod/packages", { try await $0.submitPreprodPackage($1) }),
        (.get, "/preprod/packages/{packageId}", { try $0.getPreprodPackage($1) }),
        (.get, "/preprod/packages/{packageId}/assets", { try $0.listPreprodAssets($1) }),
        (.get, "/preprod/packages/{packageId}/assets/{assetId}", { try $0.getPreprodAsset($1) }),
        (.get, "/preprod/packages/{packageId}/assets/{assetId}/download", { try $0.downloadPreprodAsset($1) }),
    ]

    /// Path parameters the service types as strings: any text, not a 64-bit ID.
    private static let stringParameters: Set<String> = ["{packageId}", "{assetId}"]

    /// The names of the routes (`GET /products/{productId}`), as the request log and faults use them.
    static var routeNames: [String] { routes.map { "\($0.method.rawValue) \($0.template)" } }

    /// Matches a path under one of the prefixes to a route; unknown paths and methods get the service's 404 and 405.
    func route(method: HTTPRequest.Method, path: String, query: [String: String], origin: String) -> RouteMatch? {
        guard let prefix = Self.prefixes.first(where: { path == $0 || path.hasPrefix($0 + "/") }) else { return nil }
        let rest = String(path.dropFirst(prefix.count))
        let segments = rest.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        // A literal segment beats a parameter: `/products/relationships/…` is not a product ID.
        let matching = Self.routes.filter { Self.matches($0.template, segments) }
        let literal = matching.map { Self.literalCount($0.template, segments) }.max() ?? 0
        let templates = matching.filter { Self.literalCount($0.template, segments) == literal }
        guard !templates.isEmpty else {
            return RouteMatch(name: "\(method.rawValue) \(rest.isEmpty ? "/" : rest)", area: .hardware) { _, _ in
                throw HTTPFailure.service(.notFound, .entityNotFound,
                                         "No resource of the hardware API is at \(path). Check the path against the API reference (for example \(prefix)/products/{productId}/submissions).")
            }
        }
        guard let route = templates.first(where: { $0.method == method }) else {
            let allowed = templates.map(\.method.rawValue).joined(separator: ", ")
            return RouteMatch(name: "\(method.rawValue) \(templates[0].template)", area: .hardware) { _, _ in
                throw HTTPFailure(
                    status: .methodNotAllowed,
                    json: ServiceErrorBody(code: .invalidInput, message: "\(method.rawValue) is not supported on \(templates[0].template); use \(allowed).").wrapped,
                    code: "methodNotAllowed", headers: [(.allow, allowed)])
            }
        }
        let name = "\(method.rawValue) \(route.template)"
        return RouteMatch(name: name, area: .hardware) { [self] request, _ in
            let ids = try Self.ids(route.template, segments)
            let call = Call(
                request: request, ids: ids, apiBase: origin + prefix, origin: origin, query: query,
                names: Self.names(route.template, segments))
            var response = try await route.handler(self, call)
            if response.headers[.contentType] == nil, response.status != .noContent, response.status != .accepted {
                response.headers[.contentType] = "application/json; charset=utf-8"
            }
            return response
        }
    }

    private static func matches(_ template: String, _ segments: [String]) -> Bool {
        let parts = template.split(separator: "/")
        guard parts.count == segments.count else { return false }
        return zip(parts, segments).allSatisfy { p, s in p.hasPrefix("{") || p.lowercased() == s.lowercased() }
    }

    /// How many of a matching template's segments are literal (not parameters).
    private static func literalCount(_ template: String, _ segments: [String]) -> Int {
        template.split(separator: "/").filter { !$0.hasPrefix("{") }.count
    }

    private static func names(_ template: String, _ segments: [String]) -> [String] {
        zip(template.split(separator: "/"), segments).filter { stringParameters.contains(String($0.0)) }.map { $0.1 }
    }

    private static func ids(_ template: String, _ segments: [String]) throws(HTTPFailure) -> [Int64] {
        var ids: [Int64] = []
        for (part, segment) in zip(template.split(separator: "/"), segments)
        where part.hasPrefix("{") && !stringParameters.contains(String(part)) {
            guard let id = Int64(segment), id > 0 else {
                let name = part.dropFirst().dropLast()
                throw .invalidInput(String(name), "must be a positive 64-bit integer (got \"\(segment)\")")
            }
            ids.append(id)
        }
        return ids
    }

    // MARK: - Answers

    func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(data: value.serialized())))
    }

    /// One page of a list: `{"value": […], "links": [next_link]}`, at the configured page size,
    /// with the next link in the form chosen (``NextLinkForm``).
    func page(_ items: [JSONValue], _ call: Call, path: String) throws(HTTPFailure) -> Response {
        var offset = 0
        if let token = call.query["continuationToken"] {
            guard let decoded = TokenService.base64URLDecode(Substring(token)).flatMap({ String(data: $0, encoding: .utf8) }),
                decoded.hasPrefix("skip:"), let n = Int(decoded.dropFirst(5)), n >= 0
            else {
                throw .invalidInput("continuationToken", "is not a token this service issued; follow the next_link href as given")
            }
            offset = n
        }
        let slice = Array(items.dropFirst(offset).prefix(pageSize))
        var links: [JSONValue] = []
        var answer: [String: JSONValue] = ["value": .array(slice)]
        if offset + pageSize < items.count {
            let next = "\(path.dropFirst())?continuationToken=" + TokenService.base64URL(Data("skip:\(offset + pageSize)".utf8))
            let prefix = String(call.apiBase.dropFirst(call.origin.count))
            switch forms.withLock({ $0.nextLink }) {
            case .absolute: links.append(link("\(call.apiBase)/\(next)", "next_link"))
            case .path: links.append(link("\(prefix)/\(next)", "next_link"))
            case .relative: links.append(link("hardware/\(next)", "next_link"))
            case .atNextLink: answer["@nextLink"] = .string("hardware/\(next)")
            }
        }
        answer["links"] = .array(links)
        return json(.object(answer))
    }

    func link(_ href: String, _ rel: String, _ method: String = "GET") -> JSONValue {
        ["href": .string(href), "rel": .string(rel), "method": .string(method)]
    }

    func product(_ id: Int64, in state: HardwareState) throws(HTTPFailure) -> HardwareState.Product {
        guard let product = state.products[id] else { throw .notFound("Product \(id)") }
        return product
    }

    func submission(_ productID: Int64, _ id: Int64, in state: HardwareState) throws(HTTPFailure) -> HardwareState.Submission {
        _ = try product(productID, in: state)
        guard let submission = state.submissions[id], submission.productId == productID else {
            throw .notFound("Submission \(id) of product \(productID)")
        }
        return submission
    }
}
