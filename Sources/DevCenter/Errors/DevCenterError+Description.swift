extension DevCenterError {
    /// What happened, what to do (with the Swift call that does it, when there is one), the
    /// refused fields and further details, then the IDs support asks for; with every token,
    /// secret and SAS signature redacted.
    public var description: String {
        Self.paragraph(
            message: message, advice: Self.advice(advice, adding: nextStep?.swiftAdvice), validationErrors: validationErrors.map { ($0.target, $0.message) },
            details: details, errorReportURL: errorReportURL, requestID: requestID, correlationID: correlationID,
            attempts: attempts)
    }

    /// The layout of ``description``, for other error types that report the same fields (the
    /// `hdc` Lua module's error objects): the message and the advice, one indented line per
    /// refused field, per detail and for the error report, then the IDs; redacted.
    public static func paragraph(
        message: String, advice: String, validationErrors: [(target: String?, message: String?)], details: [String],
        errorReportURL: String?, requestID: String?, correlationID: String?, attempts: Int
    ) -> String {
        var text = message
        if !text.isEmpty && !text.hasSuffix(".") { text += "." }
        if !advice.isEmpty { text += " " + advice }
        for v in validationErrors {
            switch (v.target, v.message) {
            case let (target?, message?): text += "\n  \(target): \(message)"
            case let (nil, message?): text += "\n  \(message)"
            case let (target?, nil): text += "\n  \(target): invalid"
            case (nil, nil): continue
            }
        }
        for line in details { text += "\n  \(line)" }
        if let errorReportURL { text += "\n  error report: \(errorReportURL)" }
        var ids: [String] = []
        if let requestID { ids.append("MS-RequestId \(requestID)") }
        if let correlationID { ids.append("MS-CorrelationId \(correlationID)") }
        if attempts > 1 { ids.append("\(attempts) attempts") }
        if !ids.isEmpty { text += "\n  (" + ids.joined(separator: ", ") + ")" }
        return Redactor.standard.redact(text)
    }

    /// `advice` followed by `more`, a sentence of one face of the API.
    public static func advice(_ advice: String, adding more: String?) -> String {
        guard let more else { return advice }
        return advice.isEmpty ? more : "\(advice) \(more)"
    }

    public var debugDescription: String {
        var fields = ["kind: \(kind)"]
        if let status { fields.append("status: \(status)") }
        if let serviceCode { fields.append("code: \(serviceCode)") }
        fields.append("retryable: \(retryable)")
        fields.append("delivery: \(delivery.rawValue)")
        return "DevCenterError(\(fields.joined(separator: ", "))): \(description)"
    }
}
