/// Why an input could not be read as an INF file at all.
public struct INFParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        case tooLarge(size: Int, limit: Int)
        case notText
    }

    public var reason: Reason

    public init(_ reason: Reason) { self.reason = reason }

    public var description: String {
        switch reason {
        case .tooLarge(let size, let limit):
            return "the INF file is \(size) bytes, more than the \(limit) bytes this reader accepts; "
                + "check that it really is an INF file"
        case .notText:
            return "the file holds NUL bytes and no UTF-16 byte-order mark, so it is not INF text; "
                + "check that it really is an INF file"
        }
    }
}
