import DevCenter
import DevCenterTestSupport
import Testing

@Suite("A pool of credentials used in turn")
struct CredentialPoolTests {
    let capture = LogCapture()

    func member(_ name: String) -> CredentialPoolTokenProvider.Member {
        .init(label: name, provider: StaticTokenProvider(Secret("token-of-\(name)")))
    }

    @Test("requests take the members in turn; one answered 429 rests until its Retry-After has passed while the others go on")
    func restsAfter429() async throws {
        let clock = VirtualClock()
        let pool = CredentialPoolTokenProvider(members: [member("a"), member("b"), member("c")], clock: clock.devCenterClock)
        var taken: [String] = []
        for _ in 0..<4 { taken.append(try await pool.token(logger: capture.logger).value.exposedValue) }
        #expect(taken == ["token-of-a", "token-of-b", "token-of-c", "token-of-a"])
        let a = try await pool.token(logger: capture.logger)   // b
        #expect(a.value.exposedValue == "token-of-b")
        #expect(await pool.rateLimited(a, retryAfter: .seconds(30)))
        #expect(await pool.resting() == ["b"])
        taken = []
        for _ in 0..<4 { taken.append(try await pool.token(logger: capture.logger).value.exposedValue) }
        #expect(taken == ["token-of-c", "token-of-a", "token-of-c", "token-of-a"])
        clock.advance(by: .seconds(31))
        #expect(await pool.resting().isEmpty)
        taken = []
        for _ in 0..<3 { taken.append(try await pool.token(logger: capture.logger).value.exposedValue) }
        #expect(Set(taken) == ["token-of-a", "token-of-b", "token-of-c"])
    }

    @Test("when every member rests, the pool says so (the request waits) and offers the one free first")
    func allResting() async throws {
        let clock = VirtualClock()
        let pool = CredentialPoolTokenProvider(members: [member("a"), member("b")], clock: clock.devCenterClock)
        let a = try await pool.token(logger: capture.logger)
        #expect(await pool.rateLimited(a, retryAfter: .seconds(50)))
        let b = try await pool.token(logger: capture.logger)
        #expect(b.value.exposedValue == "token-of-b")
        #expect(await pool.rateLimited(b, retryAfter: .seconds(10)) == false)
        #expect(try await pool.token(logger: capture.logger).value.exposedValue == "token-of-b")
    }

    @Test("a client with a pool sends a rate-limited request again at once with the next credential")
    func clientSwitchesCredential() async throws {
        let transport = InMemoryTransport { request in
            if request.headers["Authorization"] == "Bearer token-of-a" {
                return .json(429, ["statusCode": 429, "message": "Rate limit is exceeded. Try again in 40 seconds."], headers: ["Retry-After": "40"])
            }
            return .json(["value": [], "links": []])
        }
        let client = DevCenterClient(
            credentials: .pool([.accessToken(Secret("token-of-a")), .accessToken(Secret("token-of-b"))]), transport: transport,
            clock: VirtualClock().devCenterClock)
        _ = try await client.products().collect()
        _ = try await client.products().collect()
        let used = transport.requests.map { $0.headers["Authorization"] ?? "" }
        #expect(used == ["Bearer token-of-a", "Bearer token-of-b", "Bearer token-of-b"])
    }
}
