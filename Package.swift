// swift-tools-version:6.2
import PackageDescription

// Only the versions mirrored on our build machines resolve (see docs/ARCHITECTURE.md).
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
    name: "collegium",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "collegium", targets: ["collegium"])
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        // Signs course certificates (Open Badges 3.0 VC-JWT, RS256) and publishes their keys.
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.7.1"),
        // The SMTP client (Sources/SMTP, issue 17): sockets and TLS, and DKIM's RSA and Ed25519.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        // Page snapshots (Tests/PageSnapshotTests): only its SnapshotTesting library is built.
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing.git", from: "1.19.7"),
    ],
    targets: [
        // The CommonMark reference implementation (cmark 0.30.2, BSD-2-Clause), vendored
        // from Debian's source package so that a fresh machine builds it with no system
        // library (see Sources/CMark/README.md).
        .target(
            name: "CMark",
            exclude: ["COPYING", "README.md", "case_fold_switch.inc", "entities.inc"],
            publicHeadersPath: "include"
        ),
        // Plot 0.14.0 (MIT), vendored so that every attribute value is escaped in the one
        // place all of them are written (upstream writes them as given; issue 14). Swift 5
        // language mode: it is upstream's code, not written for strict concurrency. See
        // Sources/Plot/README.md.
        .target(name: "Plot", exclude: ["LICENSE", "README.md"], swiftSettings: [.swiftLanguageMode(.v5)]),
        // Pure Swift (and cmark): algorithms and value types. No Vapor, no Fluent.
        .target(name: "Domain", dependencies: ["CMark"], swiftSettings: strict),
        // An SMTP client with DKIM signing on SwiftNIO (issue 17): no Vapor, no Fluent, no App;
        // the App wraps it. See Sources/SMTP/README.md.
        .target(
            name: "SMTP",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        .target(
            name: "App",
            dependencies: [
                "Domain",
                "SMTP",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                "Plot",
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "JWTKit", package: "jwt-kit"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "collegium",
            dependencies: [
                "App",
                .product(name: "Vapor", package: "vapor"),
            ],
            swiftSettings: strict
        ),
        // `benchmarks/survey-report`: the survey report from kept counts, on Domain alone
        // (so its release build does not need the web stack).
        .executableTarget(name: "survey-report-bench", dependencies: ["Domain"], path: "Sources/SurveyReportBench", swiftSettings: strict),
        .testTarget(name: "DomainTests", dependencies: ["Domain"], resources: [.copy("Resources")], swiftSettings: strict),
        // Against an SMTP server in the test process; Resources holds test-only keys and certificates.
        .testTarget(
            name: "SMTPTests",
            dependencies: [
                "SMTP",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AppTests",
            dependencies: [
                "App",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "JWTKit", package: "jwt-kit"),
            ],
            swiftSettings: strict
        ),
        // The busiest pages rendered from `.mock` models, without a database or a server,
        // compared with the HTML kept in __Snapshots__ (issue 16, point 8).
        .testTarget(
            name: "PageSnapshotTests",
            dependencies: [
                "App",
                .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
            ],
            exclude: ["__Snapshots__"],
            swiftSettings: strict
        ),
    ]
)
