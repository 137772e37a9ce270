import Crypto
import DevCenter
import Foundation

/// Builds the `driverMetadata` download from the inspected INF files: per INF, per operating
/// system code the product requested, the hardware IDs of every models section that applies.
enum DriverMetadataBuilder {
    static func build(_ package: PackageInspector.InspectedPackage, submissionID: Int64) -> DriverMetadata {
        var infMap: [String: DriverMetadata.INFInfo] = [:]
        for inspected in package.infs {
            let inf = inspected.inf
            let version = inf.version
            var osMap: [String: [String: DriverMetadata.HardwareIDInfo]] = [:]
            for code in inspected.osCodes {
                guard let os = SignatureCatalog.lookup(code) else { continue }
                var ids: [String: DriverMetadata.HardwareIDInfo] = [:]
                for section in inf.modelsSections where SignatureCatalog.applies(section.target, to: os) {
                    for device in section.devices {
                        ids[device.hardwareID.lowercased()] = DriverMetadata.HardwareIDInfo(
                            manufacturer: section.manufacturer, deviceDescription: device.description,
                            featureScore: featureScore(inf, installSection: device.installSection))
                    }
                }
                if !ids.isEmpty { osMap[code] = ids }
            }
            let infName = inspected.file.path.split(separator: "/").last.map(String.init) ?? inspected.file.path
            infMap[infName.lowercased()] = DriverMetadata.INFInfo(
                driverPackageFamilyId: stableGUID("family", version.provider ?? "", infName.lowercased()),
                infClass: version.infClass, driverVersion: version.driverVersion,
                driverDate: version.isoDriverDate.map { $0 + "T00:00:00" },
                extensionId: inf.value("ExtensionId", in: "Version"), provider: version.provider,
                classGuid: version.classGuid, installationComputerHardwareIds: [], osPnPInfoMap: osMap)
        }
        let bundle = DriverMetadata.Bundle(locales: ["English"], infInfoMap: infMap)
        return DriverMetadata(bundleInfoMap: [stableGUID("bundle", String(submissionID)): bundle])
    }

    /// `FeatureScore` from the install section (or its `.NT…` variants), as the service writes it: hex, no prefix.
    private static func featureScore(_ inf: INFFile, installSection: String) -> String {
        let candidates = inf.sectionNames.filter {
            $0.lowercased() == installSection.lowercased() || $0.lowercased().hasPrefix(installSection.lowercased() + ".nt")
        }
        for name in candidates {
            if let value = inf.value("FeatureScore", in: name) {
                let digits = value.lowercased().hasPrefix("0x") ? String(value.dropFirst(2)) : value
                if let n = UInt8(digits, radix: 16) { return String(n, radix: 16, uppercase: true) }
            }
        }
        return "FF"
    }

    /// A GUID-shaped identifier derived from `parts`, the same for the same input.
    static func stableGUID(_ parts: String...) -> String {
        let digest = Array(SHA256.hash(data: Data(parts.joined(separator: "\u{1F}").utf8)))
        let hex = digest.prefix(16).map { String(format: "%02x", $0) }.joined()
        let c = Array(hex)
        return "\(String(c[0..<8]))-\(String(c[8..<12]))-\(String(c[12..<16]))-\(String(c[16..<20]))-\(String(c[20..<32]))"
    }
}
