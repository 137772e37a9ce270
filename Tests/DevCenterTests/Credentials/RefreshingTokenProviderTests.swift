import DevCenter
import DevCenterTestSupport
import Testing

@Suite("Tokens from the client-credentials grant")
struct RefreshingTokenProviderTests {
    let capture = LogCapture()
    let credentials = ClientCredentials(
        tenantID: "contoso.onmicrosoft.com", clientID: "client-1", clientSecret: Secret("s3cret/+value"),
        authorityHost: "http://127.0.0.1:9/")

    func tokenAnswer(_ value: String, expiresIn: JSONValue = "3599") -> TransportResponse {
        .json(["token_type": "Bearer", "access_token": .string(value), "expires_in": expiresIn, "expires_on": "1784000000"])
    }

    @Test("the v1 endpoint gets a form with the resource; the v2 endpoint one with the scope")
    func endpoints() async throws {
        let transport = InMemoryTransport { _ in tokenAnswer("t1") }
        let v1 = RefreshingTokenProvider(credentials: credentials, transport: transport)
        _ = try await v1.token(logger: capture.logger)
        var v2Credentials = credentials
        v2Credentials.tokenEndpoint = .v2
        let v2 = RefreshingTokenProvider(credentials: v2Credentials, transport: transport)
        _ = try await v2.token(logger: capture.logger)
        let (first, second) = (transport.requests[0], transport.requests[1])
        #expect(first.url == "http://127.0.0.1:9/contoso.onmicrosoft.com/oauth2/token")
        #expect(first.method == "POST")
        #expect(first.headers["Content-Type"] == "application/x-www-form-urlencoded")
        #expect(first.bodyText == "grant_type=client_credentials&client_id=client-1&client_secret=s3cret%2F%2Bvalue&resource=https%3A%2F%2Fmanage.devcenter.microsoft.com")
        #expect(second.url == "http://127.0.0.1:9/contoso.onmicrosoft.com/oauth2/v2.0/token")
        #expect(second.bodyText.hasSuffix("&scope=https%3A%2F%2Fmanage.devcenter.microsoft.com%2F.default"))
    }

    @Test("a token is cached and replaced ahead of expiry; expires_in may be a number or a string", arguments: [JSONValue.integer(3600), "3600"])
    func cachedAndRefreshedAhead(_ expiresIn: JSONValue) async throws {
        let clock = VirtualClock()
        let served = Counter()
        let transport = InMemoryTransport { _ in tokenAnswer("token-\(served.next())", expiresIn: expiresIn) }
        let provider = RefreshingTokenProvider(credentials: credentials, transport: transport, clock: clock.devCenterClock)
        #expect(try await provider.token(logger: capture.logger).value.exposedValue == "token-1")
        clock.advance(by: .seconds(3000))
        #expect(try await provider.token(logger: capture.logger).value.exposedValue == "token-1")
        // Five minutes before expiry, the next caller gets a new token.
        clock.advance(by: .seconds(301))
        #expect(try await provider.token(logger: capture.logger).value.exposedValue == "token-2")
        #expect(transport.requests.count == 2)
    }

    @Test("many concurrent callers share one token request")
    func singleFlight() async throws {
        let served = Counter()
        let transport = InMemoryTransport { _ in
            try await Task.sleep(for: .milliseconds(20))
            return tokenAnswer("token-\(served.next())")
        }
        let provider = RefreshingTokenProvider(credentials: credentials, transport: transport)
        let logger = capture.logger
        let tokens = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<20 { group.addTask { try await provider.token(logger: logger).value.exposedValue } }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(tokens == ["token-1"])
        #expect(transport.requests.count == 1)
    }

    @Test("an invalidated token is replaced once, however many callers saw it refused")
    func invalidate() async throws {
        let served = Counter()
        let transport = InMemoryTransport { _ in tokenAnswer("token-\(served.next())") }
        let provider = RefreshingTokenProvider(credentials: credentials, transport: transport)
        let first = try await provider.token(logger: capture.logger)
        #expect(await provider.invalidate(first))
        #expect(await provider.invalidate(first))
        #expect(try await provider.token(logger: capture.logger).value.exposedValue == "token-2")
        #expect(await provider.invalidate(first), "an old token does not throw away the new one")
        #expect(try await provider.token(logger: capture.logger).value.exposedValue == "token-2")
    }

