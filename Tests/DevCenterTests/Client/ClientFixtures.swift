import DevCenter
import DevCenterTestSupport
import Logging

/// Clients and service answers shared by the client tests.
enum ClientFixtures {
    static let token = "static-token-value-123"
    static let correlationID = "11111111-2222-3333-4444-555555555555"

    static func client(
        _ transport: InMemoryTransport, clock: VirtualClock = VirtualClock(), credentials: Credentials = .accessToken(Secret(token)),
        logger: Logger = LogCapture().logger, attempts: Int = 4
    ) -> DevCenterClient {
        DevCenterClient(
            configuration: DevCenterConfiguration(
                retryPolicy: RetryPolicy(maximumAttempts: attempts, initialDelay: .seconds(1), jitter: .none),
                correlationID: correlationID),
            credentials: credentials, transport: transport, clock: clock.devCenterClock, logger: logger)
    }

    /// The product sample of the documentation, with a stale host in `links` and an undocumented field.
    static let productText = #"""
        { "id": 14631253285588838, "sharedProductId": "1152921504606971255",
          "links": [ {"href": "https://stale.example.net/v1.0/my/hardware/products/14631253285588838", "rel": "self", "method": "GET"} ],
          "isCommitted": false, "isExtensionInf": false, "deviceMetadataIds": [], "deviceType": "external",
          "isTestSign": false, "isFlightSign": false, "marketingNames": [], "productName": "Contoso Widget",
          "selectedProductTypes": { "windows_v100_RS5": "Unclassified" },
          "requestedSignatures": [ "WINDOWS_v100_X64_RS5_FULL" ], "additionalAttributes": {},
          "testHarness": "attestation", "announcementDate": "2026-12-01T00:00:00Z", "originType": "partner" }
        """#

    static func product(id: Int64, name: String) -> JSONValue {
        ["id": .integer(id), "productName": .string(name), "requestedSignatures": ["WINDOWS_v100_X64_RS5_FULL"]]
    }

    static let newProduct = NewProduct(productName: "Contoso Widget", requestedSignatures: ["WINDOWS_v100_X64_RS5_FULL"])

    static func submission(_ commitStatus: String, step: JSONValue? = nil, state: String? = nil, signed: Bool = false) -> JSONValue {
        var s: [String: JSONValue] = [
            "id": 1_152_921_504_621_465_124, "productId": 14_631_253_285_588_838, "name": "contoso-widget 1.2.0",
            "type": "initial", "commitStatus": .string(commitStatus),
        ]
        if let step { s["workflowStatus"] = ["currentStep": step, "state": .string(state ?? "started"), "messages": []] }
        var items: [JSONValue] = [["type": "initialPackage", "url": "https://acct.blob.core.windows.net/c/in.zip?sv=1&sig=UPLOADSIG&se=2"]]
        if signed { items.append(["type": "signedPackage", "url": "https://acct.blob.core.windows.net/c/out.zip?sv=1&sig=SIGNEDSIG&se=2"]) }
        s["downloads"] = ["items": .array(items), "messages": []]
        return .object(s)
    }
}
