import BroadsheetImages
import Foundation
import Testing

/// What only a bucket does: several servers, each with a cache of its own, share its images; and
/// what goes wrong names the bucket, the key and the HTTP status.
@Suite(.timeLimit(.minutes(10))) struct PageImageBucketTests {
    @Test func aSecondServerFetchesIntoItsOwnCacheAndRefusesCorruptBytes() async throws {
        try await TestImageStore.with(.bucket) { test in
            let first = try #require(test.store as? PageImageBucket)
            let address = try await first.keep(try test.picture("page.ppm"))
            let second = try await TestImageStore.bucket(
                cache: test.scratch.appendingPathComponent("second-cache"), name: first.client.bucket)

            #expect(second.cache.original(digest: address.digest) == nil)
            #expect(try await second.original(digest: address.digest) == address, "found by listing the bucket")
            let fetched = try #require(try await second.localFile(for: address))
            #expect(fetched == second.cache.file(for: address))
            #expect(address.matches(try Data(contentsOf: fetched)))

            // The bucket's copy of another page goes bad before a third server first asks for it.
            let other = try await first.keep(try test.picture("other.ppm", shade: 120))
            try await first.client.put(
                Data("tampered".utf8), at: "broadsheet/pages/\(PageImageKey.original(other).path)")
            await #expect {
                _ = try await second.localFile(for: other)
            } throws: { error in
                guard case .corrupt(let location, let key, _)? = error as? PageImageStoreError else { return false }
                return location == "s3://\(first.client.bucket)/broadsheet/pages"
                    && key == PageImageKey.original(other).path
            }
            #expect(second.cache.original(digest: other.digest) == nil, "nothing corrupt is cached")
        }
    }

    @Test func aRefusalNamesTheBucketTheKeyAndTheStatus() async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("bucket-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let absent = try PageImageBucket.at(
            "s3://no-such-bucket-\(UUID().uuidString.lowercased().prefix(8))/pages",
            endpoint: try TestImageStore.endpoint(), cache: scratch, environment: TestImageStore.environment)
        await #expect {
            _ = try await absent.client.put(Data("x".utf8), at: "pages/ab/x.jpg")
        } throws: { error in
            guard
                case .bucketRefused(let operation, let bucket, let key, let status, _)? = error as? PageImageStoreError
            else { return false }
            return operation == "PutObject" && bucket == absent.client.bucket && key == "pages/ab/x.jpg"
                && status == 404 && "\(error)".contains("s3://\(bucket)/pages/ab/x.jpg")
        }
        // A check of a bucket that is not there says so, rather than calling every image missing.
        let address = ImageAddress(digest: String(repeating: "1", count: 64), fileExtension: "jpg")
        await #expect {
            _ = try await absent.check(address)
        } throws: { error in
            guard case .bucketRefused("GetObject", _, _, 404, let message)? = error as? PageImageStoreError else {
                return false
            }
            return message.hasPrefix("NoSuchBucket")
        }
    }

    @Test(arguments: [
        ("s3:/pages", "s3://BUCKET"), ("s3://Pages/x", "not a bucket name"), ("s3://ab", "not a bucket name"),
        ("s3://pages", "AWS_ACCESS_KEY_ID"),
    ])
    func badLocationsAreRefusedByName(location: String, named: String) {
        #expect {
            _ = try PageImageBucket.at(location, endpoint: nil, cache: nil, environment: [:])
        } throws: { error in
            "\(error)".contains(named)
        }
    }

    @Test func theEndpointAndRegionComeFromTheEnvironmentUnlessGiven() throws {
        var environment = TestImageStore.environment
        environment["AWS_REGION"] = "eu-west-2"
        let aws = try PageImageBucket.at("s3://pages.example/p", endpoint: nil, cache: nil, environment: environment)
        #expect(aws.client.endpoint.absoluteString == "https://s3.eu-west-2.amazonaws.com")
        #expect(aws.client.pathStyle, "a dotted bucket name stays out of the TLS host name")
        #expect(aws.location == "s3://pages.example/p")
        environment["AWS_ENDPOINT_URL_S3"] = "http://127.0.0.1:9000"
        let local = try PageImageBucket.at("s3://pages/", endpoint: nil, cache: nil, environment: environment)
        #expect(local.client.endpoint.absoluteString == "http://127.0.0.1:9000" && local.client.pathStyle)
        #expect(local.prefix == "" && local.location == "s3://pages")
        let given = try PageImageBucket.at(
            "s3://pages", endpoint: "http://10.0.0.9:9000", cache: nil, environment: environment)
        #expect(given.client.endpoint.host == "10.0.0.9")
    }
}
