import DevCenter

/// Compares the shape of two JSON documents: the field names and JSON types of one found in
/// the other, not their values. How the emulator's answers are held to the documented samples.
public enum JSONShape {
    /// Where `actual` lacks a field of `expected`, or has it with another JSON type, as
    /// `path: …` lines.
    ///
    /// Objects are compared member by member; an array's first item against the other's first
    /// item (an empty array matches any array); a `null` in `expected` matches any value of a
    /// member that is there; integers and fractions are both numbers. An object at a path in
    /// `maps` is a map whose keys are data (driver metadata's bundle GUIDs and INF names): its
    /// first member is compared with the other's first, under the path `…*`. Paths in
    /// `ignoring` are not compared.
    public static func differences(
        expected: JSONValue, actual: JSONValue, ignoring: Set<String> = [], maps: Set<String> = []
    ) -> [String] {
        compare(expected, actual, path: "", ignoring: ignoring, maps: maps)
    }

    private static func compare(
        _ expected: JSONValue, _ actual: JSONValue, path: String, ignoring: Set<String>, maps: Set<String>
    ) -> [String] {
        if ignoring.contains(path) { return [] }
        func child(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
        switch (expected, actual) {
        case (.null, _):
            return []
        case (.object(let want), .object(let have)) where maps.contains(path):
            guard let first = want.min(by: { $0.key < $1.key })?.value, let other = have.min(by: { $0.key < $1.key })?.value
            else { return [] }
            return compare(first, other, path: child("*"), ignoring: ignoring, maps: maps)
        case (.object(let want), .object(let have)):
            var found: [String] = []
            for (key, value) in want.sorted(by: { $0.key < $1.key }) where !ignoring.contains(child(key)) {
                guard let other = have[key] else {
                    found.append("\(child(key)): missing (expected \(value.typeName))")
                    continue
                }
                found += compare(value, other, path: child(key), ignoring: ignoring, maps: maps)
            }
            return found
        case (.array(let want), .array(let have)):
            guard let first = want.first, let other = have.first else { return [] }
            return compare(first, other, path: "\(path)[]", ignoring: ignoring, maps: maps)
        default:
            guard expected.typeName != actual.typeName else { return [] }
            return ["\(path.isEmpty ? "the document" : path): \(actual.typeName), expected \(expected.typeName)"]
        }
    }

    /// The paths of `original` that `written` lacks or holds with another value (members
    /// `written` adds are not counted; an integer equal to a fraction is the same number): what
    /// writing a decoded document back out lost.
    public static func lost(from original: JSONValue, in written: JSONValue, path: String = "") -> [String] {
        switch (original, written) {
        case (.object(let want), .object(let have)):
            return want.keys.sorted().flatMap { key -> [String] in
                let child = path.isEmpty ? key : "\(path).\(key)"
                guard let value = have[key] else { return ["\(child) lost"] }
                return lost(from: want[key]!, in: value, path: child)
            }
        case (.array(let want), .array(let have)) where want.count == have.count:
            return zip(want, have).enumerated().flatMap { lost(from: $1.0, in: $1.1, path: "\(path)[\($0)]") }
        case (.integer(let a), .number(let b)) where Double(a) == b, (.number(let b), .integer(let a)) where Double(a) == b:
            return []
        default:
            return original == written ? [] : ["\(path): \(original.jsonText) became \(written.jsonText)"]
        }
    }
}
