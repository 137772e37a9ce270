/// The `driverMetadata` download of a submission: which hardware IDs each INF of each bundle
/// supports on each operating system. The service writes its keys in PascalCase.
public struct DriverMetadata: Codable, Sendable, Hashable {
    public var bundleInfoMap: [String: Bundle]

    public init(bundleInfoMap: [String: Bundle]) { self.bundleInfoMap = bundleInfoMap }

    enum CodingKeys: String, CodingKey { case bundleInfoMap = "BundleInfoMap" }

    /// One driver bundle: its locales and its INF files by name.
    public struct Bundle: Codable, Sendable, Hashable {
        public var locales: String?
        public var infInfoMap: [String: INFInfo]

        public init(locales: String? = nil, infInfoMap: [String: INFInfo]) {
            self.locales = locales
            self.infInfoMap = infInfoMap
        }

        enum CodingKeys: String, CodingKey {
            case locales = "Locales"
            case infInfoMap = "InfInfoMap"
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
