/// The operations beyond products, submissions and labels: pre-production signing and the
/// translation of a partner's submission IDs.
extension Endpoint {
    /// `PUT /preprod/packages/`: the body is the package itself, as `application/octet-stream`.
    /// Each one sent makes a new package, so it is a create.
    public static func submitPreprodPackage() -> Endpoint {
        Endpoint(method: "PUT", path: "/preprod/packages/", operationClass: .create)
    }

    public static func preprodPackage(_ packageID: String) -> Endpoint { read(preprodPath(packageID)) }

    /// The answer is a bare JSON array of assets, not a `value` envelope.
    public static func preprodAssets(_ packageID: String) -> Endpoint { read(preprodPath(packageID) + "/assets") }

    public static func preprodAsset(_ packageID: String, assetID: String) -> Endpoint {
        read(preprodPath(packageID) + "/assets/\(URLPath.encodeSegment(assetID))")
    }

    /// The asset's content: the service answers with it, or redirects to where it is.
    public static func preprodAssetDownload(_ packageID: String, assetID: String) -> Endpoint {
        read(preprodPath(packageID) + "/assets/\(URLPath.encodeSegment(assetID))/download")
    }

    /// The submission in this account that a partner's submission (their publisher, product and
    /// submission IDs) was shared as. The path's `sourcepubliherid` is the service's spelling.
    public static func partnerSubmission(publisherID: String, productID: Int64, submissionID: Int64) -> Endpoint {
        read("/products/relationships/sourcepubliherid/\(URLPath.encodeSegment(publisherID))/sourceproductid/\(productID)/sourcesubmissionid/\(submissionID)")
    }

    private static func read(_ path: String) -> Endpoint { Endpoint(method: "GET", path: path, operationClass: .read) }

    private static func preprodPath(_ packageID: String) -> String { "/preprod/packages/\(URLPath.encodeSegment(packageID))" }
}
