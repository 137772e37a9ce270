import DevCenter

/// A package that passed validation: its metadata and what the pipeline produced.
struct IngestedPackage: Sendable {
    var metadata: DriverMetadata
    var isExtensionInf: Bool
    var isDeclarativeInf: Bool
    var isUniversal: Bool
}
