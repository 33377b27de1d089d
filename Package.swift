// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "doorbraak",
    products: [
        .executable(name: "doorbraak", targets: ["doorbraak"]),
        .executable(name: "doorbraak-bench", targets: ["doorbraak-bench"]),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            path: "Sources/CSQLite",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // SHA-256's block function on the CPU's SHA instructions (x86 SHA extensions), with the
        // Swift one in DoorbraakCore as the portable path; links nothing.
        .target(name: "CSHA256", path: "Sources/CSHA256"),
        .target(name: "DoorbraakCore", dependencies: ["CSHA256"]),
        .target(name: "DoorbraakStore", dependencies: ["DoorbraakCore", "CSQLite"]),
        .target(name: "DoorbraakImport", dependencies: ["DoorbraakCore", "DoorbraakStore"]),
        .executableTarget(name: "doorbraak", dependencies: ["DoorbraakCore", "DoorbraakStore", "DoorbraakImport"]),
        // The benchmark of SPEC §6: runs the release-built `doorbraak` and the sqlite3 CLI on the same data.
        .executableTarget(name: "doorbraak-bench", dependencies: ["DoorbraakCore"]),
        .testTarget(name: "DoorbraakCoreTests", dependencies: ["DoorbraakCore"]),
        .testTarget(name: "DoorbraakStoreTests", dependencies: ["DoorbraakStore", "DoorbraakCore"]),
        .testTarget(name: "DoorbraakImportTests", dependencies: ["DoorbraakImport", "DoorbraakCore", "DoorbraakStore"], exclude: ["Fixtures"]),
        .testTarget(name: "doorbraakTests", dependencies: ["DoorbraakCore", "DoorbraakStore", "DoorbraakImport"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
