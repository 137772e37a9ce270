import DevCenter
import LuaKit

extension HDCModule {
    static var productBindings: [HDCBinding] { [products, product, findProduct, createProduct, updateProduct] }

    private static var products: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            name: "products",
            summary: "Iterates over every product of the account, fetching pages as the loop asks for more.",
            parameters: [],
            returns: [LuaReturnDoc("fun(): hdc.Product|nil", name: "iterator", "for a generic `for`: each call gives the next product")],
            example: """
                for product in hdc.products() do
                  print(product.id, product.productName)
                end
                """,
            access: .read,
            notes: "Breaking out of the loop fetches no further pages. `hdc.collect(hdc.products())` reads them all into an array.",
            isClientMethod: true)
        ) { b in try b.iterator { $0.products() } }
    }

    private static var product: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            name: "product",
            summary: "Fetches one product.",
            parameters: [LuaParameterDoc("product_id", "integer", "the product's ID (a string of digits also works)")],
            returns: [LuaReturnDoc("hdc.Product", "every field the service sent")],
            example: """
                local product = hdc.product(14631253285588839)
                print(product.productName, #product.requestedSignatures)
                """,
            access: .read,
            notes: "A product the account does not have raises an error with `code = \"entityNotFound\"` (kind `notFound`).",
            isClientMethod: true)
        ) { b in
            let id = try b.id(1)
            return try b.perform({ try await $0.product(id) }) { returning($1.json, $0) }
        }
    }

    private static var findProduct: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            name: "find_product",
            summary: "Finds the product with a name, or returns nil and a message when there is none.",
            parameters: [LuaParameterDoc("query", "table", "`{name = \"…\"}`: the product name to look for (exact match)")],
            returns: [
                LuaReturnDoc("hdc.Product|nil", name: "product", "the first product with that name"),
                LuaReturnDoc("string|nil", name: "message", "why there is none"),
            ],
            example: """
                local product = hdc.find_product{name = "Contoso Widget 1.2.0"}
                  or hdc.create_product{productName = "Contoso Widget 1.2.0",
                                        requestedSignatures = {"WINDOWS_v100_X64_RS5_FULL"}}
                """,
            access: .read,
            notes: "Reads pages until it finds one, so on a large account a miss reads every page. Names are not unique at the service: give products distinct names.",
            isClientMethod: true)
        ) { b in
            guard let query = try b.options(1) else { throw b.call.typeError(b.index(1), expected: "table") }
            try query.refuseUnknown(["name"])
            guard let name = try query.string("name") else {
                throw LuaArgumentError(argument: b.index(1), message: "field 'name': string expected, got nil")
            }
            return try b.perform({ client -> Product? in
                for try await product in client.products() where product.productName == name { return product }
                return nil
            }) { call, found in
                if let found { return returning(found.json, call) }
                call.stack.pushNil()
                call.stack.push("no product named \"\(name)\"")
                return .values(2)
            }
        }
    }

    private static var createProduct: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            name: "create_product",
            summary: "Creates a product, exactly once, and returns it as the service answered.",
            parameters: [LuaParameterDoc(
                "product", "table",
                "the service's product fields: `productName` and `requestedSignatures` are required; `testHarness` (default \"Attestation\"), `deviceType` (default \"external\"), `selectedProductTypes`, `announcementDate`, `firmwareVersion`, `marketingNames`, `deviceMetadataIds`, `isTestSign`, `isFlightSign`, `isExtensionInf`, `additionalAttributes`; other fields are sent as given")],
            returns: [LuaReturnDoc("hdc.Product", "the new product, with its 64-bit `id`")],
            example: """
                local product = hdc.create_product{
                  productName = "Contoso Widget 1.2.0",
                  testHarness = "Attestation",
                  deviceType = "external",
                  requestedSignatures = {"WINDOWS_v100_X64_RS5_FULL"},
                  selectedProductTypes = {windows_v100_RS5 = "Unclassified"},
                }
                print(product.id)
                """,
            access: .write,
            notes: "A wrong field type is a bad argument naming the field. Products of the same name that existed before the call are noted first (one listing), so that when the outcome is unknown (a dropped connection after sending) the product is looked up by name and only a new one is taken: none means the create is sent again, several new ones raise `uncertainOutcome`. An older product of the same name is never returned.",
            isClientMethod: true)
        ) { b in
            let body = try b.body(1, RequestShapes.newProduct)
            return try b.perform({ try await $0.createProduct(body) }) { returning($1.json, $0) }
        }
    }

    private static var updateProduct: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            name: "update_product",
            summary: "Changes a product's name, marketing names or announcement date.",
            parameters: [
                LuaParameterDoc("product_id", "integer", "the product's ID"),
                LuaParameterDoc("changes", "table", "`productName`, `marketingNames`, `announcementDate`: the only fields the service lets change"),
            ],
            returns: [],
            example: """
                hdc.update_product(product.id, {marketingNames = {"Widget", "Widget Pro"}})
                """,
            access: .write,
            notes: "Other fields are sent as given, and the service refuses them (`updateUnauthorized`, kind `invalidState`). Fetch the product again to see it changed.",
            isClientMethod: true)
        ) { b in
            let id = try b.id(1)
            let changes = try b.body(2, RequestShapes.productUpdate)
            return try b.perform({ try await $0.send(.updateProduct(id, changes)) }) { _, _ in .none }
        }
    }
}
