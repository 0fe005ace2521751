// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "imr-redact",
    products: [
        .executable(name: "imr-redact", targets: ["imr-redact"]),
        .library(name: "IMRRedactKit", targets: ["IMRRedactKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // The pseudonym vault (SQLite through the system's libsqlite3; Debian: libsqlite3-dev).
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // libpcre2-8 from the system (Debian: libpcre2-dev).
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"])]
        ),
        // poppler-cpp from the system (Debian: libpoppler-cpp-dev) behind a thin extern "C" face,
        // so that no Swift target needs C++ interoperability: PDF text as `pdftotext -layout`
        // gives it, and the document's metadata.
        .target(
            name: "CPoppler",
            linkerSettings: [.linkedLibrary("poppler-cpp")]
        ),
        // Build-time tool that turns Patterns/**/*.yaml into a Swift source file, so the
        // default rules travel inside the binary.
        .executableTarget(name: "EmbedPatternsTool"),
        .plugin(
            name: "EmbedPatterns",
            capability: .buildTool(),
            dependencies: ["EmbedPatternsTool"]
        ),
        .target(
            name: "IMRRedactKit",
            dependencies: [
                "CPCRE2",
                "CPoppler",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            plugins: ["EmbedPatterns"]
        ),
        .executableTarget(
            name: "imr-redact",
            dependencies: [
                "IMRRedactKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmark driver (not a test): prints MB/s, peak RSS and ratios.
        .executableTarget(
            name: "imr-bench",
            dependencies: ["IMRRedactKit", "CPCRE2"],
            path: "Benchmarks/imr-bench"
        ),
        // libFuzzer target over the parser and the redaction pipeline (scripts/fuzz.sh builds it
        // with -sanitize=fuzzer); a plain build replays files through the same checks.
        .executableTarget(
            name: "imr-fuzz",
            dependencies: ["IMRRedactKit"],
            path: "Fuzz/imr-fuzz",
            exclude: ["letters.dict"]
        ),
        .target(
            name: "IMRTestSupport",
            dependencies: ["IMRRedactKit"],
            path: "Tests/IMRTestSupport"
        ),
        .testTarget(
            name: "IMRRedactKitTests",
            dependencies: ["IMRRedactKit", "IMRTestSupport"],
            // Read from the package folder at run time (Fixtures.packageRoot), not bundled.
            exclude: ["Reference", "Probes"]
        ),
        .testTarget(
            name: "IMRRedactCLITests",
            dependencies: [
                "IMRRedactKit", "IMRTestSupport",
                // Reads every table of a vault (OutputChannelTests).
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
