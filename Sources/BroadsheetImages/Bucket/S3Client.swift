import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The four requests Broadsheet sends to an S3-compatible bucket (put, get, head, list), each
/// signed with Signature V4 and sent with Foundation's `URLSession`.
public struct S3Client: Sendable {
    /// The service's address: `https://s3.REGION.amazonaws.com`, or another provider's or a
    /// local server's (`http://127.0.0.1:9000`).
    public var endpoint: URL
    public var bucket: String
    public var region: String
    public var credentials: S3Credentials
    /// The bucket in the path (`/bucket/key`), as MinIO, moto and most other servers expect;
    /// else in the host name (`bucket.s3.…`), as AWS prefers.
    public var pathStyle: Bool
    /// The time requests are signed with; tests give their own.
    public var now: @Sendable () -> Date

    public init(
        endpoint: URL, bucket: String, region: String, credentials: S3Credentials, pathStyle: Bool,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.endpoint = endpoint
        self.bucket = bucket
        self.region = region
        self.credentials = credentials
        self.pathStyle = pathStyle
        self.now = now
    }

    /// Stores `body` under `key`, replacing what was there.
    public func put(_ body: Data, at key: String) async throws(PageImageStoreError) {
        let (status, answer) = try await send("PUT", key: key, body: body, operation: "PutObject")
        guard (200..<300).contains(status) else { throw refusal("PutObject", key, status, answer) }
    }

    /// The bytes under `key`; nil when there are none.
    public func get(_ key: String) async throws(PageImageStoreError) -> Data? {
        let (status, answer) = try await send("GET", key: key, operation: "GetObject")
        // No such key is an answer; no such bucket is a misconfiguration to name.
        if status == 404, S3XML.texts(of: "Code", in: answer).first != "NoSuchBucket" { return nil }
        guard (200..<300).contains(status) else { throw refusal("GetObject", key, status, answer) }
        return answer
    }

    /// Whether anything is kept under `key`.
    public func exists(_ key: String) async throws(PageImageStoreError) -> Bool {
        let (status, answer) = try await send("HEAD", key: key, operation: "HeadObject")
        if status == 404 { return false }
        guard (200..<300).contains(status) else { throw refusal("HeadObject", key, status, answer) }
        return true
    }

    /// The keys starting with `prefix` (the first thousand: Broadsheet lists one image's keys).
    public func keys(startingWith prefix: String) async throws(PageImageStoreError) -> [String] {
        let (status, answer) = try await send(
            "GET", key: "", query: [("list-type", "2"), ("prefix", prefix)], operation: "ListObjectsV2")
        guard (200..<300).contains(status) else { throw refusal("ListObjectsV2", prefix, status, answer) }
        return S3XML.texts(of: "Key", in: answer)
    }

    /// Makes the bucket (for a new installation and the tests); one that is already ours is fine.
    public func createBucket() async throws(PageImageStoreError) {
        let (status, answer) = try await send("PUT", key: "", operation: "CreateBucket")
        let code = S3XML.texts(of: "Code", in: answer).first
        guard (200..<300).contains(status) || code == "BucketAlreadyOwnedByYou" else {
            throw refusal("CreateBucket", "", status, answer)
        }
    }

    private func send(
        _ method: String, key: String, query: [(String, String)] = [], body: Data = Data(), operation: String
    ) async throws(PageImageStoreError) -> (Int, Data) {
        let base = endpoint.path.hasSuffix("/") ? String(endpoint.path.dropLast()) : endpoint.path
        let path =
            base + (pathStyle ? "/" + SignatureV4.encode(bucket) : "") + "/"
            + SignatureV4.encode(key, keepingSlashes: true)
        let host = hostHeader(pathStyle ? endpoint.host ?? "" : "\(bucket).\(endpoint.host ?? "")")
        let encodedQuery = query.map { "\(SignatureV4.encode($0.0))=\(SignatureV4.encode($0.1))" }
            .joined(separator: "&")
        let address =
            "\(endpoint.scheme ?? "https")://\(host)\(path)" + (encodedQuery.isEmpty ? "" : "?" + encodedQuery)
        guard let url = URL(string: address) else {
            throw .badLocation(address, reason: "not a URL a request can be sent to")
        }
        let date = now()
        let payloadHash = SignatureV4.payloadHash(body)
        var headers = ["host": host, "x-amz-date": SignatureV4.stamp(date).time, "x-amz-content-sha256": payloadHash]
        if let token = credentials.sessionToken { headers["x-amz-security-token"] = token }
        let authorization = SignatureV4(credentials: credentials, region: region).authorization(
            for: SignatureV4.Request(
                method: method, path: path, query: query.map { (name: $0.0, value: $0.1) }, headers: headers,
                payloadHash: payloadHash),
            at: date)
        var request = URLRequest(url: url)
        request.httpMethod = method
        for (name, value) in headers where name != "host" { request.setValue(value, forHTTPHeaderField: name) }
        request.setValue(authorization, forHTTPHeaderField: "Authorization")
        do {
            let (data, response) =
                method == "PUT"
                ? try await URLSession.shared.upload(for: request, from: body)
                : try await URLSession.shared.data(for: request)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
        } catch {
            throw .bucketUnreachable(operation: operation, bucket: bucket, key: key, reason: error.localizedDescription)
        }
    }

    /// `host` or `host:port`, as the request's `Host` header carries it.
    private func hostHeader(_ host: String) -> String {
        endpoint.port.map { "\(host):\($0)" } ?? host
    }

    private func refusal(_ operation: String, _ key: String, _ status: Int, _ answer: Data) -> PageImageStoreError {
        let code = S3XML.texts(of: "Code", in: answer).first
        let message = S3XML.texts(of: "Message", in: answer).first
        return .bucketRefused(
            operation: operation, bucket: bucket, key: key, status: status,
            message: [code, message].compactMap { $0 }.joined(separator: ": "))
    }
}
