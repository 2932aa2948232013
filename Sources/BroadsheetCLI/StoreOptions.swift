import ArgumentParser
import Broadsheet
import BroadsheetImages
import BroadsheetPostgres
import BroadsheetSQLite
import Foundation

/// `--db`: which archive a command works on.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: "A SQLite file path or a postgres:// URL (default: $BROADSHEET_DB, else ./broadsheet.sqlite).")
    var database: String?

    @Option(name: .customLong("db-pool"), help: "The most connections a PostgreSQL archive is given at once.")
    var poolSize: Int = 10

    @Option(
        name: .customLong("images"),
        help: """
            Where printed pages' images are kept: a folder, or an S3-compatible bucket as s3://BUCKET/PREFIX \
            (default: $BROADSHEET_IMAGES, else beside a SQLite file as NAME.images; with PostgreSQL, a folder \
            every server reads or a bucket). A bucket's credentials and region come from AWS_ACCESS_KEY_ID, \
            AWS_SECRET_ACCESS_KEY and AWS_REGION.
            """)
    var imagesLocation: String?

    @Option(
        name: .customLong("s3-endpoint"),
        help: """
            The S3-compatible service of an s3:// --images, e.g. http://127.0.0.1:9000 (default: \
            $AWS_ENDPOINT_URL_S3 or $AWS_ENDPOINT_URL, else AWS's in AWS_REGION).
            """)
    var s3Endpoint: String?

    @Option(
        name: .customLong("image-cache"),
        help: "Where this machine keeps the page images it fetched from a bucket (default: a folder under $TMPDIR).")
    var imageCache: String?

    /// Where page images are kept: the flag, else `BROADSHEET_IMAGES`, else beside a SQLite file;
    /// nil for a PostgreSQL archive given no place.
    func images() throws -> (any PageImageStore)? {
        let environment = ProcessInfo.processInfo.environment
        guard let location = imagesLocation ?? environment["BROADSHEET_IMAGES"] else {
            return PostgresLocation.isURL(self.location) ? nil : PageImageFolder.beside(database: self.location)
        }
        if location.hasPrefix("s3://") {
            do {
                return try PageImageBucket.at(
                    location, endpoint: s3Endpoint,
                    cache: imageCache.map { URL(fileURLWithPath: $0, isDirectory: true) }, environment: environment)
            } catch {
                throw ValidationError("--images: \(error)")
            }
        }
        return PageImageFolder(root: URL(fileURLWithPath: location, isDirectory: true))
    }

    /// The flag, else `BROADSHEET_DB`, else the default file.
    var location: String {
        database ?? ProcessInfo.processInfo.environment["BROADSHEET_DB"] ?? "./broadsheet.sqlite"
    }

    /// The location as messages and logs show it: a URL loses its password.
    var displayLocation: String {
        (try? PostgresLocation(url: location).redacted) ?? location
    }

    func validate() throws {
        guard poolSize >= 1 else { throw ValidationError("--db-pool must be at least 1, got \(poolSize)") }
    }

    /// The archive, not yet running: a PostgreSQL store's pool runs once its owner runs it
    /// (`withStore`, or a server's services).
    func makeStore() throws -> any ArticleStore {
        PostgresLocation.isURL(location)
            ? PostgresStore(location: try PostgresLocation(url: location), poolSize: poolSize)
            : try SQLiteStore(path: location)
    }

    /// Opens the archive, brings its schema up to date unless `migrating` is false, runs `body`
    /// with it and closes it, whether `body` succeeds or throws. A PostgreSQL store's pool runs in
    /// a child task for as long as `body` does.
    func withStore<T>(migrating: Bool = true, _ body: (any ArticleStore) async throws -> T) async throws -> T {
        let store = try makeStore()
        if let postgres = store as? PostgresStore {
            return try await postgres.withRunning { try await Self.use($0, migrating: migrating, body) }
        }
        return try await Self.use(store, migrating: migrating, body)
    }

    private static func use<T>(
        _ store: any ArticleStore, migrating: Bool, _ body: (any ArticleStore) async throws -> T
    ) async throws -> T {
        do {
            if migrating { try await store.migrate() }
            let result = try await body(store)
            try await store.close()
            return result
        } catch {
            try? await store.close()
            throw error
        }
    }
}
