import Foundation

/// Page images kept in an S3-compatible bucket, so that several servers on one PostgreSQL
/// archive serve the same pages. The bucket holds the originals and the derivatives made at
/// import under the same keys as a folder (`PageImageKey`), below an optional prefix.
///
/// Each server keeps what it fetched in a cache folder of its own, as libvips reads files: an
/// image's bytes never change under its address, so a cached copy never goes stale. Originals
/// are checked against their digest as they arrive.
public struct PageImageBucket: PageImageStore {
    public let client: S3Client
    /// Keys are kept under `prefix/` in the bucket; empty for the bucket's top.
    public let prefix: String
    /// This machine's copies of what it fetched, laid out as the bucket is.
    public let cache: PageImageFolder

    public init(client: S3Client, prefix: String, cache: PageImageFolder) {
        self.client = client
        self.prefix = prefix.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        self.cache = cache
    }

    public var location: String { "s3://\(client.bucket)" + (prefix.isEmpty ? "" : "/\(prefix)") }

    private func objectKey(_ key: PageImageKey) -> String {
        prefix.isEmpty ? key.path : "\(prefix)/\(key.path)"
    }

    public func put(_ file: URL, at key: PageImageKey) async throws {
        let bytes: Data
        do {
            bytes = try Data(contentsOf: file, options: .mappedIfSafe)
        } catch {
            throw PageImageStoreError.unreadable(file: file.path, reason: error.localizedDescription)
        }
        try await client.put(bytes, at: objectKey(key))
        // What this server kept, it need not fetch again.
        try cache.put(file, at: key)
    }

    public func contains(_ key: PageImageKey) async throws -> Bool {
        try await client.exists(objectKey(key))
    }

    public func localFile(_ key: PageImageKey) async throws -> URL? {
        if let cached = cache.localFile(key) { return cached }
        guard let bytes = try await client.get(objectKey(key)) else { return nil }
        if let address = key.original, !address.matches(bytes) {
            throw PageImageStoreError.corrupt(
                location: location, key: key.path, digest: ImageAddress.digest(of: bytes))
        }
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("fetched-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: temporary) }
        do {
            try bytes.write(to: temporary)
        } catch {
            throw PageImageStoreError.unwritable(
                folder: temporary.deletingLastPathComponent().path, reason: error.localizedDescription)
        }
        try cache.put(temporary, at: key)
        return cache.file(at: key)
    }

    public func storedBytes(_ key: PageImageKey) async throws -> Data? {
        try await client.get(objectKey(key))
    }

    public func original(digest: String) async throws -> ImageAddress? {
        guard ImageAddress.isDigest(digest) else { return nil }
        if let cached = cache.original(digest: digest) { return cached }
        let folder = PageImageKey.originals(startingWith: digest)
        let keys = try await client.keys(startingWith: objectKey(PageImageKey(path: folder)))
        return keys.lazy.compactMap { ImageAddress(String($0.split(separator: "/").last ?? "")) }
            .first { $0.digest == digest }
    }
}

extension PageImageBucket {
    /// Reads `s3://bucket/prefix` with the endpoint and credentials of the environment: the
    /// usual AWS variables (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`,
    /// `AWS_REGION` or `AWS_DEFAULT_REGION`, `AWS_ENDPOINT_URL_S3` or `AWS_ENDPOINT_URL`), an
    /// `endpoint` given overriding theirs. Without an endpoint it is AWS's, in the region.
    public static func at(
        _ location: String, endpoint: String?, cache: URL?, environment: [String: String]
    ) throws(PageImageStoreError) -> PageImageBucket {
        guard location.hasPrefix("s3://") else {
            throw .badLocation(location, reason: "a bucket is written s3://BUCKET or s3://BUCKET/PREFIX")
        }
        let rest = location.dropFirst("s3://".count)
        let bucket = String(rest.prefix { $0 != "/" })
        let prefix = String(rest.dropFirst(bucket.count)).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        guard (3...63).contains(bucket.count),
            bucket.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == ".") })
        else {
            throw .badLocation(location, reason: "'\(bucket)' is not a bucket name (3 to 63 of a-z, 0-9, '-' and '.')")
        }
        let region = environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"] ?? "us-east-1"
        let given = endpoint ?? environment["AWS_ENDPOINT_URL_S3"] ?? environment["AWS_ENDPOINT_URL"]
        let address = given ?? "https://s3.\(region).amazonaws.com"
        guard let url = URL(string: address), url.scheme == "http" || url.scheme == "https", url.host != nil else {
            throw .badLocation(address, reason: "the S3 endpoint must be an http:// or https:// address")
        }
        let client = S3Client(
            endpoint: url, bucket: bucket, region: region,
            credentials: try S3Credentials.fromEnvironment(environment),
            // AWS's own endpoint takes the bucket in the host name, unless a dot would break TLS.
            pathStyle: given != nil || bucket.contains("."))
        let cacheRoot =
            cache
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("broadsheet-image-cache")
            .appendingPathComponent(bucket).appendingPathComponent(prefix)
        return PageImageBucket(client: client, prefix: prefix, cache: PageImageFolder(root: cacheRoot))
    }
}
