/// A publishing audience from `GET /audiences`.
public struct Audience: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String?
    public var description: String?
    public var audienceName: String?

    public init(id: String, name: String? = nil, description: String? = nil, audienceName: String? = nil) {
        self.id = id
        self.name = name
        self.description = description
        self.audienceName = audienceName
    }
}
