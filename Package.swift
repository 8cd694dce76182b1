// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "tracklint",
    products: [
        .executable(name: "tracklint", targets: ["tracklint"]),
        .library(name: "TrackLint", targets: ["TrackLint"]),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(name: "TrackLint", dependencies: ["CLibXML2"]),
        .executableTarget(name: "tracklint", dependencies: ["TrackLint"]),
        .testTarget(name: "TrackLintTests", dependencies: ["TrackLint"]),
    ]
)
