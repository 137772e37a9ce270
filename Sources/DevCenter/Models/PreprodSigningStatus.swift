/// A pre-production package's `signingStatus`: `NotStarted`, `Processing`, `Succeeded`,
/// `Failed` (the documentation spells them capitalised; compared without case).
public struct PreprodSigningStatus: CaseInsensitiveEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let notStarted: PreprodSigningStatus = "NotStarted"
    public static let processing: PreprodSigningStatus = "Processing"
    public static let succeeded: PreprodSigningStatus = "Succeeded"
    public static let failed: PreprodSigningStatus = "Failed"
}
