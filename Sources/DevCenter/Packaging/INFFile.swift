/// A Windows driver setup information (INF) file: its sections and their entries, as written.
///
/// Reading is total and bounded: any input either gives an `INFFile` (with ``diagnostics`` for
/// what was skipped or cut) or throws ``INFParseError`` when it is too large or not text. Nothing
/// is evaluated recursively, so no input can make parsing crash, hang or use unbounded memory.
///
/// ```swift
/// let inf = try INFFile(bytes: try Data(contentsOf: url))
/// inf.version.driverVersion           // "1.2.0.0"
/// inf.modelsSections.flatMap(\.devices).map(\.hardwareID)
/// ```
///
/// Entries keep their raw text; the query functions (``value(_:in:)``, ``version``,
/// ``manufacturers``, ``modelsSections``) substitute `%strkey%` tokens from `[Strings]`.
public struct INFFile: Sendable, Hashable {
    /// One line of a section: `key = value, value, …`, or a line with values and no key.
    public struct Entry: Sendable, Hashable {
        /// The text before `=`, unquoted; `nil` for a line without `=`.
        public var key: String?
        /// The comma-separated values, unquoted and trimmed, before string substitution.
        public var values: [String]
        /// The 1-based line number the entry starts on.
        public var line: Int

        public init(key: String?, values: [String], line: Int) {
            self.key = key
            self.values = values
            self.line = line
        }
    }

    /// A `[name]` section and its entries.
    public struct Section: Sendable, Hashable {
        public var name: String
        public var entries: [Entry]
        /// The 1-based line number of the section header.
        public var line: Int

        public init(name: String, entries: [Entry], line: Int) {
            self.name = name
            self.entries = entries
            self.line = line
        }

        /// The first entry whose key is `key` (ignoring case).
        public func entry(_ key: String) -> Entry? {
            let wanted = key.lowercased()
            return entries.first { $0.key?.lowercased() == wanted }
        }
    }

    /// How much of an input the parser reads before giving up; every loop is bounded by these.
    public struct Limits: Sendable, Hashable {
        public var maxBytes: Int
        public var maxLines: Int
        public var maxSections: Int
        public var maxValuesPerEntry: Int
        /// The longest value kept after `%strkey%` substitution, in Unicode scalars.
        public var maxValueLength: Int

        public init(
            maxBytes: Int = 16 << 20, maxLines: Int = 500_000, maxSections: Int = 50_000,
            maxValuesPerEntry: Int = 4_096, maxValueLength: Int = 64 << 10
        ) {
            self.maxBytes = maxBytes
            self.maxLines = maxLines
            self.maxSections = maxSections
            self.maxValuesPerEntry = maxValuesPerEntry
            self.maxValueLength = maxValueLength
        }
    }

    /// The sections in file order. A name may appear more than once; ``section(_:)`` merges them.
    public var sections: [Section]
    /// The encoding the file was read in.
    public var encoding: INFTextEncoding
    /// What the parser skipped or cut, with line numbers, for tools that lint INF files.
    public var diagnostics: [String]
    /// The limits the file was read with; they also bound string substitution.
    public var limits: Limits
    /// `[Strings]` keys (lower-cased) and their values; localised `[Strings.xxxx]` sections fill gaps.
    public var strings: [String: String]

    /// Parses INF text from raw bytes in any of the encodings of ``INFTextEncoding``.
    public init(bytes: some Collection<UInt8>, limits: Limits = Limits()) throws(INFParseError) {
        guard bytes.count <= limits.maxBytes else {
            throw INFParseError(.tooLarge(size: bytes.count, limit: limits.maxBytes))
        }
        let (scalars, encoding) = INFTextEncoding.decode(Array(bytes))
        if encoding == .utf8 || encoding == .windows1252, scalars.contains("\u{0}") {
            throw INFParseError(.notText)
        }
        self.init(scalars: scalars, encoding: encoding, limits: limits)
    }

    /// Parses INF text already decoded.
    public init(text: String, limits: Limits = Limits()) throws(INFParseError) {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count <= limits.maxBytes else {
            throw INFParseError(.tooLarge(size: scalars.count, limit: limits.maxBytes))
        }
        self.init(scalars: scalars, encoding: .utf8, limits: limits)
    }

    private init(scalars: [Unicode.Scalar], encoding: INFTextEncoding, limits: Limits) {
        var reader = INFLineReader(scalars: scalars, limits: limits)
        let result = reader.readSections()
        self.sections = result.sections
        self.diagnostics = result.diagnostics
        self.encoding = encoding
        self.limits = limits
        self.strings = INFFile.collectStrings(result.sections)
    }

    /// All entries of every section called `name` (ignoring case), merged in file order.
    public func section(_ name: String) -> Section? {
        let wanted = name.lowercased()
        let matching = sections.filter { $0.name.lowercased() == wanted }
        guard let first = matching.first else { return nil }
        return Section(name: first.name, entries: matching.flatMap(\.entries), line: first.line)
    }

    /// The names of all sections, in file order, without repeats.
    public var sectionNames: [String] {
        var seen = Set<String>()
        return sections.map(\.name).filter { seen.insert($0.lowercased()).inserted }
    }

    /// The first value of `key` in `section`, with `%strkey%` tokens substituted.
    public func value(_ key: String, in section: String) -> String? {
        self.section(section)?.entry(key)?.values.first.map(substitute)
    }

    /// `text` with every `%strkey%` token found in `[Strings]` replaced, once (no recursion).
    ///
    /// `%%` stands for a literal `%`; unknown tokens and directory IDs (`%13%`) stay as written.
    public func substitute(_ text: String) -> String {
        guard text.contains("%") else { return text }
        var out = String.UnicodeScalarView()
        var count = 0
        let scalars = Array(text.unicodeScalars)
        var i = 0
        func append<S: Sequence<Unicode.Scalar>>(_ s: S) {
            for c in s where count < limits.maxValueLength {
                out.append(c)
                count += 1
            }
        }
        while i < scalars.count && count < limits.maxValueLength {
            guard scalars[i] == "%" else {
                append(CollectionOfOne(scalars[i]))
                i += 1
                continue
            }
            guard let close = scalars[(i + 1)...].firstIndex(of: "%") else {
                append(scalars[i...])
                break
            }
            let token = String(String.UnicodeScalarView(scalars[(i + 1)..<close]))
            if token.isEmpty {
                append(CollectionOfOne("%"))
            } else if let replacement = strings[token.lowercased()] {
                append(replacement.unicodeScalars)
            } else {
                append(scalars[i...close])
            }
            i = close + 1
        }
        return String(out)
    }

    private static func collectStrings(_ sections: [Section]) -> [String: String] {
        var strings: [String: String] = [:]
        // Plain [Strings] wins; localised [Strings.0409] etc. only fill gaps, in file order.
        let plain = sections.filter { $0.name.lowercased() == "strings" }
        let localized = sections.filter { $0.name.lowercased().hasPrefix("strings.") }
        for section in plain + localized {
            for entry in section.entries {
                guard let key = entry.key?.lowercased(), !key.isEmpty, strings[key] == nil else { continue }
                strings[key] = entry.values.joined(separator: ",")
            }
        }
        return strings
    }
}
