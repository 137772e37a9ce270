import DevCenter
import DevCenterTestSupport
import HDCLua
import Testing

/// The service functions over an in-memory service: results as plain tables, arguments as the
/// service's shapes, misuse in Lua's words, failures as hdc.Error tables.
@Suite struct BindingTests {
    static let product: JSONValue = [
        "id": 14_631_253_285_588_839, "sharedProductId": 1_152_921_504_606_971_255, "productName": "Contoso Widget",
        "marketingNames": [], "additionalAttributes": [:], "announcementDate": nil, "futureField": [1, 2.5, "x"],
    ]

    static let service: InMemoryTransport.Handler = { request in
        switch (request.method, request.path) {
        case ("GET", "/v2.0/my/hardware/products/14631253285588839"):
            return .json(product)
        case ("POST", "/v2.0/my/hardware/products"):
            var created = request.jsonBody?.objectValue ?? [:]
            created["id"] = 14_631_253_285_588_841
            return .json(201, .object(created))
        case ("GET", "/v2.0/my/hardware/products"):
            let page = Int(request.query?.replacingOccurrences(of: "page=", with: "") ?? "") ?? 1
            let items: JSONValue = [["id": .integer(Int64(page)), "productName": .string("p\(page)")]]
            let links: JSONValue = page < 3 ? [["href": .string("products?page=\(page + 1)"), "rel": "next_link"]] : []
            return .json(["value": items, "links": links])
        default:
            return .json(404, ["error": ["code": "entityNotFound", "message": "Product 42 was not found.", "validationErrors": [["target": "productId", "message": "unknown"]]]])
        }
    }

    @Test func resultsAreExactPlainTablesThatEncodeBack() async throws {
        let text = try await ScriptHarness.text("""
            local p = hdc.product(14631253285588839)
            return table.concat({math.type(p.id), p.id, tostring(p.announcementDate == hdc.null),
              hdc.json.encode(p, {sort_keys = true})}, " ")
            """, answer: Self.service)
        #expect(text == #"integer 14631253285588839 true {"additionalAttributes":{},"announcementDate":null,"futureField":[1,2.5,"x"],"id":14631253285588839,"marketingNames":[],"productName":"Contoso Widget","sharedProductId":1152921504606971255}"#)
    }

    @Test func idsMayBeStringsOfDigits() async throws {
        let text = try await ScriptHarness.text("return hdc.product('14631253285588839').productName", answer: Self.service)
        #expect(text == "Contoso Widget")
    }

    @Test func requestBodiesPassUnknownFieldsThrough() async throws {
        let (text, body) = try await ScriptHarness.on(answer: Self.service) { script in
            let text = try script.text("""
                local p = hdc.create_product{productName = "New", requestedSignatures = {"WINDOWS_v100_X64_RS5_FULL"},
                  marketingNames = {}, futureField = {nested = hdc.null}, isTestSign = true}
                return p.id
                """)
            return (text, script.transport.requests("POST", "/products").first?.jsonBody)
        }
        #expect(text == "14631253285588841")
        #expect(body?["futureField"] == ["nested": nil])
        #expect(body?["marketingNames"] == [])
        #expect(body?["testHarness"] == "Attestation", "defaults of the request model are filled in")
        #expect(body?["isTestSign"] == true)
    }