    @Test("refused credentials say which and what to do, without the secret")
    func refused() async throws {
        let transport = InMemoryTransport { _ in
            .json(401, ["error": "invalid_client", "error_description": "AADSTS7000215: Invalid client secret provided."])
        }
        let provider = RefreshingTokenProvider(credentials: credentials, transport: transport)
        await #expect {
            try await provider.token(logger: capture.logger)
        } throws: { error in
            guard let e = error as? DevCenterError else { return false }
            return e.kind == .authentication && e.message.contains("client-1") && e.message.contains("contoso.onmicrosoft.com")
                && e.message.contains("(AADSTS7000215: invalid client secret)")
                && e.description.contains("The client secret is wrong: create a new one") && !e.description.contains("s3cret")
        }
        #expect(transport.requests.count == 1, "refused credentials are not retried")
    }

    @Test("a token endpoint that is briefly down is retried")
    func transientRetried() async throws {
        let calls = Counter()
        let transport = InMemoryTransport { _ in
            calls.next() == 1 ? .json(503, text: "{}") : tokenAnswer("after-retry")
        }
        let provider = RefreshingTokenProvider(
            credentials: credentials, transport: transport, clock: VirtualClock().devCenterClock)
        #expect(try await provider.token(logger: capture.logger).value.exposedValue == "after-retry")
    }

    @Test("a failed refresh ahead of expiry keeps the still-valid token, and is tried again later")
    func earlyRefreshFailureKeepsToken() async throws {
        let clock = VirtualClock()
        let served = Counter()
        let transport = InMemoryTransport { _ in
            served.next() == 1 ? tokenAnswer("token-1", expiresIn: 3600) : .json(503, text: "{}")
        }
        let capture = LogCapture()
        let provider = RefreshingTokenProvider(credentials: credentials, transport: transport, clock: clock.devCenterClock)
        #expect(try await provider.token(logger: capture.logger).value.exposedValue == "token-1")
        // Due for replacement, four minutes before expiry; the token endpoint is down.
        clock.advance(by: .seconds(3360))
        #expect(try await provider.token(logger: capture.logger).value.exposedValue == "token-1")
        #expect(transport.requests.count == 2, "one attempt while the token is still good, no retries")
        #expect(capture.text.contains("using the current one"))
        // Within the pause, no new request.
        clock.advance(by: .seconds(10))
        #expect(try await provider.token(logger: capture.logger).value.exposedValue == "token-1")
        #expect(transport.requests.count == 2)
        // After it, another attempt.
        clock.advance(by: .seconds(30))
        #expect(try await provider.token(logger: capture.logger).value.exposedValue == "token-1")
        #expect(transport.requests.count == 3)
        // Once the token has expired, the failure is the caller's.
        clock.advance(by: .seconds(300))
        await #expect(throws: DevCenterError.self) { try await provider.token(logger: capture.logger) }
    }

    @Test("a token endpoint's 5xx names the IDs there are: its trace ID when it sends one, else the correlation ID and the time")
    func serverErrorIDs() async throws {
        let withTrace = InMemoryTransport { _ in
            .json(503, ["error": "temporarily_unavailable", "trace_id": "trace-42"], headers: ["x-ms-request-id": "header-trace-7"])
        }
        let provider = RefreshingTokenProvider(
            credentials: credentials, transport: withTrace, clock: VirtualClock().devCenterClock, retryPolicy: .none,
            correlationID: "corr-9")
        let traced = try #require(await #expect(throws: DevCenterError.self) { try await provider.token(logger: capture.logger) })
        #expect(traced.requestID == "header-trace-7" && traced.correlationID == "corr-9")
        #expect(traced.advice.contains("trace ID") && traced.advice.contains("127.0.0.1:9"), "\(traced.advice)")
        #expect(withTrace.requests.first?.headers["client-request-id"] == "corr-9")

        let bare = InMemoryTransport { _ in .json(502, text: "{}") }
        let other = RefreshingTokenProvider(
            credentials: credentials, transport: bare, clock: VirtualClock().devCenterClock, retryPolicy: .none)
        let untraced = try #require(await #expect(throws: DevCenterError.self) { try await other.token(logger: capture.logger) })
        #expect(untraced.requestID == nil)
        #expect(untraced.advice.contains("time of the failure") && !untraced.advice.contains("request and correlation IDs"), "\(untraced.advice)")
    }
}
