/// What inspecting a committed package found.
enum IngestionOutcome: Sendable {
    case passed(IngestedPackage)
    case failed([String])
}
