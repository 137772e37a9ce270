extension DevCenterClient {
    /// Every product of the account, page by page.
    public func products() -> PagedSequence<Product> { list(.listProducts()) }

    public func product(_ productID: Int64) async throws -> Product {
        try await send(.product(productID), as: Product.self)
    }

    /// Creates a product, exactly once.
    ///
    /// When the outcome is unknown (the connection dropped after sending, a 5xx, a timeout), the
    /// products with this name and the same requested signatures are looked up before any new
    /// attempt, and those that existed before this call are set aside: a single new one is taken
    /// as the one created; none means the create is sent again; several make the error
    /// ``DevCenterError/Kind/uncertainOutcome``. Give products distinct names so that this works.
    ///
    /// - Parameter knownExisting: the IDs of the products that existed before this call (at least
    ///   those with this name), when you have just listed them. When `nil`, the client lists the
    ///   account's products once before the first attempt: a paged listing of the whole account,
    ///   one request per page, which an ambiguous failure's lookup would need anyway.
    public func createProduct(_ product: NewProduct, knownExisting: Set<Int64>? = nil) async throws -> Product {
        try await createProduct(try JSONBody(encoding: product), knownExisting: knownExisting)
    }

    /// Creates a product from a body already in JSON form (the fields of ``NewProduct``, and
    /// any others), sent as it is: what the `hdc` bindings send for a script's checked table.
    /// Exactly once, as the ``NewProduct`` form describes; the reconciliation reads
    /// `productName` and `requestedSignatures` from the body.
    public func createProduct(_ body: JSONBody, knownExisting: Set<Int64>? = nil) async throws -> Product {
        let name = body.value["productName"]?.stringValue ?? ""
        let signatures = Set(body.value["requestedSignatures"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        return try await create(
            .createProduct(body), as: Product.self,
            what: "a product named \"\(name)\"",
            check: "list your products (GET /products) for one named \"\(name)\" and use it instead of creating another.",
            knownExisting: knownExisting,
            lookup: { [self] in
                try await products().collect {
                    $0.productName == name && Set($0.requestedSignatures ?? []) == signatures
                }
            })
    }

    /// Changes a product's name, marketing names or announcement date (204).
    public func updateProduct(_ productID: Int64, _ update: ProductUpdate) async throws {
        _ = try await send(.updateProduct(productID, try JSONBody(encoding: update)))
    }
}
