/// A publishing audience from `GET /audiences`.
public struct Audience: Sendable, Hashable, Identifiable, JSONBackedModel {
    public var id: String
    public var name: String?
    public var description: String?
    public var audienceName: String?
    public var json: JSONValue

    public init(id: String, name: String? = nil, description: String? = nil, audienceName: String? = nil) {
        self.id = id
        self.name = name
        self.description = description
        self.audienceName = audienceName
        var members: [String: JSONValue] = ["id": .string(id)]
        if let name { members["name"] = .string(name) }
        if let description { members["description"] = .string(description) }
        if let audienceName { members["audienceName"] = .string(audienceName) }
        self.json = .object(members)
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case id, name, description, audienceName }

    public init(from decoder: Decoder) throws {
        json = try JSONValue(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        // Audience IDs are strings in the documentation; accept a number as well.
        if let text = try? c.decode(String.self, forKey: .id) {
            id = text
        } else {
            id = String(try c.decodeID(forKey: .id))
        }
        name = try c.decodeIfPresent(String.self, forKey: .name)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        audienceName = try c.decodeIfPresent(String.self, forKey: .audienceName)
    }

    public func encode(to encoder: Encoder) throws { try encodeKeepingJSON(to: encoder) }

    func encodeModelledFields(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encodeIfPresent(name, forKey: .name)
        try c.encodeIfPresent(description, forKey: .description)
        try c.encodeIfPresent(audienceName, forKey: .audienceName)
    }
}
