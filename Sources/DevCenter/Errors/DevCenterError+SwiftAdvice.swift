extension DevCenterError.NextStep {
    /// How a Swift program takes this step, for ``DevCenterError/description``; `nil` when
    /// there is nothing to call.
    var swiftAdvice: String? {
        switch self {
        case .waitForSubmission:
            return "In Swift: client.waitForSubmission(productID:submissionID:), then download again."
        case .commitSubmission:
            return "In Swift: client.commitSubmission(productID:submissionID:)."
        case .downloadErrorReport:
            return "In Swift: client.download(.errorReport, of: submission, to: path)."
        case .downloadLabelErrorReport:
            return "In Swift: client.shippingLabel(productID:submissionID:labelID:), then a BlobDownloader with its workflowStatus.errorReport."
        case .openInBrowser:
            return nil
        case .waitUntilShared:
            return "In Swift: client.waitForShippingLabel(…, until: .published)."
        case .allowMoreTimePerRequest:
            return "In Swift: DevCenterConfiguration.requestTimeout, or TransferOptions.requestTimeout for a transfer."
        case .checkBaseURL:
            return "In Swift, DevCenterConfiguration.baseURL sets it."
        }
    }
}
