import Broadsheet
import BroadsheetSQLite
import BroadsheetWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Three accounts, one of each role, with a token each and the password "correct horse battery"
/// (bcrypt at the lowest cost, so tests stay fast).
struct Newsroom: Sendable {
    static let password = "correct horse battery"
    var tokens: [Role: String]

    func token(_ role: Role) -> String { tokens[role]! }

    /// Adds `admin`, `editor` and `contributor` to `store`.
    static func accounts(in store: any ArticleStore) async throws -> Newsroom {
        var tokens: [Role: String] = [:]
        let hash = try await Credentials.hash(password: password, cost: 4)
        for role in Role.allCases {
            _ = try await store.addUser(
                name: role.rawValue, role: role, passwordHash: hash, by: Attribution(actor: "test"))
            let token = Credentials.newToken()
            _ = try await store.addToken(
                NewToken(userName: role.rawValue, label: "test", hash: Credentials.hash(token: token), expiresAt: nil),
                by: Attribution(actor: "test"))
            tokens[role] = token
        }
        return Newsroom(tokens: tokens)
    }

    /// The fixture archive behind the app, with the accounts.
    static func withApp(
        signInPolicy: SignInPolicy = SignInPolicy(), signInClock: SignInClock = .continuous,
        passwordChecks: PasswordChecks = PasswordChecks(), configuration: ServerConfiguration = ServerConfiguration(),
        _ test: @Sendable (any TestClientProtocol, WebFixture.Archive, Newsroom) async throws -> Void
    ) async throws {
        let newsroom = Locked<Newsroom?>(nil)
        try await WebFixture.withApp(
            signInPolicy: signInPolicy, signInClock: signInClock, passwordChecks: passwordChecks,
            configuration: configuration,
            extra: { store in
                newsroom.set(try await accounts(in: store))
                try await WebFixture.printPages(store)
            }
        ) { client, archive in
            try await test(client, archive, newsroom.get()!)
        }
    }
}

/// A value set once from a closure and read in another.
final class Locked<Value: Sendable>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func set(_ value: Value) { lock.withLock { self.value = value } }
    func get() -> Value { lock.withLock { value } }
    func update(_ change: (inout Value) -> Void) { lock.withLock { change(&value) } }
}

extension TestClientProtocol {
    /// A request as a newsroom tool sends it: an optional token, a JSON (or other) body, extra headers.
    func send(
        _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: String? = nil,
        body: String? = nil, contentType: String? = nil, headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        if json != nil { headers[.contentType] = "application/json" }
        if let contentType { headers[.contentType] = contentType }
        return try await execute(
            uri: uri, method: method, headers: headers, body: (json ?? body).map { ByteBuffer(string: $0) })
    }
}

extension TestResponse {
    /// The `{"error": {"code", "message"}}` of a failure.
    func apiError() throws -> [String: String] {
        try #require(try json()["error"] as? [String: String], "expected an error, got \(status): \(text)")
    }
}
