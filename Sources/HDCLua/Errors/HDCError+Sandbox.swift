import LuaKit

extension HDCError {
    /// The script's view of a sandbox's refusal or exceeded limit: kind `sandbox`, `code`
    /// `permissionDenied`, `memoryLimit`, `instructionLimit` or `timeLimit`.
    public init(_ violation: LuaSandboxViolation) {
        self.init(kind: .sandbox, code: violation.code, message: violation.message, advice: violation.advice)
    }
}
