extension DevCenterError {
    /// What happened, what to do, the refused fields and further details, then the IDs support
    /// asks for; with every token, secret and SAS signature redacted.
    public var description: String {
        var text = message
        if !text.hasSuffix(".") { text += "." }
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

    public var debugDescription: String {
        var fields = ["kind: \(kind)"]
        if let status { fields.append("status: \(status)") }
        if let serviceCode { fields.append("code: \(serviceCode)") }
        fields.append("retryable: \(retryable)")
        fields.append("delivery: \(delivery.rawValue)")
        return "DevCenterError(\(fields.joined(separator: ", "))): \(description)"
    }
}
