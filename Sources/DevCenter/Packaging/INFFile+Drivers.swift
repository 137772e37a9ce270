/// What an INF file says about the driver: `[Version]`, `[Manufacturer]` and the models sections.
extension INFFile {
    /// The `[Version]` section, with `%strkey%` tokens substituted.
    public struct Version: Sendable, Hashable {
        public var signature: String?
        public var infClass: String?
        public var classGuid: String?
        public var provider: String?
        public var catalogFile: String?
        /// The date part of `DriverVer`, as written (`mm/dd/yyyy`).
        public var driverDate: String?
        /// The version part of `DriverVer`, for example `1.2.0.0`.
        public var driverVersion: String?

        /// ``driverDate`` as `yyyy-mm-dd`, or `nil` when it is not a valid `mm/dd/yyyy` date.
        public var isoDriverDate: String? {
            guard let driverDate else { return nil }
            let parts = driverDate.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 3, let m = Int(parts[0]), let d = Int(parts[1]), let y = Int(parts[2]),
                (1...12).contains(m), (1...31).contains(d), (1601...9999).contains(y)
            else { return nil }
            func pad(_ n: Int, _ width: Int) -> String {
                let s = String(n)
                return String(repeating: "0", count: max(0, width - s.count)) + s
            }
            return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
        }

        /// Whether ``driverVersion`` has the `w.x.y.z` shape with each part at most 65535.
        public var hasValidDriverVersion: Bool {
            guard let driverVersion else { return false }
            let parts = driverVersion.split(separator: ".", omittingEmptySubsequences: false)
            return (1...4).contains(parts.count)
                && parts.allSatisfy { $0.count <= 5 && Int($0).map { (0...65535).contains($0) } == true }
        }
    }

    /// One `[Manufacturer]` entry: a name, a models section, and the TargetOS decorations.
    public struct Manufacturer: Sendable, Hashable {
        /// The manufacturer's name, substituted (`Contoso Ltd.`).
        public var name: String
        /// The models section's base name (`ContosoWidget`).
        public var modelsSectionName: String
        /// The decorations, in the order written; empty for an undecorated models section.
        public var targets: [INFTargetOS]
        /// Decorations that could not be read, as written.
        public var unknownDecorations: [String]
        public var line: Int
    }

    /// A models section (`[ContosoWidget.NTamd64.10.0...17763]`) and the devices it lists.
    public struct ModelsSection: Sendable, Hashable {
        public var manufacturer: String
        /// The full section name, decoration included.
        public var name: String
        /// The decoration; `nil` for the undecorated section.
        public var target: INFTargetOS?
        public var devices: [Device]
        /// Whether the section exists in the file (a decoration may name a section that is missing).
        public var isPresent: Bool
    }

    /// One device line of a models section: `%Desc% = install-section, hardware-id[, compatible-id…]`.
    public struct Device: Sendable, Hashable {
        /// The device description, substituted.
        public var description: String
        public var installSection: String
        public var hardwareID: String
        public var compatibleIDs: [String]
        public var line: Int
    }

    /// The `[Version]` section.
    public var version: Version {
        func v(_ key: String) -> String? { value(key, in: "Version") }
        var version = Version(
            signature: v("Signature"), infClass: v("Class"), classGuid: v("ClassGuid"),
            provider: v("Provider"), catalogFile: v("CatalogFile"))
        if version.catalogFile == nil, let section = section("Version") {
            // Decorated forms: CatalogFile.NTamd64 = …
            version.catalogFile = section.entries.first { $0.key?.lowercased().hasPrefix("catalogfile.") == true }?
                .values.first.map(substitute)
        }
        if let driverVer = section("Version")?.entry("DriverVer") {
            let values = driverVer.values.map(substitute)
            version.driverDate = values.first.map(\.trimmingSpacesAndTabs)
            version.driverVersion = values.dropFirst().first.map(\.trimmingSpacesAndTabs)
        }
        return version
    }

    /// The entries of `[Manufacturer]`.
    public var manufacturers: [Manufacturer] {
        guard let section = section("Manufacturer") else { return [] }
        return section.entries.compactMap { entry in
            let values = entry.values.map(substitute)
            guard let base = values.first?.trimmingSpacesAndTabs, !base.isEmpty else { return nil }
            let name = entry.key.map(substitute) ?? base
            var targets: [INFTargetOS] = []
            var unknown: [String] = []
            for decoration in values.dropFirst() where !decoration.isEmpty {
                if let target = INFTargetOS(decoration) { targets.append(target) } else { unknown.append(decoration) }
            }
            return Manufacturer(
                name: name, modelsSectionName: base, targets: targets, unknownDecorations: unknown, line: entry.line)
        }
    }

    /// Every models section named by `[Manufacturer]`: one per decoration, plus the undecorated
    /// section when the file has it (or when no decoration is given).
    public var modelsSections: [ModelsSection] {
        var result: [ModelsSection] = []
        for manufacturer in manufacturers {
            var names: [(String, INFTargetOS?)] = manufacturer.targets.map { ("\(manufacturer.modelsSectionName).\($0.decoration)", $0) }
            if manufacturer.targets.isEmpty || section(manufacturer.modelsSectionName) != nil {
                names.insert((manufacturer.modelsSectionName, nil), at: 0)
            }
            for (name, target) in names {
                let section = self.section(name)
                result.append(ModelsSection(
                    manufacturer: manufacturer.name, name: name, target: target,
                    devices: section.map(devices(in:)) ?? [], isPresent: section != nil))
            }
        }
        return result
    }

    /// Every hardware ID of every models section, without repeats, in file order.
    public var hardwareIDs: [String] {
        var seen = Set<String>()
        return modelsSections.flatMap(\.devices).map(\.hardwareID).filter { seen.insert($0.lowercased()).inserted }
    }

    private func devices(in section: Section) -> [Device] {
        section.entries.compactMap { entry in
            let values = entry.values.map { substitute($0).trimmingSpacesAndTabs }
            guard values.count >= 2, !values[1].isEmpty else { return nil }
            return Device(
                description: entry.key.map(substitute) ?? "", installSection: values[0], hardwareID: values[1],
                compatibleIDs: values.dropFirst(2).filter { !$0.isEmpty }, line: entry.line)
        }
    }
}
