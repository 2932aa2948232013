import Broadsheet
import Foundation
import Hummingbird
import NIOCore

/// Who is asking, and whether they may: the account behind a request's bearer token.
struct NewsroomAccess {
    let store: any AccountStore

    /// The token's account; nil when the request carries no `Authorization`. A token that is
    /// malformed, wrong, expired or revoked is a 401, never a quiet fall-back to a reader.
    func user(_ request: Request) async throws -> User? {
        guard request.headers[.authorization] != nil else { return nil }
        guard let token = Self.bearerToken(request) else {
            throw APIError.unauthorized("expected Authorization: Bearer <token>")
        }
        guard let user = try await store.user(holdingTokenHash: Credentials.hash(token: token), at: Date()) else {
            throw APIError.unauthorized("the token is wrong, expired or revoked")
        }
        return user
    }

    /// The token after `Bearer` in `Authorization`; nil without one.
    static func bearerToken(_ request: Request) -> String? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return parts[1].trimmingCharacters(in: .whitespaces)
    }

    /// The token's account, whatever its role: 401 without a token.
    func signedIn(_ request: Request) async throws -> User {
        guard let user = try await user(request) else {
            throw APIError.unauthorized("this needs a newsroom token: Authorization: Bearer <token>")
        }
        return user
    }

    /// The account, when its role may do `action`: 401 without a token, 403 with the wrong role.
    func require(_ action: NewsroomAction, _ request: Request) async throws -> User {
        let user = try await signedIn(request)
        try Self.check(user, may: action)
        return user
    }

    static func check(_ user: User, may action: NewsroomAction) throws {
        guard user.role.may(action) else {
            throw APIError.forbidden(user.name, user.role.rawValue, action.description)
        }
    }
}

extension BroadsheetRequestContext {
    /// The change's author and address, for the audit log.
    func attribution(_ user: User) -> Attribution {
        Attribution(actor: user.name, role: user.role, address: clientAddress)
    }
}

/// Bodies read whole, up to a limit: a client cannot make the server hold more than that.
enum BodyLimit {
    /// JSON documents: an article with a long body fits many times over.
    static let jsonLimit = 1 << 20
    /// Import batches.
    static let importLimit = 32 << 20

    static func read(_ request: Request, limit: Int) async throws -> ByteBuffer {
        do {
            return try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw APIError(
                status: .contentTooLarge, code: "payload_too_large",
                message: "the body is larger than \(limit / 1024) KiB; send less at once")
        }
    }
}
