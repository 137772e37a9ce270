import DevCenter

/// The operating system codes a product may request signatures for, and what each one means
/// for matching INF decorations: an architecture and the release's build number.
struct SignatureCatalog {
    struct OSCode: Sendable, Hashable {
        var code: String
        var architecture: String
        var build: Int
        var isServer: Bool
    }

    /// Windows 10 and 11 releases by the names the codes use, with their build numbers.
    static let releases: [(name: String, build: Int)] = [
        ("TH", 10240), ("TH2", 10586), ("RS1", 14393), ("RS2", 15063), ("RS3", 16299), ("RS4", 17134),
        ("RS5", 17763), ("19H1", 18362), ("VB", 19041), ("CO", 22000), ("NI", 22621), ("GE", 26100),
    ]
    static let serverReleases: [(name: String, build: Int)] = [
        ("RS1", 14393), ("RS5", 17763), ("FE", 20348), ("GE", 26100),
    ]

    /// Every code the emulator knows, for example `WINDOWS_v100_X64_RS5_FULL`.
    static let all: [OSCode] = {
        var codes: [OSCode] = []
        for (name, build) in releases {
            // 32-bit client releases stopped with Windows 10 (VB); ARM64 started with RS3.
            var architectures = ["X64"]
            if build <= 19041 { architectures.append("X86") }
            if build >= 16299 { architectures.append("ARM64") }
            for arch in architectures {
                codes.append(OSCode(code: "WINDOWS_v100_\(arch)_\(name)_FULL", architecture: arch, build: build, isServer: false))
            }
        }
        for (name, build) in serverReleases {
            codes.append(OSCode(code: "WINDOWS_v100_SERVER_X64_\(name)_FULL", architecture: "X64", build: build, isServer: true))
            if build >= 26100 {
                codes.append(OSCode(code: "WINDOWS_v100_SERVER_ARM64_\(name)_FULL", architecture: "ARM64", build: build, isServer: true))
            }
        }
        return codes
    }()

    private static let byUpperCode: [String: OSCode] = Dictionary(all.map { ($0.code.uppercased(), $0) }, uniquingKeysWith: { a, _ in a })

    /// The code's entry, matched ignoring case; `nil` for an unknown code.
    static func lookup(_ code: String) -> OSCode? { byUpperCode[code.uppercased()] }

    /// Whether a models section with this decoration applies on the release a code names.
    ///
    /// An undecorated or plain `NT` section applies to x86 only, as on Windows itself.
    static func applies(_ target: INFTargetOS?, to code: OSCode) -> Bool {
        let arch = target?.serviceArchitecture ?? "X86"
        guard arch == code.architecture else { return false }
        if let major = target?.majorVersion, major > 10 { return false }
        if let build = target?.buildNumber, build > code.build { return false }
        if let productType = target?.productType {
            // 1 is a workstation; 2 and 3 are servers.
            if productType == 1 && code.isServer { return false }
            if productType > 1 && !code.isServer { return false }
        }
        return true
    }
}
