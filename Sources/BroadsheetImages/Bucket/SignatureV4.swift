import Crypto
import Foundation

/// AWS Signature Version 4 for the requests Broadsheet sends to an S3-compatible bucket, in the
/// `Authorization` header: a canonical form of the request, hashed and signed with a key derived
/// from the secret, the day, the region and the service.
///
/// Written here over swift-crypto rather than taken from an SDK: four kinds of request need it,
/// and AWS's published examples check it (`SignatureV4Tests`).
public struct SignatureV4: Sendable {
    public var credentials: S3Credentials
    public var region: String
    public var service: String

    public init(credentials: S3Credentials, region: String, service: String = "s3") {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// What is signed of a request.
    public struct Request: Sendable {
        public var method: String
        /// The path as sent, each segment already encoded by `encode(_:)`.
        public var path: String
        /// Query parameters, not yet encoded.
        public var query: [(name: String, value: String)]
        /// Headers to sign, by lower-case name (`host` and `x-amz-date` at least).
        public var headers: [String: String]
        /// The SHA-256 of the body in hex (of no bytes for an empty body).
        public var payloadHash: String

        public init(
            method: String, path: String, query: [(name: String, value: String)] = [], headers: [String: String],
            payloadHash: String
        ) {
            self.method = method
            self.path = path
            self.query = query
            self.headers = headers
            self.payloadHash = payloadHash
        }
    }

    /// The step-one text: method, path, sorted query, sorted headers, their names, the body's hash.
    public func canonicalRequest(_ request: Request) -> String {
        let pairs: [(name: String, value: String)] = request.query.map {
            (Self.encode($0.name), Self.encode($0.value))
        }
        let sorted = pairs.sorted { first, second in
            first.name == second.name ? first.value < second.value : first.name < second.name
        }
        let query = sorted.map { $0.name + "=" + $0.value }.joined(separator: "&")
        var values: [String: String] = [:]
        for (name, value) in request.headers {
            values[name.lowercased()] = value.split(separator: " ").joined(separator: " ")
        }
        let names = values.keys.sorted()
        let headers = names.map { name in name + ":" + (values[name] ?? "") + "\n" }.joined()
        return [
            request.method, request.path.isEmpty ? "/" : request.path, query, headers, names.joined(separator: ";"),
            request.payloadHash,
        ].joined(separator: "\n")
    }

    /// The step-two text: the algorithm, the time, the scope and the canonical request's hash.
    public func stringToSign(canonicalRequest: String, at date: Date) -> String {
        let stamp = Self.stamp(date)
        return [
            "AWS4-HMAC-SHA256", stamp.time, scope(day: stamp.day),
            Self.hex(SHA256.hash(data: Data(canonicalRequest.utf8))),
        ].joined(separator: "\n")
    }

    /// The signature of `stringToSign` in hex, with the key of `date`'s day.
    public func signature(of stringToSign: String, at date: Date) -> String {
        let day = Self.stamp(date).day
        var key = SymmetricKey(data: Data("AWS4\(credentials.secretAccessKey)".utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        return Self.hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))
    }

    /// The `Authorization` header's value for `request` sent at `date`.
    public func authorization(for request: Request, at date: Date) -> String {
        let signature = signature(
            of: stringToSign(canonicalRequest: canonicalRequest(request), at: date), at: date)
        let names = request.headers.keys.map { $0.lowercased() }.sorted().joined(separator: ";")
        return "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope(day: Self.stamp(date).day)),"
            + "SignedHeaders=\(names),Signature=\(signature)"
    }

    private func scope(day: String) -> String {
        "\(day)/\(region)/\(service)/aws4_request"
    }

    /// `x-amz-date`'s form of `date`: `20130524T000000Z`, and its day `20130524`.
    public static func stamp(_ date: Date) -> (time: String, day: String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let day = String(format: "%04d%02d%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
        return (day + String(format: "T%02d%02d%02dZ", parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0), day)
    }

    /// Percent-encodes every byte but the unreserved `A-Z a-z 0-9 - _ . ~`, as Signature V4
    /// asks; `/` is kept when `keepingSlashes`, for paths.
    public static func encode(_ text: String, keepingSlashes: Bool = false) -> String {
        var encoded = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "/") where keepingSlashes:
                encoded.append("/")
            default:
                encoded += String(format: "%%%02X", byte)
            }
        }
        return encoded
    }

    /// The SHA-256 of `bytes` in hex: the `x-amz-content-sha256` of a body.
    public static func payloadHash(_ bytes: some DataProtocol) -> String {
        hex(SHA256.hash(data: bytes))
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}

/// The keys a bucket's requests are signed with, from the usual AWS environment variables.
public struct S3Credentials: Sendable, Hashable {
    public var accessKeyID: String
    public var secretAccessKey: String
    /// For temporary credentials (`AWS_SESSION_TOKEN`), sent as `x-amz-security-token`.
    public var sessionToken: String?

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    /// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and optionally `AWS_SESSION_TOKEN`; an error
    /// naming what is missing.
    public static func fromEnvironment(_ environment: [String: String]) throws(PageImageStoreError) -> S3Credentials {
        let missing = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"].filter { environment[$0]?.isEmpty ?? true }
        guard missing.isEmpty, let id = environment["AWS_ACCESS_KEY_ID"],
            let secret = environment["AWS_SECRET_ACCESS_KEY"]
        else {
            throw .badLocation(
                "the bucket's credentials", reason: "set \(missing.joined(separator: " and ")) in the environment")
        }
        return S3Credentials(
            accessKeyID: id, secretAccessKey: secret,
            sessionToken: environment["AWS_SESSION_TOKEN"].flatMap {
                $0.isEmpty ? nil : $0
            })
    }
}
