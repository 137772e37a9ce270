import DevCenter

/// A profile source holding its profiles in memory, standing in for the Lua profile file.
public struct StaticProfileSource: ProfileSource {
    public var profiles: [Profile]
    public var defaultProfile: String?
    public var location: String

    public init(_ profiles: [Profile], defaultProfile: String? = nil, location: String = "test profiles") {
        self.profiles = profiles
        self.defaultProfile = defaultProfile
        self.location = location
    }

    public func profile(named name: String?) throws -> Profile? {
        guard let wanted = name ?? defaultProfile else { return nil }
        return profiles.first { $0.name == wanted }
    }

    public func profileNames() throws -> [String] { profiles.map(\.name) }
}
