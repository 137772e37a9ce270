extension Product {
    /// Whether a partner shared this product with this account: it names the partner's
    /// publisher (`sourcePublisherId`, 0 on products this account made) or an `originType`
    /// other than `author`.
    public var isSharedWithThisAccount: Bool {
        if let publisher = sourcePublisherId, publisher != 0 { return true }
        guard let origin = originType?.trimmingSpaces, !origin.isEmpty else { return false }
        return origin.lowercased() != "author"
    }
}