    @Test func aBodyTheCheckLeavesAloneIsSentAsTheTableEncodedNotEncodedAgain() async throws {
        let (encoded, sent, defaulted) = try await ScriptHarness.on(answer: Self.service) { script in
            let encoded = try script.text("""
                -- Eight keys: the JSON bridge writes them in table order, which is sorted order
                -- once in 40,320 runs, so a body written out again (keys sorted) shows.
                local body = {productName = "Renamed", marketingNames = {"Widget", "Widget Pro"}, futureField = 2.5,
                  a1 = 1, b2 = "x", c3 = true, d4 = {1, 2}, e5 = "a/b"}
                pcall(hdc.update_product, 14631253285588839, body)
                return hdc.json.encode(body)
                """)
            _ = try script.text("""
                return hdc.create_product{productName = "Defaults", requestedSignatures = {"WINDOWS_v100_X64_RS5_FULL"}}.id
                """)
            return (encoded, script.transport.requests("PATCH", "/products/14631253285588839").first?.bodyText,
                    script.transport.requests("POST", "/products").first?.jsonBody)
        }
        #expect(sent == encoded, "the bytes of the script's table, as the JSON bridge encoded them")
        #expect(defaulted?["deviceType"] == "external" && defaulted?["isFlightSign"] == false && defaulted?["productName"] == "Defaults",
                "a body the check completed with defaults is written out once, checked")
    }

    @Test(arguments: [
        ("hdc.create_product{productName = 5, requestedSignatures = {}}",
         "bad argument #1 to 'create_product' (field 'productName': string expected, got number)"),
        ("hdc.create_product{productName = 'x'}",
         "bad argument #1 to 'create_product' (field 'requestedSignatures': array (table) expected, got nil)"),
        ("hdc.create_product{productName = 'x', requestedSignatures = {'a', 2}}",
         "bad argument #1 to 'create_product' (field 'requestedSignatures[2]': string expected, got number)"),
        ("hdc.create_product{productName = 'x', requestedSignatures = {}, price = 0/0}",
         "bad argument #1 to 'create_product' (field 'price': cannot encode NaN)"),
        ("hdc.create_product('x')", "bad argument #1 to 'create_product' (table expected, got string)"),
        ("hdc.product()", "bad argument #1 to 'product' (number expected, got no value)"),
        ("hdc.product(1.5)", "bad argument #1 to 'product' (number has no integer representation)"),
        ("hdc.commit({id = 1})", "bad argument #1 to 'commit' (field 'productId': number expected, got nil)"),
        ("hdc.wait(1, 2, {timout = 3})", "bad argument #3 to 'wait' (field 'timout': unknown option (expected one of: interval, max_interval, on_change, timeout))"),
        ("hdc.wait(1, 2, {timeout = 'soon'})", "bad argument #3 to 'wait' (field 'timeout': a number of seconds or a number with ms, s, m or h (90, 2s, 400ms, 5m, 6h) expected, got 'soon')"),
        ("hdc.update_submission(1, 2, {name = {}})", "bad argument #3 to 'update_submission' (field 'name': string expected, got table)"),
        ("hdc.find_product{}", "bad argument #1 to 'find_product' (field 'name': string expected, got nil)"),
        ("hdc.sleep(-1)", "bad argument #1 to 'sleep' (a number of seconds (0 or more) expected)"),
        ("hdc.spawn(42)", "bad argument #1 to 'spawn' (function expected, got number)"),
        ("hdc.parallel({}, print, {concurrency = 0})", "bad argument #3 to 'parallel' (field 'concurrency': 1 or more expected)"),
        ("hdc.connect{client_secret = 'x'}", "bad argument #1 to 'connect' (field 'client_secret': secrets are not given to scripts; name where it is with 'client_secret_env' (an environment variable) or 'client_secret_file')"),
        ("local c = hdc.connect{base_url = 'https://other.example', access_token_env = 'OTHER_TOKEN'} c:product('x')",
         "bad argument #1 to 'product' (number expected, got string)"),
    ])
    func misuseIsABadArgumentFromTheCallersLine(code: String, message: String) async throws {
        let failure = try await ScriptHarness.failure(code, answer: Self.service)
        #expect(failure?.message == "test:1: " + message)
        #expect(failure?.kind == nil, "a bad argument is a plain Lua error")
    }

    @Test func serviceFailuresAreErrorObjects() async throws {
        let text = try await ScriptHarness.text("""
            local ok, err = pcall(hdc.product, 42)
            return table.concat({tostring(ok), tostring(hdc.is_error(err)), tostring(getmetatable(err) == hdc.Error), err.kind,
              err.code, err.status, err.validation_errors[1].target, tostring(err.retryable), err.operation, tostring(err)}, "|")
            """, answer: Self.service)
        let fields = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        #expect(Array(fields.prefix(9)) == ["false", "true", "true", "notFound", "entityNotFound", "404", "productId", "false", "GET /products/42"])
        #expect(fields[9].hasPrefix("GET /products/42 failed with HTTP 404 Not Found: Product 42 was not found. Check the IDs"))
        #expect(fields[9].contains("\n  productId: unknown"))
        #expect(fields[9].contains("MS-CorrelationId"))
    }

    @Test func nothingThereIsNilAndAMessage() async throws {
        let text = try await ScriptHarness.text(
            "local p, why = hdc.find_product{name = 'none'} return tostring(p) .. ': ' .. why", answer: Self.service)
        #expect(text == "nil: no product named \"none\"")
        let found = try await ScriptHarness.text("return hdc.find_product{name = 'p3'}.id", answer: Self.service)
        #expect(found == "3")
    }

    @Test func iteratorsFetchPagesAsTheLoopAsks() async throws {
        let (text, requests) = try await ScriptHarness.on(answer: Self.service) { script in
            let first = try script.text("for p in hdc.products() do return p.productName end")
            let before = script.transport.requests.count
            let all = try script.text("local ids = {} for p in hdc.products() do ids[#ids + 1] = p.id end return table.concat(ids, ',')")
            let collected = try script.text("return #hdc.collect(hdc.products()) .. ' ' .. #hdc.collect(hdc.products(), 2)")
            return (first + " " + all + " " + collected, before)
        }
        #expect(text == "p1 1,2,3 3 2")
        #expect(requests == 1, "breaking out of the loop fetched no further page")
    }

    @Test func clientsHaveTheServiceFunctionsAsMethods() async throws {
        let (text, urls) = try await ScriptHarness.on(answer: Self.service) { script in
            let text = try script.text("""
                local other = hdc.connect{base_url = "https://other.example/v2.0/my/hardware", access_token_env = "OTHER_TOKEN"}
                local me = other:whoami()
                return table.concat({tostring(other):match("^hdc.Client") or "?", me.base_url, me.credentials,
                  me.sources.base_url, me.sources.access_token}, "|")
                """)
            _ = script.failure("hdc.connect{base_url = 'https://other.example/v2.0/my/hardware', access_token_env = 'OTHER_TOKEN'}:product(1)")
            return (text, script.transport.requests.map(\.url))
        }
        #expect(text == "hdc.Client|https://other.example/v2.0/my/hardware|access token|hdc.connect|hdc.connect")
        #expect(urls == ["https://other.example/v2.0/my/hardware/products/1"])
    }

    @Test func secretsInConnectSettingsMustBeNamedNotGiven() async throws {
        let failure = try await ScriptHarness.failure("hdc.connect{base_url = 'https://x.example', client_secret_env = 'MISSING'}")
        #expect(failure?.kind == "configuration")
        #expect(failure?.message.contains("MISSING is not set") == true)
    }
}
