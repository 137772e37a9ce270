import DevCenter
import Foundation

/// The service's documented sample requests and answers in `Tests/Fixtures/service` (its
/// README says where each comes from and how it was cleaned), found from this file's path.
public enum ServiceFixtures {
    /// Tests/Fixtures/service in this repository.
    public static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/service")

    /// The name of every fixture (`product.json`, …), sorted.
    public static func names() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }.sorted()
    }

    /// A fixture's bytes.
    public static func data(_ name: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(name))
    }

    /// A fixture as JSON, integers exact.
    public static func json(_ name: String) throws -> JSONValue {
        try JSONValue(parsing: data(name))
    }

    /// A fixture's text.
    public static func text(_ name: String) throws -> String {
        String(decoding: try data(name), as: UTF8.self)
    }
}
