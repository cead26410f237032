// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "parledger",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "parledger", targets: ["parledger"]),
        // libFuzzer's target for the parsers and decoders; tools/fuzz builds it with -sanitize=fuzzer.
        .executable(name: "parledger-fuzz", targets: ["parledger-fuzz"]),
        .library(name: "LedgerCore", targets: ["LedgerCore"]),
        .library(name: "Appraisal", targets: ["Appraisal"]),
        .library(name: "Projections", targets: ["Projections"]),
        .library(name: "LedgerStore", targets: ["LedgerStore"]),
        .library(name: "SQLiteStore", targets: ["SQLiteStore"]),
        .library(name: "PostgresStore", targets: ["PostgresStore"]),
        .library(name: "Application", targets: ["Application"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
    ],
    targets: [
        .target(
            name: "LedgerCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(name: "Appraisal", dependencies: ["LedgerCore"]),
        .target(name: "LedgerStore", dependencies: ["LedgerCore"]),
        // Figures, dates and tables as a Vietnamese (or English) reader writes them; pure.
        .target(name: "Presentation", dependencies: ["LedgerCore"]),
        .target(name: "Projections", dependencies: ["Appraisal", "LedgerCore", "LedgerStore", "Presentation"]),
        .target(
            name: "SQLiteStore",
            dependencies: ["LedgerStore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // Debian's C libraries for documents: libxlsxwriter writes XLSX, libqrencode draws QR codes,
        // zlib compresses the QR code's PNG.
        .systemLibrary(
            name: "CXLSXWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        .systemLibrary(name: "CQREncode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        .systemLibrary(name: "SystemZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // The documents a council signs, in HTML, PDF, XLSX and CSV, and reading them back to verify.
        .target(
            name: "Documents",
            dependencies: [
                "LedgerCore", "Appraisal", "Presentation", "CXLSXWriter", "CQREncode", "SystemZlib",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // Every act and every read, for both front ends: opening ledgers, typed acts, reports.
        .target(
            name: "Application",
            dependencies: [
                "LedgerCore", "Appraisal", "LedgerStore", "Projections", "SQLiteStore", "PostgresStore", "Presentation",
                "Documents", .product(name: "Crypto", package: "swift-crypto"),
                // scrypt, which derives a key file's sealing key from its passphrase.
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // The HTTP API and the web UI, a library so tests build the application without the CLI.
        .target(
            name: "Server",
            dependencies: [
                "LedgerCore", "Appraisal", "LedgerStore", "Projections", "Application", "Documents", "Presentation",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Web"), .copy("OpenAPI/openapi.json")]
        ),
        .target(
            name: "PostgresStore",
            dependencies: [
                "LedgerStore", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The ledgers parledger writes by itself: the demo's campaign, and the benchmarks' larger ones.
        .target(name: "LedgerScenarios", dependencies: ["LedgerCore", "Appraisal", "LedgerStore", "Projections"]),
        .executableTarget(
            name: "parledger",
            dependencies: [
                "LedgerCore", "Appraisal", "LedgerStore", "SQLiteStore", "PostgresStore", "Projections", "Server",
                "Application", "LedgerScenarios", "Presentation", "Documents",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        // The benchmarks (tools/PERFORMANCE.md), a binary of their own: `swift run -c release parledger-bench`.
        .executableTarget(
            name: "parledger-bench",
            dependencies: [
                "LedgerCore", "Appraisal", "LedgerStore", "SQLiteStore", "PostgresStore", "Projections", "Application",
                "LedgerScenarios", "Documents", "Presentation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Properties of the parsers and payload decoders, checked on libFuzzer's inputs (tools/fuzz);
        // built without -DFUZZING, it replays the files it is given.
        .executableTarget(name: "parledger-fuzz", dependencies: ["LedgerCore", "Appraisal"]),
        // Fixtures shared by the store conformance suite and the CLI tests, and the PostgreSQL test server's URLs.
        .target(
            name: "LedgerTestSupport",
            dependencies: ["LedgerCore", "Appraisal", "LedgerStore", "SQLiteStore", "PostgresStore"],
            path: "Tests/LedgerTestSupport"
        ),
        .testTarget(name: "LedgerCoreTests", dependencies: ["LedgerCore"]),
        .testTarget(
            name: "AppraisalTests",
            dependencies: ["Appraisal", "LedgerCore", "LedgerStore", "LedgerTestSupport"]
        ),
        .testTarget(
            name: "DocumentsTests",
            dependencies: ["Documents", "Presentation", "Projections", "LedgerCore", "Appraisal"]
        ),
        .testTarget(
            name: "ProjectionsTests",
            dependencies: [
                "Projections", "Appraisal", "LedgerCore", "LedgerStore", "LedgerTestSupport", "LedgerScenarios",
            ]
        ),
        .testTarget(
            name: "LedgerStoreTests",
            dependencies: ["LedgerStore", "SQLiteStore", "PostgresStore", "LedgerTestSupport"]
        ),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server", "Application", "LedgerCore", "Appraisal", "LedgerStore", "SQLiteStore", "Projections",
                "LedgerTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ]
        ),
        .testTarget(
            name: "ParledgerCLITests",
            dependencies: [
                "parledger", "parledger-fuzz", "LedgerCore", "Appraisal", "LedgerStore", "SQLiteStore",
                "PostgresStore", "LedgerTestSupport", "Presentation", "Application",
            ]
        ),
    ]
)

// One place turns on the strictness every target shares (as swift-log and Hummingbird do).
for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(contentsOf: [
        .swiftLanguageMode(.v6),
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("MemberImportVisibility"),
        .enableUpcomingFeature("InternalImportsByDefault"),
        .unsafeFlags(["-warnings-as-errors"]),
    ])
    target.swiftSettings = settings
}
