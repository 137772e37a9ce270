// swift-tools-version:6.0
// libFuzzer targets for hwsubmit's parsers of untrusted input. Built and run by `make fuzz`
// (see docs/reliability.md), never by `make build` or `make test`: a package of its own keeps
// them, and the fuzzer instrumentation they need, out of the product's build.
import Foundation
import PackageDescription

// A path dependency's identity is its folder's name, which is whatever the checkout is called.
let root = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().deletingLastPathComponent()
let hwsubmit = root.lastPathComponent.lowercased()

func fuzzTarget(_ name: String, _ products: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: products.map { .product(name: $0, package: hwsubmit) },
        swiftSettings: [.unsafeFlags(["-parse-as-library"])]
    )
}

let package = Package(
    name: "hwsubmit-fuzz",
    dependencies: [.package(path: root.path)],
    targets: [
        fuzzTarget("fuzz-json-bridge", ["LuaKit"]),
        fuzzTarget("fuzz-service-error", ["DevCenter"]),
        fuzzTarget("fuzz-inf", ["DevCenter"]),
        fuzzTarget("fuzz-blob-xml", ["DevCenter"]),
        fuzzTarget("fuzz-config", ["DevCenter", "HDCLua"]),
    ]
)
