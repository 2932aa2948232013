import Crypto
import Foundation

/// The content address of a page image: the SHA-256 of its bytes in hex, and the extension that
/// tells its kind (`jpg`, `tif`, `jp2`, `pdf`, ...).
public struct ImageAddress: Hashable, Sendable, Codable, CustomStringConvertible {
    public let digest: String
    public let fileExtension: String

    public init(digest: String, fileExtension: String) {
        self.digest = digest
        self.fileExtension = fileExtension
    }

    /// The address of `bytes` kept as a file with `fileExtension`.
    public init(of bytes: some DataProtocol, fileExtension: String) {
        self.init(digest: Self.digest(of: bytes), fileExtension: fileExtension.lowercased())
    }

    /// Reads `digest.ext` as written by `description`; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", maxSplits: 1)
        guard parts.count == 2, Self.isDigest(parts[0]),
            (1...5).contains(parts[1].count), parts[1].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
        else { return nil }
        self.init(digest: String(parts[0]), fileExtension: String(parts[1]))
    }

    public var fileName: String { fileExtension.isEmpty ? digest : "\(digest).\(fileExtension)" }
    public var description: String { fileName }

    /// Whether `bytes` are the ones this address names.
    public func matches(_ bytes: some DataProtocol) -> Bool {
        Self.digest(of: bytes) == digest
    }

    /// The SHA-256 of `bytes` in lower-case hex.
    public static func digest(of bytes: some DataProtocol) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// 64 lower-case hex digits: the only text from outside that reaches a file name or a key.
    public static func isDigest(_ text: some StringProtocol) -> Bool {
        text.count == 64 && text.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }
}
