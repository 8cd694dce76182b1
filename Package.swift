// swift-tools-version:6.0
import PackageDescription

// The layers run one way, and the compiler enforces it: each target depends only on those below.
//   TrackLintParsing    HTML (libxml2), MIME and mbox, URLs, source text
//   TrackLintPlatforms  platform and gateway knowledge
//   TrackLint           analysis, rules, the engine and the public API
//   TrackLintReporters  every output format, the HTML report included
//   TrackLintOnline     `--online` only: DNS, TLS and HSTS lookups of tracking hosts (the only network code)
//   TrackLintServer     the language server (LSP over a byte stream), beside the reporters
//   TrackLintCLI        argument parsing, commands, file collection
//   tracklint           the executable (main.swift, and the progress line it draws on the terminal)
let package = Package(
    name: "tracklint",
    products: [
        .executable(name: "tracklint", targets: ["tracklint"]),
        .library(name: "TrackLint", targets: ["TrackLint", "TrackLintReporters"]),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(name: "TrackLintParsing", dependencies: ["CLibXML2"]),
        .target(name: "TrackLintPlatforms", dependencies: ["TrackLintParsing"]),
        .target(name: "TrackLint", dependencies: ["TrackLintParsing", "TrackLintPlatforms"]),
        .target(name: "TrackLintReporters", dependencies: ["TrackLint", "TrackLintParsing", "TrackLintPlatforms"]),
        .target(name: "TrackLintOnline", dependencies: ["TrackLint"]),
        .target(name: "TrackLintServer", dependencies: ["TrackLintReporters", "TrackLint", "TrackLintParsing"]),
        .target(name: "TrackLintCLI",
                dependencies: ["TrackLintServer", "TrackLintReporters", "TrackLintOnline", "TrackLint", "TrackLintParsing",
                               "TrackLintPlatforms"]),
        // glibc's mallopt, for the executable's set-up.
        .systemLibrary(name: "CMalloc"),
        .executableTarget(name: "tracklint", dependencies: ["TrackLintCLI", "CMalloc"]),
        .testTarget(name: "TrackLintTests",
                    dependencies: ["TrackLintCLI", "TrackLintServer", "TrackLintOnline", "TrackLintReporters", "TrackLint",
                                   "TrackLintParsing", "TrackLintPlatforms"]),
        // The library as its users see it: only `import TrackLint`, nothing @testable.
        .testTarget(name: "TrackLintAPITests", dependencies: ["TrackLint"]),
    ]
)
