import Foundation

/// Durations as every option of hwsubmit, its scripts and its emulator writes them: a number
/// with `ms`, `s`, `m` or `h` (`400ms`, `2s`, `1.5s`, `5m`, `6h`); a bare number is seconds.
public enum DurationText {
    /// The forms, for messages and help texts.
    public static let forms = "a number of seconds or a number with ms, s, m or h (90, 2s, 400ms, 5m, 6h)"

    /// The duration `text` writes, or nil when it is not one (negative, not finite, absurdly long).
    public static func parse(_ text: String) -> Duration? {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        var number = Substring(text.trimmingCharacters(in: .whitespaces))
        var scale = 1.0
        for (suffix, factor) in units where number.hasSuffix(suffix) {
            number = number.dropLast(suffix.count)
            scale = factor
            break
        }
        guard !number.isEmpty, number.allSatisfy({ $0.isNumber || $0 == "." }),
              let value = Double(number), value.isFinite, value >= 0, value * scale < 1e9
        else { return nil }
        return .milliseconds(Int64((value * scale * 1000).rounded()))
    }

    /// Seconds, for the places that count in them.
    public static func seconds(_ text: String) -> Double? { parse(text).map(\.seconds) }

    /// "--timeout 3x is not a duration; write …", the message every duration option gives.
    public static func problem(_ option: String, _ text: String) -> String {
        "\(option) \(text.isEmpty ? "(empty)" : "'\(text)'") is not a duration; write \(forms)"
    }
}
