extension DevCenterClient {
    /// A lazily paged list of `endpoint`'s items.
    public func list<Element: Decodable & Sendable>(_ endpoint: Endpoint, of type: Element.Type = Element.self) -> PagedSequence<Element> {
        let base = baseURL
        return PagedSequence(resolveNextLink: { base.resolve(nextLink: $0) }) { [self] url in
            let target = url ?? base.url(for: endpoint.pathAndQuery)
            let operation = url.map { "GET \(AsyncHTTPClientTransport.pathForMessages(String($0.dropFirst(base.string.count))))" }
                ?? endpoint.operation
            return try await execute(
                method: "GET", url: target, operation: operation, body: nil, operationClass: .read, reconcile: nil
            ) { [logger] response in
                try Self.decode(ListPage<Element>.self, from: response, operation: operation, logger: logger)
            }
        }
    }
}
