import DevCenter
import Testing

@Suite("URLs from path templates and next links")
struct ServiceBaseURLTests {
    let base = ServiceBaseURL.default

    @Test("paths go under the configured base")
    func templates() throws {
        #expect(base.url(for: Endpoint.submission(productID: 14_631_253_285_588_838, submissionID: 1_152_921_504_621_465_124).pathAndQuery)
            == "https://manage.devcenter.microsoft.com/v2.0/my/hardware/products/14631253285588838/submissions/1152921504621465124")
        #expect(Endpoint.shippingLabel(productID: 1, submissionID: 2, labelID: 3, includeTargetingInfo: true).pathAndQuery
            == "/products/1/submissions/2/shippingLabels/3?includeTargetingInfo=true")
        #expect(Endpoint.cancelShippingLabel(productID: 1, submissionID: 2, labelID: 3).operation
            == "PUT /products/1/submissions/2/shippingLabels/3/cancel")
        let v1 = try ServiceBaseURL("https://manage.devcenter.microsoft.com/v1.0/my/hardware/")
        #expect(v1.url(for: "/products") == "https://manage.devcenter.microsoft.com/v1.0/my/hardware/products")
    }

    @Test("a next link keeps only its path and query, resolved against what it is relative to", arguments: [
        ("https://stale.example.com/v2.0/my/hardware/products?$skipToken=abc%3D", "/products?$skipToken=abc%3D"),
        ("https://manage.devcenter.microsoft.com/v1.0/my/hardware/products?page=2", "/products?page=2"),
        ("products?page=3", "/products?page=3"),
        ("/v2.0/my/hardware/products/1/submissions?page=2", "/products/1/submissions?page=2"),
        ("/products?page=4", "/products?page=4"),
        // Relative to the service root …/v2.0/my/, not to the hardware base.
        ("hardware/products?continuationToken=YWJj", "/products?continuationToken=YWJj"),
        ("Hardware/products/1/submissions?continuationToken=x", "/products/1/submissions?continuationToken=x"),
        ("v2.0/my/hardware/products?continuationToken=y", "/products?continuationToken=y"),
    ])
    func nextLinks(_ href: String, _ expected: String) throws {
        #expect(base.resolve(nextLink: href) == base.string + expected)
        let emulator = try ServiceBaseURL("http://127.0.0.1:4711/v2.0/my/hardware")
        #expect(emulator.resolve(nextLink: href) == emulator.string + expected)
    }
}
