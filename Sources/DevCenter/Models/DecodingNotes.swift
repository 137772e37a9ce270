import NIOConcurrencyHelpers

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What decoding an answer left out (a link whose `href` is null, a download without a URL):
/// collected through the decoder's `userInfo` while a model decodes, then logged at debug level
/// by the client, so that one unreadable item neither fails the resource nor vanishes unseen.
public final class DecodingNotes: Sendable {
    private let lines = NIOLockedValueBox<[String]>([])

    public init() {}

    /// The key under which a decoder's `userInfo` carries the notes.
    public static let userInfoKey = CodingUserInfoKey(rawValue: "hwsubmit.decodingNotes")!

    /// What was left out, in the order it was found.
    public var all: [String] { lines.withLockedValue { $0 } }

    /// Records `line` in the notes `decoder` carries, if it carries any.
    static func add(_ line: String, to decoder: Decoder) {
        (decoder.userInfo[userInfoKey] as? DecodingNotes)?.lines.withLockedValue { $0.append(line) }
    }
}
