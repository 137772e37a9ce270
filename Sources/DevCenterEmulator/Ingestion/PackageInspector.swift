import DevCenter
import Foundation

/// Opens an uploaded driver package and checks it the way `packageInfoValidation` does: a ZIP
/// or a CAB holding at least one INF, each INF readable and complete, the files it installs
/// present, and models sections for at least one of the product's requested signatures.
struct PackageInspector {
    struct InspectedINF {
        var file: PackageFile
        var inf: INFFile
        /// Operating system codes (from the product's requested signatures) the INF supports.
        var osCodes: [String]
    }

    struct InspectedPackage {
        var archive: DriverPackageArchive
        var infs: [InspectedINF]
        var kind: String
    }

    static let maxFiles = 20_000
    static let maxINFSize = 16 << 20
    static let maxTotalSize: UInt64 = 8 << 30

    /// Reads the package at `url`; throws ``PackageReadError``s whose messages become the submission's.
    static func inspect(_ url: URL, requestedSignatures: [String], workDirectory: URL) throws -> InspectedPackage {
        let handle = try FileHandle(forReadingFrom: url)
        let magic = [UInt8](try handle.read(upToCount: 4) ?? Data())
        try? handle.close()
        let archive: DriverPackageArchive
        let kind: String
        if magic.starts(with: [0x50, 0x4B]) {
            archive = try ZipPackageArchive(url: url, maxFiles: maxFiles)
            kind = "ZIP"
        } else if magic == Array("MSCF".utf8) {
            archive = try CabinetArchive(url: url, workDirectory: workDirectory, maxFiles: maxFiles, maxFolderSize: Int(maxTotalSize))
            kind = "CAB"
        } else if magic.isEmpty {
            throw PackageReadError("The uploaded package is empty. Upload the driver package (a .zip or .cab holding its .inf files), then commit again with a new submission.")
        } else {
            let hex = magic.map { String($0, radix: 16, uppercase: true) }.joined(separator: " ")
            throw PackageReadError("The uploaded package is neither a ZIP nor a CAB file (it starts with bytes \(hex)). Upload the driver package as a .zip or .cab holding its .inf files.")
        }
        let total = archive.files.reduce(UInt64(0)) { $0 &+ $1.size }
        guard total <= maxTotalSize else {
            throw PackageReadError("The package expands to \(total) bytes, more than the \(maxTotalSize) bytes the service accepts.")
        }
        for file in archive.files where file.path.split(separator: "/").contains("..") || file.path.hasPrefix("/") {
            throw PackageReadError("The package holds a file with an unsafe path (\(file.path)); paths must stay inside the package.")
        }
        let infFiles = archive.files.filter { $0.path.lowercased().hasSuffix(".inf") }
        guard !infFiles.isEmpty else {
            throw PackageReadError("The package holds no .inf file (it has \(archive.files.count) files). A driver package needs at least one INF; put it at the root of the \(kind) file.")
        }
        var problems: [String] = []
        var infs: [InspectedINF] = []
        for file in infFiles {
            do {
                let inf = try INFFile(bytes: try archive.data(of: file, limit: maxINFSize))
                let codes = try check(inf, at: file, in: archive, requestedSignatures: requestedSignatures)
                infs.append(InspectedINF(file: file, inf: inf, osCodes: codes))
            } catch let error as PackageReadError {
                problems.append(error.description)
            } catch {
                problems.append("\(file.path): \(error)")
            }
        }
        if !problems.isEmpty { throw PackageReadError(problems.joined(separator: "\n")) }
        return InspectedPackage(archive: archive, infs: infs, kind: kind)
    }

