/// A string enumeration of the service that compares ignoring case and keeps values it does not know.
///
/// The service spells the same value `commitComplete` and `CommitComplete`, and adds values over
/// time; a client that fails on either loses a submission it could have tracked.
public protocol CaseInsensitiveEnum: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible,
    ExpressibleByStringLiteral where RawValue == String
{
    init(rawValue: String)
    /// Other spellings of known values, lower-cased, mapped to the lower-cased canonical value.
    static var aliases: [String: String] { get }
}

extension CaseInsensitiveEnum {
    public static var aliases: [String: String] { [:] }

    /// The lower-cased canonical spelling used for comparison.
    public var normalized: String {
        let lower = rawValue.lowercased()
        return Self.aliases[lower] ?? lower
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.normalized == rhs.normalized }
    public func hash(into hasher: inout Hasher) { hasher.combine(normalized) }
    public var description: String { rawValue }
    public init(stringLiteral value: String) { self.init(rawValue: value) }

    public init(from decoder: Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
