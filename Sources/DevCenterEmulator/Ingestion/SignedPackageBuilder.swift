import Crypto
import DevCenter
import Foundation
import ZIPFoundation

/// Writes the `signedPackage` download: a ZIP with every file of the uploaded package, plus one
/// catalog per INF where its `CatalogFile` directive says.
///
/// The catalogs are plain text that says, in its first line, that it is the emulator's stand-in
/// and not a signature; it lists the SHA-256 of every file so tests can check what was "signed".
enum SignedPackageBuilder {
    static let catalogHeader = "HWSUBMIT EMULATOR CATALOG - NOT A REAL SIGNATURE"

    static func build(_ package: PackageInspector.InspectedPackage, submissionID: Int64, signedAt: Date,
                      to destination: URL, workDirectory: URL) throws {
        let archive: Archive
        do {
            archive = try Archive(url: destination, accessMode: .create)
        } catch {
            throw PackageReadError("the signed package cannot be created: \(error)")
        }
        var catalogs: [String: PackageInspector.InspectedINF] = [:]
        for inspected in package.infs {
            catalogs[catalogPath(for: inspected).lowercased()] = inspected
        }
        var hashes: [(path: String, sha256: String)] = []
        let scratch = workDirectory.appendingPathComponent("signing-\(submissionID)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        for file in package.archive.files where catalogs[file.path.lowercased()] == nil {
            try? FileManager.default.removeItem(at: scratch)
            try package.archive.extract(file, to: scratch)
            var hash = SHA256()
            try BlobFileReader.copy(from: scratch, offset: 0, length: Int(file.size)) { hash.update(bufferPointer: $0) }
            hashes.append((file.path, hash.finalize().map { String(format: "%02x", $0) }.joined()))
            try archive.addEntry(with: file.path, fileURL: scratch, compressionMethod: .deflate)
        }
        for (_, inspected) in catalogs.sorted(by: { $0.key < $1.key }) {
            var text = catalogHeader + "\r\n"
            text += "This file stands where Microsoft's signed catalog would be. It is not a PKCS #7 catalog; Windows will not accept it.\r\n"
            text += "INF: \(inspected.file.path)\r\nSubmission: \(submissionID)\r\nSigned: \(ISOTime.string(signedAt))\r\n"
            text += "OS: \(inspected.osCodes.joined(separator: ", "))\r\nFiles (SHA-256):\r\n"
            for (file, sha) in hashes.sorted(by: { $0.path < $1.path }) { text += "\(sha)  \(file)\r\n" }
            let data = Data(text.utf8)
            try archive.addEntry(with: catalogPath(for: inspected), type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }

    /// Where an INF's catalog goes: its `CatalogFile` name, beside the INF.
    static func catalogPath(for inspected: PackageInspector.InspectedINF) -> String {
        let parts = inspected.file.path.split(separator: "/")
        let directory = parts.dropLast().joined(separator: "/")
        let infName = parts.last.map(String.init) ?? "driver.inf"
        let name = inspected.inf.version.catalogFile ?? (infName.split(separator: ".").first.map(String.init) ?? "driver") + ".cat"
        return directory.isEmpty ? name : directory + "/" + name
    }
}
