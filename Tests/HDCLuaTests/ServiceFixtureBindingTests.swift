import DevCenter
import DevCenterTestSupport
import Foundation
import Logging
import Testing

/// The documented samples of `Tests/Fixtures/service` through `hdc`: each answer read by the
/// binding that fetches it and written back out by `hdc.json.encode` with nothing lost, exact
/// 64-bit integers, and each request sample sent as given.
@Suite("The service's documented samples through hdc")
struct ServiceFixtureBindingTests {
    /// The binding that reads each answer fixture, as a Lua expression giving a table (a list
    /// is collected into an array, whose items are compared with the sample's `value`).
    static let answers: [String: (call: String, list: Bool)] = [
        "product.json": ("hdc.product(1)", false),
        "product-create-response.json": ("hdc.product(1)", false),
        "product-resource.json": ("hdc.product(1)", false),
        "product-list.json": ("hdc.collect(hdc.products())", true),
        "submission.json": ("hdc.submission(1, 2)", false),
        "submission-resource.json": ("hdc.submission(1, 2)", false),
        "submission-create-response.json": ("hdc.submission(1, 2)", false),
        "submission-every-download.json": ("hdc.submission(1, 2)", false),
        "submission-list.json": ("hdc.collect(hdc.submissions(1))", true),
        "shipping-label.json": ("hdc.shipping_label(1, 2, 3)", false),
        "shipping-label-resource.json": ("hdc.shipping_label(1, 2, 3)", false),
        "shipping-label-create-response.json": ("hdc.shipping_label(1, 2, 3)", false),
        "shipping-label-list.json": ("hdc.collect(hdc.shipping_labels(1, 2))", true),
        "audience-list.json": ("hdc.audiences()", true),
    ]

    @Test("each answer is read by its binding and written back with nothing lost", arguments: answers.keys.sorted())
    func answer(_ name: String) async throws {
        let fixture = try ServiceFixtures.text(name)
        let (call, list) = try #require(Self.answers[name])
        let text = try await ScriptHarness.text(
            "return hdc.json.encode(\(call))", answer: { _ in .json(text: fixture) })
        let expected = try ServiceFixtures.json(name)
        #expect(try JSONValue(parsing: text) == (list ? expected["value"]! : expected), "\(name): \(text)")
    }

    @Test("IDs above 2^53 arrive as Lua integers, exactly")
    func exactIDs() async throws {
        let fixture = try ServiceFixtures.text("shipping-label.json")
        let text = try await ScriptHarness.text(
            "local l = hdc.shipping_label(1, 2, 3) return math.type(l.id) .. ' ' .. l.id .. ' ' .. math.type(l.publishingSpecifications.visibleToAccounts[1])",
            answer: { _ in .json(text: fixture) })
        #expect(text == "integer 1152921504606978300 integer")
    }

    @Test("every other sample decodes with hdc.json and encodes back the same")
    func parts() async throws {
        let names = try ServiceFixtures.names().filter { Self.answers[$0] == nil }
        for name in names {
            let fixture = try ServiceFixtures.text(name)
            let text = try await ScriptHarness.on { script in
                try script.text("return hdc.json.encode(hdc.json.decode(\(Self.luaString(fixture))))")
            }
            #expect(try JSONValue(parsing: text) == (try ServiceFixtures.json(name)), "\(name): \(text)")
        }
    }

    @Test("the request samples are sent as given, businessJustification inside targeting")
    func requests() async throws {
        let transport = InMemoryTransport { request in
            switch (request.method, request.path) {
            case ("GET", _): return .json(["value": [], "links": []])
            case ("POST", "/v2.0/my/hardware/products"): return .json(201, text: try ServiceFixtures.text("product-create-response.json"))
            case ("POST", _) where request.path.hasSuffix("/shippingLabels"):
                return .json(201, text: try ServiceFixtures.text("shipping-label-create-response.json"))
            case ("POST", _): return .json(201, text: try ServiceFixtures.text("submission-create-response.json"))
            default: return .empty(204)
            }
        }
        let code = ["product-create-request.json": "hdc.create_product", "submission-create-request.json": "hdc.create_submission, 1",
                    "product-update-request.json": "hdc.update_product, 1", "submission-update-request.json": "hdc.update_submission, 1, 2",
                    "shipping-label-create-request.json": "hdc.create_shipping_label, 1, 2",
                    "shipping-label-update-request.json": "hdc.update_shipping_label, 1, 2, 3"]
        for (name, call) in code.sorted(by: { $0.key < $1.key }) {
            let fixture = try ServiceFixtures.text(name)
            let parts = call.split(separator: ",", maxSplits: 1)
            let arguments = parts.count > 1 ? String(parts[1]) + ", " : ""
            _ = try await ScriptHarness.on(answer: { try await transport.send($0, logger: .init(label: "t")) }) { script in
                try script.text("\(parts[0])(\(arguments)hdc.json.decode(\(Self.luaString(fixture)))) return 'sent'")
            }
            let sent = try #require(transport.requests.last { $0.method != "GET" }?.jsonBody)
            let expected = try ServiceFixtures.json(name)
            #expect(JSONShape.lost(from: expected, in: sent).isEmpty, "\(name): \(sent.jsonText)")
        }
    }

    @Test("field names in another case are matched and sent as documented")
    func fieldNamesWithoutCase() async throws {
        let transport = InMemoryTransport { request in
            request.method == "GET" ? .json(["value": [], "links": []]) : .json(201, text: try ServiceFixtures.text("product.json"))
        }
        _ = try await ScriptHarness.on(answer: { try await transport.send($0, logger: Logger(label: "t")) }) { script in
            try script.text("return hdc.create_product{ProductName = 'W', RequestedSignatures = {'WINDOWS_v100_X64_RS5_FULL'}}.id")
        }
        let sent = try #require(transport.requests.last { $0.method == "POST" }?.jsonBody)
        #expect(sent["productName"] == "W" && sent["ProductName"] == nil && sent["requestedSignatures"] == ["WINDOWS_v100_X64_RS5_FULL"])
        let twice = try #require(try await ScriptHarness.failure("hdc.create_product{productName = 'a', ProductName = 'b', requestedSignatures = {}}"))
        #expect(twice.message.contains("field 'productName': given twice, as 'ProductName' and 'productName'"), "\(twice.message)")
    }

    /// `text` as a Lua long string literal.
    static func luaString(_ text: String) -> String { "[==[\(text)]==]" }
}
