/// A TargetOS decoration of a `[Manufacturer]` entry, such as `NTamd64.10.0...17763`.
///
/// The syntax is `NT[Architecture][.[OSMajorVersion][.[OSMinorVersion][.[ProductType][.[SuiteMask][.[BuildNumber]]]]]]`;
/// every part after `NT` is optional and an empty part means "any".
public struct INFTargetOS: Sendable, Hashable, CustomStringConvertible {
    /// The decoration as written, for example `NTamd64.10.0...17763`.
    public var decoration: String
    /// `x86`, `amd64`, `arm`, `arm64` or `ia64`, lower-cased; `nil` for plain `NT` (any architecture).
    public var architecture: String?
    public var majorVersion: Int?
    public var minorVersion: Int?
    /// `1` workstation, `2` domain controller, `3` server; `nil` for any.
    public var productType: Int?
    public var suiteMask: Int?
    /// The lowest Windows build the models section applies to, for example `17763`.
    public var buildNumber: Int?

    public var description: String { decoration }

    public static let knownArchitectures = ["amd64", "arm64", "x86", "arm", "ia64"]

    /// Reads a decoration; `nil` when it does not start with `NT` (ignoring case).
    public init?(_ decoration: String) {
        let text = decoration.trimmingSpacesAndTabs
        guard text.count <= 256, text.lowercased().hasPrefix("nt") else { return nil }
        self.decoration = text
        let parts = text.dropFirst(2).split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let arch = parts.first?.lowercased() ?? ""
        if arch.isEmpty {
            architecture = nil
        } else if Self.knownArchitectures.contains(arch) {
            architecture = arch
        } else {
            return nil
        }
        func number(_ i: Int) -> Int? {
            guard parts.indices.contains(i), parts[i].count <= 9 else { return nil }
            let p = parts[i]
            if p.lowercased().hasPrefix("0x") { return Int(p.dropFirst(2), radix: 16) }
            return Int(p)
        }
        majorVersion = number(1)
        minorVersion = number(2)
        productType = number(3)
        suiteMask = number(4)
        buildNumber = number(5)
    }

    /// The architecture as the service names it in operating system codes (`X64`, `ARM64`, `X86`, …).
    public var serviceArchitecture: String? {
        switch architecture {
        case "amd64": return "X64"
        case "arm64": return "ARM64"
        case "x86": return "X86"
        case "arm": return "ARM"
        case "ia64": return "IA64"
        default: return nil
        }
    }
}
