import BroadsheetImages
import Foundation
import Testing

/// The two kinds of page image store the tests run on: a folder, and a bucket of the
/// S3-compatible server in `BROADSHEET_TEST_S3_ENDPOINT` (scripts/with-s3 starts moto's).
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case folder, bucket

    var testDescription: String { rawValue }
}

/// A store of `kind` in a fresh temporary folder (and, for a bucket, a fresh bucket), removed after `body`.
struct TestImageStore: Sendable {
    static let endpointVariable = "BROADSHEET_TEST_S3_ENDPOINT"

    let kind: StoreKind
    let store: any PageImageStore
    /// Pictures to keep are written here; a bucket's cache is here too.
    let scratch: URL

    /// Why there is no bucket, in words that say how to get one.
    struct MissingServer: Error, CustomStringConvertible {
        var description: String {
            "\(TestImageStore.endpointVariable) is not set, so the bucket half of the image store tests cannot run. "
                + "Run the suite with scripts/test, or `scripts/with-s3 swift test`, which start a throwaway "
                + "S3-compatible server (moto); `swift test --filter folder` runs the folder's tests alone."
        }
    }

    static func with(_ kind: StoreKind, _ body: (TestImageStore) async throws -> Void) async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("images-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        switch kind {
        case .folder:
            try await body(
                TestImageStore(
                    kind: kind, store: PageImageFolder(root: scratch.appendingPathComponent("paper.images")),
                    scratch: scratch))
        case .bucket:
            let bucket = try await Self.bucket(cache: scratch.appendingPathComponent("cache"))
            try await body(TestImageStore(kind: kind, store: bucket, scratch: scratch))
        }
    }

    /// A new bucket on the test server with a prefix, its cache in `cache`.
    static func bucket(cache: URL, name: String? = nil) async throws -> PageImageBucket {
        let bucket = name ?? "pages-" + UUID().uuidString.lowercased().prefix(18)
        let store = try PageImageBucket.at(
            "s3://\(bucket)/broadsheet/pages", endpoint: try endpoint(), cache: cache, environment: environment)
        try await store.client.createBucket()
        return store
    }

    static func endpoint() throws -> String {
        guard let endpoint = ProcessInfo.processInfo.environment[endpointVariable] else { throw MissingServer() }
        return endpoint
    }

    /// The credentials the test server takes (moto takes any).
    static let environment = [
        "AWS_ACCESS_KEY_ID": "broadsheet-test", "AWS_SECRET_ACCESS_KEY": "broadsheet-test-secret",
        "AWS_REGION": "us-east-1",
    ]

    /// A `width` × `height` picture in two colours, as a binary PPM, named `name`.
    func picture(_ name: String, width: Int = 400, height: Int = 300, shade: UInt8 = 30) throws -> URL {
        var bytes = Data("P6\n\(width) \(height)\n255\n".utf8)
        for _ in 0..<height {
            for x in 0..<width { bytes.append(contentsOf: x < width / 2 ? [200, shade, shade] : [240, 240, 240]) }
        }
        let file = scratch.appendingPathComponent(name)
        try bytes.write(to: file)
        return file
    }
}
