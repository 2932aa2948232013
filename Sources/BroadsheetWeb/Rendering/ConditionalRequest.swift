import BroadsheetFormats
import Foundation
import Hummingbird
import NIOCore

/// Strong entity tags: a fingerprint of the exact bytes sent.
enum EntityTag {
    /// `"<16 hex digits>"`: `ByteHash` of the body. Not a security measure; it only has to
    /// change whenever the bytes do.
    static func strong(of body: ByteBuffer) -> String {
        let hash = body.withUnsafeReadableBytes(ByteHash.of)
        let hex = String(hash, radix: 16)
        return "\"" + String(repeating: "0", count: 16 - hex.count) + hex + "\""
    }

    /// The tag of the gzipped representation: different bytes, so a different strong tag.
    static func gzipVariant(of tag: String) -> String {
        String(tag.dropLast()) + "-gz\""
    }
}

/// HTTP's conditional GET (RFC 9110, section 13): whether the client's copy is still good.
enum ConditionalRequest {
    /// `If-None-Match` decides when present (weak comparison, `*` matches anything);
    /// `If-Modified-Since` only when it is absent.
    static func isNotModified(_ headers: HTTPFields, entityTags: [String], lastModified: Date) -> Bool {
        if let noneMatch = headers[values: .ifNoneMatch].joined(separator: ",").nonEmpty {
            let offered = noneMatch.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if offered.contains("*") { return true }
            let ours = Set(entityTags.map(opaque))
            return offered.contains { ours.contains(opaque($0)) }
        }
        guard let since = headers[.ifModifiedSince].flatMap(InternetDate.parseIMFFixdate) else { return false }
        return lastModified.timeIntervalSince1970.rounded(.down) <= since.timeIntervalSince1970
    }

    /// A tag without its weakness mark, for weak comparison.
    private static func opaque(_ tag: String) -> Substring {
        tag.hasPrefix("W/") ? tag.dropFirst(2) : Substring(tag)
    }
}

/// What a client's `Accept-Encoding` allows.
enum AcceptEncoding {
    /// True when it lists gzip (or `*`) with a quality above zero.
    static func allowsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        for item in header.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let coding = parts.first, ["gzip", "x-gzip", "*"].contains(coding) else { continue }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            if quality > 0 { return true }
        }
        return false
    }
}

extension String {
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
