import Foundation

extension DevCenterConfiguration {
    /// Seconds one HTTP attempt may wait for its answer (API, token and blob requests), for a
    /// network or proxy slower or faster than the defaults suit.
    public static let requestTimeoutVariable = "HDC_REQUEST_TIMEOUT"

    /// The attempt timeout `HDC_REQUEST_TIMEOUT` sets in `environment`, or nil when it is unset.
    public static func attemptTimeout(inEnvironment environment: [String: String]) throws -> Duration? {
        guard let text = environment[requestTimeoutVariable]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            return nil
        }
        guard let seconds = Double(text), seconds.isFinite, seconds > 0 else {
            throw DevCenterError.configuration(
                "\(requestTimeoutVariable) is \"\(text)\", which is not a number of seconds",
                advice: "Set \(requestTimeoutVariable) to a positive number of seconds, such as 30, or unset it for the defaults.")
        }
        return .clampedSeconds(max(seconds, 0.01))
    }
}
