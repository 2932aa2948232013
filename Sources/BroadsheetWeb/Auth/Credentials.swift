import Crypto
import Foundation
import HummingbirdBcrypt
import NIOPosix

/// How newsroom secrets are made and checked: API tokens are 256 random bits shown once and
/// stored only as their SHA-256; passwords are stored as bcrypt hashes.
public enum Credentials {
    /// What every token starts with, so a leaked one is easy to recognise in logs and scanners.
    public static let tokenPrefix = "bst_"

    /// A new token: the prefix and 32 bytes from the system's secure generator, base64url.
    public static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let text = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return tokenPrefix + text
    }

    /// The lowercase hex SHA-256 of a token: what the store keeps and looks tokens up by. A fast
    /// hash is right here: tokens carry 256 bits, so there is nothing to guess.
    public static func hash(token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// What is wrong with a new password, or nil: at least 12 characters, and at most 72 bytes,
    /// as bcrypt reads no further (a longer one would be cut without a word).
    public static func passwordProblem(_ password: String) -> String? {
        if password.count < 12 { return "expected a password of at least 12 characters" }
        if password.utf8.count > 72 { return "expected a password of at most 72 bytes (bcrypt reads no further)" }
        return nil
    }

    /// A bcrypt hash of `password`, computed on NIO's thread pool, off the cooperative pool (it is
    /// slow on purpose). `cost` is log2 of the rounds; 12 takes a few hundred milliseconds. Throws
    /// when the pool is shut down or the task is cancelled: nothing was hashed.
    public static func hash(password: String, cost: UInt8 = 12) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// A real bcrypt hash of a secret no one knows, checked when an account does not exist, so a
    /// wrong name takes as long to refuse as a wrong password.
    static let decoyHash = Bcrypt.hash(UUID().uuidString, cost: 12)

    /// Whether `password` is the one `hash` was made from, checked on NIO's thread pool. With no
    /// hash (no such account, or one without a password) it checks the decoy and says no, taking
    /// as long as a real check. Sign-ins call it through `PasswordChecks`, which bounds how many run.
    public static func verify(password: String, hash: String?) async -> Bool {
        // A pool that is shut down, or a cancelled sign-in: nothing was checked, so no one is let in.
        (try? await NIOThreadPool.singleton.runIfActive {
            guard let hash else {
                _ = Bcrypt.verify(password, hash: decoyHash)
                return false
            }
            return Bcrypt.verify(password, hash: hash)
        }) ?? false
    }
}
