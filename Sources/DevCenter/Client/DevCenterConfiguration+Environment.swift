import Foundation

extension DevCenterConfiguration {
    /// How long one HTTP attempt may wait for its answer (API, token and blob requests), for a
    /// network or proxy slower or faster than the defaults suit.
    public static let requestTimeoutVariable = "HDC_REQUEST_TIMEOUT"

    /// The attempt timeout `HDC_REQUEST_TIMEOUT` sets in `environment`, or nil when it is unset.
    public static func attemptTimeout(inEnvironment environment: [String: String]) throws -> Duration? {
        guard let text = environment[requestTimeoutVariable]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            return nil
        }
        guard let timeout = DurationText.parse(text), timeout > .zero else {
            throw DevCenterError.configuration(
                "\(requestTimeoutVariable) is \"\(text)\", which is not a duration",
                advice: "Set \(requestTimeoutVariable) to a positive duration, \(DurationText.forms), or unset it for the defaults.")
        }
        return max(timeout, .milliseconds(10))
    }
}
