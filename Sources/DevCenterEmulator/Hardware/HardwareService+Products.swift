import DevCenter
import Foundation
import Hummingbird

/// `/products`: create (validated), get, list, PATCH of the three fields that may change.
extension HardwareService {
    static let knownAdditionalAttributes = ["storageController", "raidController", "svvp"]

    /// A product as the service answers it: the fields as created or patched, and those the
    /// service keeps itself (its IDs, who created and changed it and when, its origin).
    func renderProduct(_ product: HardwareState.Product, _ call: Call) -> JSONValue {
        var fields = product.fields
        fields["id"] = .integer(product.id)
        fields["sharedProductId"] = .integer(product.sharedProductId)
        fields["isCommitted"] = .bool(product.isCommitted)
        fields["productType"] = "driver"
        fields["originType"] = "author"
        fields["sourceProductId"] = 0
        fields["sourcePublisherId"] = 0
        fields["isRetpolineCompiled"] = false
        fields["message"] = ""
        fields["createdBy"] = .string(clientID)
        fields["updatedBy"] = .string(clientID)
        fields["createdDateTime"] = .string(ISOTime.string(product.createdAt, fractional: true))
        fields["updatedDateTime"] = .string(ISOTime.string(product.updatedAt, fractional: true))
        let selfURL = "\(call.apiBase)/products/\(product.id)"
        fields["links"] = [link(selfURL, "self"), link("\(selfURL)/submissions", "get_submissions")]
        return .object(fields)
    }

    func listProducts(_ call: Call) throws -> Response {
        let items = state.withLock { s in s.productOrder.compactMap { s.products[$0] } }
        return try page(items.map { renderProduct($0, call) }, call, path: "/products")
    }

    func getProduct(_ call: Call) throws -> Response {
        let product = try state.withLock { s throws(HTTPFailure) in try self.product(call.ids[0], in: s) }
        return json(renderProduct(product, call))
    }

    func createProduct(_ call: Call) async throws -> Response {
        let body = try await JSONBodyReader.object(from: call.request, fields: .newProduct)
        let fields = try Self.validateNewProduct(body)
        let now = clock.now
        let product = state.withLock { s in
            let product = HardwareState.Product(
                id: s.productIDs.take(), sharedProductId: s.sharedProductIDs.take(), fields: fields, createdAt: now, updatedAt: now)
            s.products[product.id] = product
            s.productOrder.append(product.id)
            return product
        }
        return json(renderProduct(product, call), status: .created)
    }

    /// Checks a create body field by field; returns the fields to store, normalised as the service answers them.
    static func validateNewProduct(_ body: [String: JSONValue]) throws(HTTPFailure) -> [String: JSONValue] {
        var check = FieldChecker(body)
        var fields = body
        for key in ["id", "sharedProductId", "links", "isCommitted"] where body[key] != nil {
            check.fail(key, "is set by the service and may not be sent")
        }
        _ = check.string("productName", required: true)
        if let harness = check.string("testHarness", required: true) {
            let value = TestHarness(rawValue: harness)
            if value == .attestation || value == .hlk {
                fields["testHarness"] = .string(value.rawValue.lowercased())
            } else {
                check.fail("testHarness", "must be Attestation or HLK (got \"\(harness)\")")
            }
        }
        if let device = check.string("deviceType", required: true) {
            if let known = DeviceType.known.first(where: { $0 == DeviceType(rawValue: device) }) {
                fields["deviceType"] = .string(known.rawValue)
            } else {
                check.fail("deviceType", "must be one of internal, external, internalExternal, notSet (got \"\(device)\")")
            }
        }
        if let signatures = check.stringArray("requestedSignatures", required: true) {
            if signatures.isEmpty { check.fail("requestedSignatures", "must name at least one operating system code") }
            var seen = Set<String>()
            for (i, code) in signatures.enumerated() {
                if SignatureCatalog.lookup(code) == nil {
                    check.fail("requestedSignatures[\(i)]", "\"\(code)\" is not a known operating system code (for example WINDOWS_v100_X64_RS5_FULL)")
                } else if !seen.insert(code.uppercased()).inserted {
                    check.fail("requestedSignatures[\(i)]", "\"\(code)\" is listed twice")
                }
            }
        }
        if let types = check.object("selectedProductTypes") {
            for (key, value) in types where value.stringValue == nil {
                check.fail("selectedProductTypes.\(key)", "must be a string, got \(value.typeName)")
            }
        }
        _ = check.date("announcementDate")
        _ = check.string("firmwareVersion", nonEmpty: false, maxLength: 64)
        _ = check.string("deviceMetadataCategory", nonEmpty: false)
        _ = check.stringArray("marketingNames")
        _ = check.stringArray("deviceMetadataIds")
        for key in ["isTestSign", "isFlightSign", "isExtensionInf"] { _ = check.bool(key) }
        if let attributes = check.object("additionalAttributes") {
            let known = attributes.keys.filter { Self.knownAdditionalAttributes.contains($0) }
            if known.count > 1 {
                check.fail("additionalAttributes", "may hold at most one of storageController, raidController, svvp (got \(known.sorted().joined(separator: ", ")))")
            }
            for key in attributes.keys where !Self.knownAdditionalAttributes.contains(key) {
                check.fail("additionalAttributes.\(key)", "is not a known attribute (storageController, raidController, svvp)")
            }
        }
        try check.check("product")
        for (key, value) in [
            ("isTestSign", false), ("isFlightSign", false), ("isExtensionInf", false),
        ] where fields[key] == nil { fields[key] = .bool(value) }
        for key in ["marketingNames", "deviceMetadataIds"] where fields[key] == nil { fields[key] = [] }
        if fields["selectedProductTypes"] == nil { fields["selectedProductTypes"] = [:] }
        if fields["additionalAttributes"] == nil { fields["additionalAttributes"] = [:] }
        return fields
    }

    func patchProduct(_ call: Call) async throws -> Response {
        let body = try await JSONBodyReader.object(from: call.request, fields: .productUpdate)
        _ = try state.withLock { s throws(HTTPFailure) in try self.product(call.ids[0], in: s) }
        try FieldChecker.refuseUnchangeable(body, mutable: ProductUpdate.mutableFields, of: "product")
        var check = FieldChecker(body)
        _ = check.string("productName")
        _ = check.stringArray("marketingNames")
        _ = check.date("announcementDate")
        try check.check("product update")
        let now = clock.now
        try state.withLock { s throws(HTTPFailure) in
            var product = try self.product(call.ids[0], in: s)
            for (key, value) in body { product.fields[key] = value }
            product.updatedAt = now
            s.products[product.id] = product
        }
        return Response(status: .noContent)
    }
}
