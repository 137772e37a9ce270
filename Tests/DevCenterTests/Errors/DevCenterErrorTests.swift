import DevCenter
import Testing

@Suite("DevCenterError from the service's answers")
struct DevCenterErrorTests {
    func error(_ status: Int, _ body: String, operation: String = "POST /products", headers: TransportHeaders = [:]) -> DevCenterError {
        .response(
            status: status, body: Array(body.utf8), headers: headers, operation: operation, requestID: "req-1",
            correlationID: "corr-1")
    }

    @Test("a 403 names the roles the app registration needs")
    func forbiddenNamesRoles() {
        let e = error(403, "")
        #expect(e.kind == .forbidden)
        #expect(e.description.contains("Manager"))
        #expect(e.description.contains("Driver submitter"))
        let label = error(403, "", operation: "POST /products/1/submissions/2/shippingLabels")
        #expect(label.description.contains("Shipping Label owner"))
    }

    @Test("the service's code refines the kind, ignoring case")
    func kinds() {
        #expect(error(400, #"{"error": {"code": "RequestInvalidForCurrentState", "message": "Initial submission already exists"}}"#).kind == .invalidState)
        #expect(error(400, #"{"code": "invalidInput", "message": "bad", "validationErrors": [{"target": "productName", "message": "required"}]}"#).kind == .invalidInput)
        #expect(error(404, #"{"error": {"code": "entityNotFound", "message": "no product"}}"#).kind == .notFound)
        #expect(error(400, #"{"error": {"code": "entityNotFound"}}"#).kind == .notFound)
        #expect(error(401, "").kind == .authentication)
        #expect(error(415, "").kind == .invalidInput)
        #expect(error(422, "").kind == .invalidInput)
        #expect(error(429, "").kind == .rateLimited)
        #expect(error(502, "<html><title>Bad Gateway</title></html>").kind == .server)
        #expect(error(504, "").kind == .timeout)
    }

    @Test("the fields a script sees: code, status, message, validation errors, IDs, retryable")
    func scriptFields() {
        let e = error(
            400, #"{"error": {"code": "invalidInput", "message": "The product is invalid", "validationErrors": [{"target": "requestedSignatures", "message": "unknown signature"}]}}"#,
            headers: ["MS-RequestId": "server-req"])
        #expect(e.code == "invalidInput")
        #expect(e.status == 400)
        #expect(e.message.contains("The product is invalid"))
        #expect(e.validationErrors == [.init(target: "requestedSignatures", message: "unknown signature")])
        #expect(e.requestID == "server-req", "the answer's own request ID wins")
        #expect(e.correlationID == "corr-1")
        #expect(e.retryable == false)
        #expect(e.description.contains("requestedSignatures: unknown signature"))
        #expect(e.description.contains("MS-RequestId server-req"))
        #expect(e.description.contains("MS-CorrelationId corr-1"))
        #expect(error(503, "").retryable)
        #expect(error(503, "").code == "server")
    }

    @Test("HTML and empty bodies still give a useful message")
    func htmlAndEmpty() {
        let html = error(502, "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>")
        #expect(html.message == "POST /products failed with HTTP 502 Bad Gateway: 502 Bad Gateway")
        let empty = error(500, "")
        #expect(empty.message == "POST /products failed with HTTP 500 Internal Server Error")
        #expect(empty.description.contains("try again later"))
    }

    @Test("a rate limit says how long to wait and how to avoid it")
    func rateLimitAdvice() {
        let e = DevCenterError.response(status: 429, body: [], operation: "GET /products", retryAfter: .seconds(20))
        #expect(e.retryAfter == .seconds(20))
        #expect(e.description.contains("after 20 s"))
        #expect(e.description.contains("rate limit"))
    }

    @Test("an uncertain outcome names what to check and keeps the cause's IDs")
    func uncertain() {
        let cause = error(502, "")
        let e = DevCenterError.uncertainOutcome(
            operation: "POST /products", check: "list your products for one named \"W\".", cause: cause,
            details: ["found 2 of a product named \"W\": IDs 1, 2"])
        #expect(e.kind == .uncertainOutcome)
        #expect(e.description.contains("list your products"))
        #expect(e.description.contains("IDs 1, 2"))
        #expect(e.requestID == "req-1")
        #expect(e.retryable == false)
    }

    @Test("a workflow failure carries the messages and hides the report URL's signature")
    func workflowFailed() {
        let e = DevCenterError.workflowFailed(
            resource: "submission 2", step: .scanning, messages: ["virus found", "see report"],
            errorReportURL: "https://a.blob.core.windows.net/r.txt?sv=1&sig=SECRETSIG&se=2")
        #expect(e.kind == .workflowFailed)
        #expect(e.message == "submission 2 failed at step scanning: virus found")
        #expect(e.details == ["see report"])
        #expect(e.errorReportURL?.contains("SECRETSIG") == true, "the field keeps the usable URL")
        #expect(!e.description.contains("SECRETSIG"))
        #expect(!"\(e)".contains("SECRETSIG"))
    }

    @Test("every kind has a stable name")
    func kindNames() {
        let names = DevCenterError.Kind.all.map(\.name)
        #expect(names.contains("rateLimited"))
        #expect(names.contains("uncertainOutcome"))
        #expect(Set(names).count == names.count)
    }

    @Test("timeout advice names the setting that allows more time per request; the description the Swift one")
    func timeoutAdviceNamesSettings() {
        for e in [DevCenterError.timeout(operation: "GET /products", after: .seconds(60)), error(504, "")] {
            #expect(e.kind == .timeout && e.nextStep == .allowMoreTimePerRequest)
            // The advice names no language's setting (the hdc module adds request_timeout).
            #expect(e.advice.contains("HDC_REQUEST_TIMEOUT") && !e.advice.contains("request_timeout"), "\(e.advice)")
            #expect(e.description.contains("In Swift: DevCenterConfiguration.requestTimeout"), "\(e.description)")
        }
    }

    @Test("a network error names the host and says what to check, with balanced parentheses")
    func networkNamesHost() {
        let e = DevCenterError.network(
            operation: "GET /products", underlying: "Connection refused (errno 111)", delivery: .notSent, host: "example.net:8443")
        #expect(e.message == "GET /products could not connect to example.net:8443: Connection refused (errno 111)")
        #expect(e.advice.contains("example.net:8443 is reachable"))
        #expect(!e.advice.contains("retried"))
    }
}
