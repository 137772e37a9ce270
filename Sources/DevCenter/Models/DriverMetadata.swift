import Foundation

/// The `driverMetadata` download of a submission: which hardware IDs each INF of each bundle
/// supports on each operating system. The service writes its keys in PascalCase.
///
/// Decoded, it keeps the JSON it came from in ``json`` (fields it does not model, and nulls,
/// are written back out); two values are equal when their modelled fields are.
public struct DriverMetadata: Sendable, Hashable, JSONBackedModel {
    public var bundleInfoMap: [String: Bundle]
    /// The document as received (`.null` for one made in code).
    public var json: JSONValue

    public init(bundleInfoMap: [String: Bundle]) {
        self.bundleInfoMap = bundleInfoMap
        self.json = .null
    }

    enum CodingKeys: String, CodingKey { case bundleInfoMap = "BundleInfoMap" }

    public init(from decoder: Decoder) throws {
        json = try JSONValue(from: decoder)
        bundleInfoMap = try decoder.container(keyedBy: CodingKeys.self).decode([String: Bundle].self, forKey: .bundleInfoMap)
    }

    public func encode(to encoder: Encoder) throws { try encodeKeepingJSON(to: encoder) }

    func encodeModelledFields(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(bundleInfoMap, forKey: .bundleInfoMap)
    }

    public static func == (lhs: DriverMetadata, rhs: DriverMetadata) -> Bool { lhs.bundleInfoMap == rhs.bundleInfoMap }
    public func hash(into hasher: inout Hasher) { hasher.combine(bundleInfoMap) }

    /// One driver bundle: its locales and its INF files by name.
    public struct Bundle: Codable, Sendable, Hashable {
        /// `["English"]`: an array in the documentation and at the service; a single string is
        /// accepted too and read as a one-element array.
        public var locales: [String]?
        public var infInfoMap: [String: INFInfo]

        public init(locales: [String]? = nil, infInfoMap: [String: INFInfo]) {
            self.locales = locales
            self.infInfoMap = infInfoMap
        }

        enum CodingKeys: String, CodingKey {
            case locales = "Locales"
            case infInfoMap = "InfInfoMap"
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            if let one = try? c.decodeIfPresent(String.self, forKey: .locales) {
                locales = [one]
            } else {
                locales = try c.decodeIfPresent([String].self, forKey: .locales)
            }
            infInfoMap = try c.decodeIfPresent([String: INFInfo].self, forKey: .infInfoMap) ?? [:]
        }
    }

    /// One INF file: its identity and, per operating system code, its hardware IDs.
    public struct INFInfo: Codable, Sendable, Hashable {
        public var driverPackageFamilyId: String?
        public var infClass: String?
        public var driverVersion: String?
        public var driverDate: String?
        public var extensionId: String?
        public var provider: String?
        public var classGuid: String?
        public var installationComputerHardwareIds: [String]?
        /// `OSPnPInfoMap[operatingSystemCode][pnpString]`.
        public var osPnPInfoMap: [String: [String: HardwareIDInfo]]

        /// ``driverDate`` read as a date (`2018-01-11T00:00:00`, no zone, is UTC).
        public var driverDateValue: Date? { driverDate.flatMap(ServiceDate.parse) }

        public init(
            driverPackageFamilyId: String? = nil, infClass: String? = nil, driverVersion: String? = nil,
            driverDate: String? = nil, extensionId: String? = nil, provider: String? = nil, classGuid: String? = nil,
            installationComputerHardwareIds: [String]? = nil, osPnPInfoMap: [String: [String: HardwareIDInfo]]
        ) {
            self.driverPackageFamilyId = driverPackageFamilyId
            self.infClass = infClass
            self.driverVersion = driverVersion
            self.driverDate = driverDate
            self.extensionId = extensionId
            self.provider = provider
            self.classGuid = classGuid
            self.installationComputerHardwareIds = installationComputerHardwareIds
            self.osPnPInfoMap = osPnPInfoMap
        }

        enum CodingKeys: String, CodingKey {
            case driverPackageFamilyId = "DriverPackageFamilyId"
            case infClass = "InfClass"
            case driverVersion = "DriverVersion"
            case driverDate = "DriverDate"
            case extensionId = "ExtensionId"
            case provider = "Provider"
            case classGuid = "ClassGuid"
            case installationComputerHardwareIds = "InstallationComputerHardwareIds"
            case osPnPInfoMap = "OSPnPInfoMap"
        }

        /// Writes every field, an absent one as `null`, as the service's file does (`"ExtensionId": null`).
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(driverPackageFamilyId, forKey: .driverPackageFamilyId)
            try c.encode(infClass, forKey: .infClass)
            try c.encode(driverVersion, forKey: .driverVersion)
            try c.encode(driverDate, forKey: .driverDate)
            try c.encode(extensionId, forKey: .extensionId)
            try c.encode(provider, forKey: .provider)
            try c.encode(classGuid, forKey: .classGuid)
            try c.encode(installationComputerHardwareIds, forKey: .installationComputerHardwareIds)
            try c.encode(osPnPInfoMap, forKey: .osPnPInfoMap)
        }
    }

    /// What the INF says about one hardware ID.
    public struct HardwareIDInfo: Codable, Sendable, Hashable {
        public var manufacturer: String?
        public var deviceDescription: String?
        public var featureScore: String?

        public init(manufacturer: String? = nil, deviceDescription: String? = nil, featureScore: String? = nil) {
            self.manufacturer = manufacturer
            self.deviceDescription = deviceDescription
            self.featureScore = featureScore
        }

        enum CodingKeys: String, CodingKey {
            case manufacturer = "Manufacturer"
            case deviceDescription = "DeviceDescription"
            case featureScore = "FeatureScore"
        }

        /// Writes every field, an absent one as `null`, as the service's file does.
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(manufacturer, forKey: .manufacturer)
            try c.encode(deviceDescription, forKey: .deviceDescription)
            try c.encode(featureScore, forKey: .featureScore)
        }
    }

    /// Every hardware ID in the metadata as a shipping-label target, sorted for stable output.
    public var hardwareIDTargets: [HardwareIDTarget] {
        var targets: [HardwareIDTarget] = []
        for (bundleId, bundle) in bundleInfoMap {
            for (infId, inf) in bundle.infInfoMap {
                for (osCode, ids) in inf.osPnPInfoMap {
                    for pnp in ids.keys {
                        targets.append(HardwareIDTarget(
                            bundleId: bundleId, infId: infId, operatingSystemCode: osCode, pnpString: pnp))
                    }
                }
            }
        }
        return targets.sorted {
            ($0.bundleId, $0.infId, $0.operatingSystemCode, $0.pnpString)
                < ($1.bundleId, $1.infId, $1.operatingSystemCode, $1.pnpString)
        }
    }
}
