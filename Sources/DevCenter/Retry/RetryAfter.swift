import Foundation

/// Reads how long a server asks the client to wait.
///
/// `Retry-After` comes in seconds or as an HTTP date; Azure also sends `x-ms-retry-after-ms`
/// and `retry-after-ms` in milliseconds, which win when present because they are more precise.
public enum RetryAfter {
    /// The wait the headers ask for, or `nil`; a date in the past gives zero.
    public static func parse(_ headers: TransportHeaders, now: Date) -> Duration? {
        for name in ["x-ms-retry-after-ms", "retry-after-ms"] {
            if let text = headers[name], let ms = Double(text.trimmingCharacters(in: .whitespaces)), ms >= 0 {
                return Duration.clampedSeconds(ms / 1000)
            }
        }
        guard let text = headers["Retry-After"]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if let seconds = Double(text) {
            return seconds >= 0 ? Duration.clampedSeconds(seconds) : nil
        }
        guard let date = httpDate(text) else { return nil }
        return Duration.clampedSeconds(date.timeIntervalSince(now))
    }

    /// An HTTP date in any of the three forms RFC 9110 allows.
    static func httpDate(_ text: String) -> Date? {
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
