// swift-tools-version:6.0
import PackageDescription

// Release builds of the interpreter link as a non-PIE executable without an exported dynamic
// symbol table: measured on the reference machine, this takes `hwsubmit -e ''` from ~4.5 ms to
// ~2 ms, because the loader no longer touches every page holding one of ~115,000 relocations.
// See bench/ and docs/performance.md.
//
// They also link the C++ standard library (which the Swift runtime needs) statically: loaded as
// libstdc++.so it cost ~1,700 symbol bindings at every start, most of the dynamic loader's work
// (1.4 M instead of 3.4 M instructions for `hwsubmit -e ''`). Sources/hwsubmit/StaticLink holds
// a linker script named libstdc++.so that takes the archive (Debian's libstdc++-12-dev, which
// Swift itself needs) for the `-lstdc++` the Swift driver adds; lld, shipped with Swift, links
// it wherever that falls in the link (gold would need the archive after everything using it).
let packageRoot = String(#filePath.dropLast("/Package.swift".count))
let fastStartLinkerFlags: [LinkerSetting] = [
    .unsafeFlags([
        "-Xclang-linker", "-no-pie", "-Xlinker", "--no-export-dynamic",
        "-use-ld=lld", "-L\(packageRoot)/Sources/hwsubmit/StaticLink", "-Xclang-linker", "-static-libgcc",
    ], .when(configuration: .release))
]

let package = Package(
    name: "hwsubmit",
    products: [
        .executable(name: "hwsubmit", targets: ["hwsubmit"]),
        .executable(name: "hwsubmit-emulator", targets: ["hwsubmit-emulator"]),
        .library(name: "DevCenter", targets: ["DevCenter"]),
        .library(name: "LuaKit", targets: ["LuaKit"]),
        .library(name: "HDCLua", targets: ["HDCLua"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // The C face of Debian's Lua 5.4, touched by LuaKit alone.
        .systemLibrary(name: "CLua", pkgConfig: "lua5.4", providers: [.apt(["liblua5.4-dev"])]),
        // The REPL's line editing: BSD libedit (Debian libedit2), loaded with dlopen when the REPL
        // starts rather than linked, so script runs never pay for loading it.
        .target(name: "CEditLine"),
        // Swift's CommandLine arguments taken from the C library's initialiser call, so the
        // runtime's /proc/self/maps reader never enters the statically linked interpreter
        // (see its header and docs/performance.md, "Start-up").
        .target(name: "CProcessArguments"),
        // Azure Storage's CRC-64 for `x-ms-content-crc64`: table-driven, or carry-less
        // multiplication where the CPU has it (chosen at run time).
        .target(name: "CCRC64"),

        // Copies of Lua's pattern matcher and table loops that report their work to the
        // instruction hook, so sandbox limits and Ctrl-C reach inside them (see its header).
        .target(name: "CLuaMetered", dependencies: ["CLua"]),
        .target(name: "LuaKit", dependencies: ["CLua", "CLuaMetered"]),
        .target(
            name: "DevCenter",
            dependencies: [
                "CCRC64",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        .target(
            name: "DevCenterEmulator",
            dependencies: [
                "DevCenter",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(
            name: "HDCLua",
            dependencies: [
                "LuaKit", "DevCenter",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .executableTarget(
            name: "hwsubmit",
            dependencies: [
                "LuaKit", "HDCLua", "DevCenter", "CEditLine", "CProcessArguments",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            exclude: ["StaticLink"],
            linkerSettings: fastStartLinkerFlags
        ),
        .executableTarget(
            name: "hwsubmit-emulator",
            dependencies: [
                "DevCenter",
                "DevCenterEmulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // In-memory transport, virtual clock, profile source and log capture for DevCenter's tests
        // and for the tests of the layers built on it.
        .target(
            name: "DevCenterTestSupport",
            dependencies: [
                "DevCenter",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            path: "Tests/DevCenterTestSupport"
        ),
        .testTarget(
            name: "DevCenterTests",
            dependencies: [
                "DevCenter", "DevCenterTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "DevCenterEmulatorTests",
            dependencies: [
                "DevCenterEmulator", "DevCenter", "DevCenterTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // DevCenter against the real emulator over loopback: the few slow, real-server tests.
        .testTarget(
            name: "DevCenterIntegrationTests",
            dependencies: [
                "DevCenter", "DevCenterEmulator", "DevCenterTestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "LuaKitTests", dependencies: ["LuaKit"]),
        // The hdc module, its scheduler and its registry, in process (the service through the
        // in-memory transport); the Lua test scripts run against the emulator from hwsubmitTests.
        .testTarget(
            name: "HDCLuaTests",
            dependencies: [
                "HDCLua", "LuaKit", "DevCenter", "DevCenterTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Runs the built hwsubmit binary (built by `swift build`/`swift test` beside the tests).
        .testTarget(name: "hwsubmitTests"),
    ]
)
