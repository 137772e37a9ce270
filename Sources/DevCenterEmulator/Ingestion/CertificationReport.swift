import DevCenter
import Foundation

/// The `certificationReport` download: a plain-text account of what the pipeline checked.
enum CertificationReport {
    static func text(_ package: PackageInspector.InspectedPackage, submissionID: Int64, productID: Int64, at time: Date) -> String {
        var lines = [
            "Hardware Dev Center emulator - certification report (not issued by Microsoft)",
            "Submission: \(submissionID)", "Product: \(productID)", "Completed: \(ISOTime.string(time))",
            "Package: \(package.kind), \(package.archive.files.count) files", "",
        ]
        for inspected in package.infs {
            let version = inspected.inf.version
            lines.append("INF \(inspected.file.path)")
            lines.append("  Class \(version.infClass ?? "-") \(version.classGuid ?? "")")
            lines.append("  Provider \(version.provider ?? "-"), DriverVer \(version.driverDate ?? "-"),\(version.driverVersion ?? "-")")
            lines.append("  Hardware IDs: \(inspected.inf.hardwareIDs.joined(separator: ", "))")
            lines.append("  Signed for: \(inspected.osCodes.joined(separator: ", "))")
            lines.append("  Declarative: \(isDeclarative(inspected) ? "yes" : "no")")
            lines.append("")
        }
        lines.append("Result: PASSED (emulated checks: package layout, INF syntax, [Version], models sections, source files)")
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Whether the INF keeps to the declarative subset: no co-installers and none of the directives DCH drivers forbid.
    static func isDeclarative(_ inspected: PackageInspector.InspectedINF) -> Bool {
        let forbidden: Set<String> = ["registerdlls", "unregisterdlls", "updateinis", "updateinifields", "ini2reg", "profileitems"]
        for section in inspected.inf.sections {
            if section.name.lowercased().hasSuffix(".coinstallers") { return false }
            if section.entries.contains(where: { forbidden.contains($0.key?.lowercased() ?? "") }) { return false }
        }
        return true
    }
}
