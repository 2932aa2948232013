// swift-tools-version:6.1
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "broadsheet",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "broadsheet", targets: ["BroadsheetMain"]),
        .library(name: "Broadsheet", targets: ["Broadsheet"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        // bcrypt for newsroom passwords: the framework's own, maintained with it, so no C of ours.
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        // SHA-256 of API tokens (already in the graph through Hummingbird's dependencies).
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        // ZIP batches sent to POST /api/v1/import.
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        // Running poppler's pdftotext for a PDF's text layer, awaited without blocking a thread:
        // its GPL code stays out of our binary.
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.2"),
        // NIOThreadPool, where page images are made: libvips's calls block.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        // NIOHTTPTypes: the HTTP parts a channel handler in front of the router reads and writes.
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
    ],
    targets: [
        // The newsroom's words, with no I/O and no framework.
        .target(name: "Broadsheet", swiftSettings: strictSettings),
        // Readers and writers of the trade's formats: pure functions of bytes.
        .target(
            name: "BroadsheetFormats",
            dependencies: [
                "Broadsheet", .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings),
        // The embedded store: one SQLite file, FTS5.
        .target(
            name: "BroadsheetSQLite",
            dependencies: ["Broadsheet", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSettings
        ),
        // The shared store: one PostgreSQL database behind several servers, tsvector search.
        .target(
            name: "BroadsheetPostgres",
            dependencies: [
                "Broadsheet",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // Moving articles between files and a store: imports with per-article outcomes and a
        // summary, exports that stream.
        .target(
            name: "BroadsheetImport",
            dependencies: [
                "Broadsheet", "BroadsheetFormats", "BroadsheetImages",
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        // The reader site and the JSON API.
        .target(
            name: "BroadsheetWeb",
            dependencies: [
                "Broadsheet", "BroadsheetFormats", "BroadsheetImport", "BroadsheetImages",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: strictSettings
        ),
        // The commands behind the `broadsheet` executable, as a library so tests can run them.
        .target(
            name: "BroadsheetCLI",
            dependencies: [
                "Broadsheet", "BroadsheetFormats", "BroadsheetSQLite", "BroadsheetPostgres", "BroadsheetWeb",
                "BroadsheetImport", "BroadsheetImages",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Demo")],
            swiftSettings: strictSettings
        ),
        // libvips (Debian's libvips-dev) for page images, behind a shim with fixed arguments:
        // Swift cannot call its variadic C functions.
        .systemLibrary(name: "CVips", pkgConfig: "vips", providers: [.apt(["libvips-dev"])]),
        .target(name: "CVipsShim", dependencies: ["CVips"]),
        // Printed pages as readers see them: IIIF Image API requests, crops, scales and encodings.
        .target(
            name: "BroadsheetImages",
            dependencies: [
                "CVipsShim", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strictSettings),
        .executableTarget(
            name: "BroadsheetMain", dependencies: ["BroadsheetCLI"], swiftSettings: strictSettings,
            // jemalloc (Debian's libjemalloc-dev) in place of glibc's malloc, whose arenas were a
            // twelfth of a static export's CPU on two cores.
            linkerSettings: [.linkedLibrary("jemalloc", .when(platforms: [.linux]))]),
        // The benchmark's anchors below Broadsheet: Hummingbird, or NIO alone, serving one page from memory.
        .executableTarget(
            name: "bare-page-server",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Benchmarks/BarePageServer"),

        // What the test targets share: running a program without blocking the cooperative pool.
        .target(name: "BroadsheetTestSupport", path: "Tests/BroadsheetTestSupport"),
        .testTarget(name: "BroadsheetTests", dependencies: ["Broadsheet", "BroadsheetTestSupport"]),
        .testTarget(name: "BroadsheetImagesTests", dependencies: ["BroadsheetImages"]),
        .testTarget(
            name: "BroadsheetFormatsTests",
            dependencies: ["Broadsheet", "BroadsheetFormats", "BroadsheetTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "BroadsheetImportTests",
            dependencies: [
                "Broadsheet", "BroadsheetImport", "BroadsheetSQLite", "BroadsheetFormats", "BroadsheetImages",
                "BroadsheetTestSupport",
                // A small feed server on 127.0.0.1 for the fetching and polling tests.
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                // Reads back the ZIP files `ZIPWriter` packs.
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // One suite for every store, run on SQLite and on PostgreSQL, and each store's own tests.
        .testTarget(
            name: "BroadsheetStoreTests",
            dependencies: [
                "Broadsheet", "BroadsheetSQLite", "BroadsheetPostgres", "BroadsheetFormats",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .testTarget(
            name: "BroadsheetWebTests",
            dependencies: [
                "Broadsheet", "BroadsheetWeb", "BroadsheetSQLite", "BroadsheetPostgres", "BroadsheetFormats",
                "BroadsheetImport", "BroadsheetImages", "BroadsheetTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "BroadsheetCLITests",
            dependencies: [
                "BroadsheetCLI", "BroadsheetSQLite", "BroadsheetPostgres", "Broadsheet", "BroadsheetWeb",
                "BroadsheetTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]),
    ]
)
