@testable import DevCenter
import Foundation
import Testing

/// The Decoder and Encoder over JSONValue against Foundation's JSONDecoder and JSONEncoder on
/// the same JSON, with the models' own init(from:) and encode(to:).
@Suite("Models decoded from JSONValue and encoded into it")
struct JSONValueDecoderTests {
    static let documents: [(String, String)] = [
        ("product", #"""
            {"id": 14631253285588838, "sharedProductId": "1152921504606971255", "productName": "Contoso Widget",
             "isCommitted": true, "isExtensionInf": false, "isTestSign": false, "isFlightSign": false, "deviceType": "external",
             "testHarness": "Attestation", "deviceMetadataIds": [], "marketingNames": ["Widget", "Widget Pro"],
             "selectedProductTypes": {"windows_v100_RS5": "Unclassified"}, "requestedSignatures": ["WINDOWS_v100_X64_RS5_FULL"],
             "additionalAttributes": {"storageController": true}, "announcementDate": "2018-04-04T16:11:27.2965057+00:00",
             "links": [{"href": "https://manage.devcenter.microsoft.com/v2.0/my/hardware/products/14631253285588838", "rel": "self", "method": "GET"}],
             "originType": "partner", "futureObject": {"a": [1, 2.5, null, "x"]}}
            """#),
        ("submission", #"""
            {"id": 1152921504621465124, "productId": 14631253285588838, "name": "contoso-widget 1.2.0", "type": "Initial",
             "commitStatus": "CommitComplete", "isExtensionInf": false,
             "workflowStatus": {"currentStep": "finalizeIngestion", "state": "completed", "messages": ["done", {"text": "odd"}]},
             "downloads": {"items": [{"type": "signedPackage", "url": "https://x/signed.zip?sig=abc"}, {"type": "ExternalNotes", "url": "u"}],
                           "messages": []},
             "links": []}
            """#),
        ("label", #"""
            {"id": 9, "productId": "14631253285588838", "submissionId": 1152921504621465124, "name": "WU", "destination": "windowsUpdate",
             "publishingSpecifications": {"goLiveDate": "2026-12-01T00:00:00", "visibleToAccounts": [27, 28],
               "isAutoInstallDuringOSUpgrade": true, "publishToWindows10s": false,
               "additionalInfoForMsApproval": {"microsoftContact": "a@b", "affectedOems": ["Contoso"], "isRebootRequired": false}},
             "recipientSpecifications": {"receiverPublisherId": "27", "enforceChidTargeting": false},
             "targeting": {"hardwareIds": [{"bundleId": "b", "infId": "c.inf", "operatingSystemCode": "WINDOWS_v100_X64_RS5_FULL",
               "pnpString": "usb\\vid_0abc", "distributionState": "pendingAdd"}], "chids": [{"chid": "7b2c7b6e", "distributionState": "pendingAdd"}],
               "restrictedToAudiences": [], "inServicePublishInfo": {"flooring": "RS5", "ceiling": "CO"},
               "coEngDriverPublishInfo": {"flooringBuildNumber": 17763, "ceilingBuildNumber": 22000}},
             "workflowStatus": {"currentStep": 2, "state": "started", "messages": []}}
            """#),
    ]

    /// A model read both ways, compared by what it encodes to (models keep every field).
    func agree<T: Codable>(_ type: T.Type, _ text: String) throws {
        let fromText = try JSONDecoder().decode(type, from: Data(text.utf8))
        let fromValue = try JSONValue(parsing: text).decode(type)
        let a = try JSONValue(parsing: try JSONEncoder().encode(fromText))
        #expect(try JSONValue(encoding: fromValue) == a, "\(T.self)")
        #expect(try JSONValue(encoding: fromText) == a, "JSONValueEncoder writes what JSONEncoder writes for \(T.self)")
    }

    @Test("every model decodes from a JSONValue as JSONDecoder decodes it from text")
    func modelsAgree() throws {
        try agree(Product.self, Self.documents[0].1)
        try agree(Submission.self, Self.documents[1].1)
        try agree(ShippingLabel.self, Self.documents[2].1)
        try agree(Audience.self, #"{"id": "1", "name": "Insiders", "description": "testers"}"#)
        try agree(NewProduct.self, #"{"productName": "W", "requestedSignatures": ["X"], "futureField": 3}"#)
        try agree(NewSubmission.self, #"{"name": "n"}"#)
        try agree(ProductUpdate.self, #"{"marketingNames": ["a"]}"#)
        try agree(DriverMetadata.self, #"{"BundleInfoMap": {"b": {"Locales": "English", "InfInfoMap": {}}}}"#)
        let page = #"{"value": [\#(Self.documents[0].1), {"id": 2}], "links": [{"href": "products?page=2", "rel": "next_link", "method": "GET"}]}"#
        let fromValue = try JSONValue(parsing: page).decode(ListPage<Product>.self)
        #expect(fromValue.value.map(\.id) == [14_631_253_285_588_838, 2] && fromValue.nextLink == "products?page=2")
    }

    @Test("a model's json is the very value it was decoded from")
    func jsonKept() throws {
        let value = try JSONValue(parsing: Self.documents[0].1)
        let product = try value.decode(Product.self)
        #expect(product.json == value)
        #expect(product.id == 14_631_253_285_588_838 && product.sharedProductId == 1_152_921_504_606_971_255)
        #expect(product.json["futureObject"]?["a"]?[1] == .number(2.5))
    }

    @Test("errors are JSONDecoder's, with the same coding paths")
    func errors() throws {
        for (type, text): (any Decodable.Type, String) in [
            (Product.self, #"{"productName": "no id"}"#), (Product.self, #"{"id": "abc"}"#),
            (Product.self, #"{"id": 1, "marketingNames": "one"}"#), (Product.self, #"{"id": 1, "links": "none"}"#),
            (Submission.self, #"{"id": 1, "productId": 2, "downloads": {"items": 5}}"#),
            (ShippingLabel.self, #"{"id": 1, "name": 5}"#), (Audience.self, #"null"#), (NewProduct.self, #"[]"#),
            // Where the decoder reads a value of the expected type without a decoder of its own,
            // a value of another type still fails as JSONDecoder fails it.
            (Product.self, #"{"id": 1, "marketingNames": ["a", 2]}"#), (Product.self, #"{"id": 1, "selectedProductTypes": {"a": 1}}"#),
            (Product.self, #"{"id": 1, "productName": 5}"#), (Product.self, #"{"id": 1, "isCommitted": "yes"}"#),
            (Product.self, #"{"id": 1, "marketingNames": [null]}"#), (NewProduct.self, #"{"productName": null}"#),
            (NewProduct.self, #"{"productName": "W", "isTestSign": 1}"#), ([[String]].self, #"[["a"], "b"]"#),
        ] {
            let expected = Self.describe { _ = try JSONDecoder().decode(type, from: Data(text.utf8)) }
            let actual = Self.describe { _ = try JSONValue(parsing: text).decode(type) }
            #expect(expected != nil && actual == expected, "\(text): JSONDecoder \(String(describing: expected)), here \(String(describing: actual))")
        }
    }

    @Test("what the service's variety allows decodes alike: a link without a usable href, a download without a type")
    func liberalAlike() throws {
        for (type, text): (any Decodable.Type, String) in [
            (Product.self, #"{"id": 1, "links": [{"href": 5}]}"#),
            (Submission.self, #"{"id": 1, "productId": 2, "downloads": {"items": [{"url": "u"}]}}"#),
        ] {
            #expect(Self.describe { _ = try JSONDecoder().decode(type, from: Data(text.utf8)) } == nil, "\(text)")
            #expect(Self.describe { _ = try JSONValue(parsing: text).decode(type) } == nil, "\(text)")
        }
    }

    static func describe(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return DecodingErrorText.describe(error)
        }
    }

    @Test("numbers convert only where the type holds them exactly; Date, Data and URL as JSONDecoder has them")
    func scalars() throws {
        struct All: Codable, Equatable {
            var i64: Int64, u64: UInt64, i8: Int8, d: Double, f: Float, date: Date, data: Data, url: URL, opt: Int?, nested: [String: [Int]]
        }
        let text = #"{"i64": -9223372036854775808, "u64": 9223372036854775807, "i8": -128, "d": 2, "f": 0.5, "date": 86400.5,"#
            + #""data": "AQID", "url": "https://example.com/a?b=c", "opt": null, "nested": {"a": [1, 2], "b": []}}"#
        let fromValue = try JSONValue(parsing: text).decode(All.self)
        #expect(fromValue == (try JSONDecoder().decode(All.self, from: Data(text.utf8))))
        #expect(fromValue.i64 == .min && fromValue.u64 == UInt64(Int64.max) && fromValue.data == Data([1, 2, 3]))
        #expect(try JSONValue(encoding: fromValue) == (try JSONValue(parsing: try JSONEncoder().encode(fromValue))))
        for (type, text): (any Decodable.Type, String) in [
            (Int8.self, "300"), (UInt64.self, "-1"), (Int.self, "1.5"), (Int.self, "\"1\""), (String.self, "1"), (Bool.self, "1"),
            (Double.self, "null"), (Data.self, "\"!!\""),
        ] {
            #expect(Self.describe { _ = try JSONValue(parsing: text).decode(type) } != nil, "\(type) from \(text)")
            #expect(Self.describe { _ = try JSONDecoder().decode(type, from: Data(text.utf8)) } != nil, "JSONDecoder too: \(type) from \(text)")
        }
    }

    @Test("userInfo reaches every nested decoder, and a failed element read leaves the element to read again")
    func userInfoAndRetries() throws {
        struct Seen: Decodable {
            var notes: [String]
            struct Item: Decodable { var n: Int }
            init(from decoder: Decoder) throws {
                var list = try decoder.container(keyedBy: AnyKey.self).nestedUnkeyedContainer(forKey: AnyKey("items"))
                var notes: [String] = []
                while !list.isAtEnd {
                    if let item = try? list.decode(Item.self) {
                        notes.append("\(item.n)")
                    } else {
                        let skipped = try list.decode(JSONValue.self)
                        notes.append("skipped \(skipped.jsonText) with \(decoder.userInfo[Self.key] as? String ?? "nothing")")
                    }
                }
                self.notes = notes
            }
            static let key = CodingUserInfoKey(rawValue: "test")!
        }
        struct AnyKey: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(_ s: String) { stringValue = s }
            init?(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
        var decoder = JSONValueDecoder()
        decoder.userInfo[Seen.key] = "info"
        let seen = try decoder.decode(Seen.self, from: try JSONValue(parsing: #"{"items": [{"n": 1}, {"n": "x"}, {"n": 3}]}"#))
        #expect(seen.notes == ["1", #"skipped {"n":"x"} with info"#, "3"])
    }

    @Test("unkeyed, nested and super decoders work as JSONDecoder's do")
    func containers() throws {
        struct Odd: Codable, Equatable {
            var a: Int, b: [String], c: Int
            enum Keys: String, CodingKey { case a, inner, list }
            init(a: Int, b: [String], c: Int) { (self.a, self.b, self.c) = (a, b, c) }
            init(from decoder: Decoder) throws {
                let top = try decoder.container(keyedBy: Keys.self)
                a = try top.decode(Int.self, forKey: .a)
                var list = try top.nestedUnkeyedContainer(forKey: .list)
                var items: [String] = []
                while !list.isAtEnd { if try list.decodeNil() { items.append("nil") } else { items.append(try list.decode(String.self)) } }
                b = items
                let inner = try top.nestedContainer(keyedBy: Keys.self, forKey: .inner)
                c = try Int(from: inner.superDecoder(forKey: .a))
            }
            func encode(to encoder: Encoder) throws {
                var top = encoder.container(keyedBy: Keys.self)
                try top.encode(a, forKey: .a)
                var list = top.nestedUnkeyedContainer(forKey: .list)
                for item in b { if item == "nil" { try list.encodeNil() } else { try list.encode(item) } }
                var inner = top.nestedContainer(keyedBy: Keys.self, forKey: .inner)
                try c.encode(to: inner.superEncoder(forKey: .a))
            }
        }
        let text = #"{"a": 1, "list": ["x", null, "y"], "inner": {"a": 7}}"#
        let fromValue = try JSONValue(parsing: text).decode(Odd.self)
        #expect(fromValue == Odd(a: 1, b: ["x", "nil", "y"], c: 7))
        #expect(fromValue == (try JSONDecoder().decode(Odd.self, from: Data(text.utf8))))
        #expect(try JSONValue(encoding: fromValue) == (try JSONValue(parsing: text)))
    }
}
