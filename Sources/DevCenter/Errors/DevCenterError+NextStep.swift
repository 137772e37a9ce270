extension DevCenterError {
    /// What the person should do next, as an action of the API rather than a function of one
    /// language: ``advice`` says it in words and names no function, and each face of the API
    /// adds how to do it in its own terms (``description`` names the Swift methods; the `hdc`
    /// Lua module names its functions).
    public enum NextStep: Sendable, Hashable {
        /// Wait for the submission's pipeline to produce the download of that type.
        case waitForSubmission(DownloadType)
        /// Commit the submission once its package is uploaded.
        case commitSubmission
        /// Download the error report of a failed submission through the submission.
        case downloadErrorReport
        /// Fetch the shipping label again and download its error report's fresh URL.
        case downloadLabelErrorReport
        /// Open a page of the dashboard in a browser signed in to Partner Center.
        case openInBrowser(url: String)
        /// Wait for a label shared with a partner until it is shared: it has no approval step.
        case waitUntilShared
        /// Allow more time per request.
        case allowMoreTimePerRequest
        /// Check the configured base URL of the hardware API.
        case checkBaseURL
    }
}
