import DevCenter
import Foundation

/// ISO 8601 times as the services write them (`2026-11-25T01:02:03Z`, or with milliseconds).
enum ISOTime {
    static func string(_ date: Date, fractional: Bool = false) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = fractional ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// Reads a date as the service does (``ServiceDate``): any number of fractional digits, a
    /// zone offset or none (UTC), or a bare date.
    static func parse(_ text: String) -> Date? { ServiceDate.parse(text) }

    /// An IMF-fixdate (`Wed, 25 Nov 2026 01:02:03 GMT`), as `Last-Modified`, `Date` and
    /// `Retry-After` carry it.
    static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}