    private static func check(_ inf: INFFile, at file: PackageFile, in archive: DriverPackageArchive,
                              requestedSignatures: [String]) throws -> [String] {
        let name = file.path
        var problems: [String] = []
        guard inf.section("Version") != nil else {
            throw PackageReadError("\(name): the INF has no [Version] section; is it an INF file?")
        }
        let version = inf.version
        let signature = version.signature?.lowercased()
        if signature != "$windows nt$" && signature != "$chicago$" {
            problems.append("\(name): [Version] Signature must be \"$WINDOWS NT$\" (found \(version.signature.map { "\"\($0)\"" } ?? "none")).")
        }
        if version.isoDriverDate == nil || !version.hasValidDriverVersion {
            problems.append("\(name): [Version] DriverVer must be 'mm/dd/yyyy,w.x.y.z' (found \(inf.section("Version")?.entry("DriverVer").map { $0.values.joined(separator: ",") } ?? "none")).")
        }
        if (version.infClass ?? "").isEmpty { problems.append("\(name): [Version] has no Class.") }
        if !isGUID(version.classGuid) { problems.append("\(name): [Version] ClassGuid must be a GUID in braces (found \(version.classGuid ?? "none")).") }
        if (version.provider ?? "").isEmpty { problems.append("\(name): [Version] has no Provider.") }
        if (version.catalogFile ?? "").isEmpty { problems.append("\(name): [Version] has no CatalogFile; a signed package needs one.") }
        if version.infClass?.lowercased() == "extension", !isGUID(inf.value("ExtensionId", in: "Version")) {
            problems.append("\(name): an extension INF needs [Version] ExtensionId = {GUID}.")
        }
        let sections = inf.modelsSections
        if inf.manufacturers.isEmpty {
            problems.append("\(name): the INF has no [Manufacturer] entries, so it installs on no device.")
        }
        for section in sections where !section.isPresent && section.target != nil {
            problems.append("\(name): [Manufacturer] names models section [\(section.name)], which the INF does not have.")
        }
        for decoration in inf.manufacturers.flatMap(\.unknownDecorations) {
            problems.append("\(name): [Manufacturer] has an unrecognised TargetOS decoration '\(decoration)'.")
        }
        if sections.allSatisfy({ $0.devices.isEmpty }) && !inf.manufacturers.isEmpty {
            problems.append("\(name): no models section lists a device with a hardware ID.")
        }
        problems += missingSourceFiles(inf, infPath: name, archive: archive)
        let codes = requestedSignatures.filter { code in
            guard let os = SignatureCatalog.lookup(code) else { return false }
            return sections.contains { !$0.devices.isEmpty && SignatureCatalog.applies($0.target, to: os) }
        }
        if codes.isEmpty && problems.isEmpty {
            let decorations = sections.map { $0.target?.decoration ?? "(undecorated)" }.joined(separator: ", ")
            problems.append("\(name): none of its models sections (\(decorations)) applies to the product's requested signatures (\(requestedSignatures.joined(separator: ", "))). Add a decorated models section, or request signatures for the architectures and builds the INF supports.")
        }
        if !problems.isEmpty { throw PackageReadError(problems.joined(separator: "\n")) }
        return codes
    }

    private static func isGUID(_ text: String?) -> Bool {
        guard let text, text.count == 38, text.first == "{", text.last == "}" else { return false }
        return UUID(uuidString: String(text.dropFirst().dropLast())) != nil
    }

    /// Files named in `[SourceDisksFiles]` (plain and per-architecture) that the package lacks.
    private static func missingSourceFiles(_ inf: INFFile, infPath: String, archive: DriverPackageArchive) -> [String] {
        let directory = infPath.split(separator: "/").dropLast().joined(separator: "/")
        let present = Set(archive.files.map { $0.path.lowercased() })
        var missing: [String] = []
        for section in inf.sections where section.name.lowercased() == "sourcedisksfiles" || section.name.lowercased().hasPrefix("sourcedisksfiles.") {
            for entry in section.entries {
                guard let fileName = entry.key.map(inf.substitute), !fileName.isEmpty else { continue }
                let subdirectory = entry.values.count > 1 ? inf.substitute(entry.values[1]).replacingOccurrences(of: "\\", with: "/") : ""
                let parts = [directory, subdirectory, fileName].filter { !$0.isEmpty }
                let path = parts.joined(separator: "/").lowercased()
                if !present.contains(path) {
                    missing.append("\(infPath): [\(section.name)] lists \(fileName), but the package has no \(parts.joined(separator: "/")).")
                }
                if missing.count >= 20 { return missing }
            }
        }
        return missing
    }
}
