import DevCenter

extension DevCenterError.NextStep {
    /// How a script takes this step, added to the advice of the `hdc.Error` a script sees (the
    /// DevCenter core's advice names no function); `nil` when there is nothing to call.
    var luaAdvice: String? {
        switch self {
        case .waitForSubmission(let type):
            let metadata = type == .driverMetadata
                ? " (for a submission shared with you, hdc.request_metadata(submission) first)" : ""
            return "In a script: hdc.wait(submission)\(metadata), then hdc.download again."
        case .commitSubmission:
            return "In a script: hdc.commit(submission)."
        case .downloadErrorReport:
            return "In a script: hdc.download(submission, \"errorReport\", path)."
        case .downloadLabelErrorReport:
            return "In a script: hdc.shipping_label(label), then hdc.download(url, path) with its workflowStatus.errorReport."
        case .openInBrowser:
            return nil
        case .waitUntilShared:
            return "In a script: hdc.wait_shipping_label(label) without [\"until\"] = \"approval\"."
        case .allowMoreTimePerRequest:
            return "In a script: request_timeout in hdc.connect{…}, or in the options of hdc.upload and hdc.download."
        case .checkBaseURL:
            return "In a script, base_url of hdc.connect{…} or the --base-url option sets it."
        }
    }
}
