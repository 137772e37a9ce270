import LuaKit

/// The stdlib modules bound from Swift (`fs`, `archive`, `inf`, `log`): registered in
/// `package.preload`, so each costs nothing until a script requires it, and documented in
/// the registry like `hdc` (their Lua siblings, `workflow`, `args`, … live in `stdlib/`).
enum StdlibLibraries {
    /// Each module's name, summary and bindings.
    static var libraries: [(name: String, summary: String, description: String, bindings: [HDCBinding])] {
        [
            (FSLibrary.name, "Files and directories: paths, listing, whole-file reads, atomic writes, `mkdir -p`, temporary directories.",
             "`local fs = require \"fs\"`. Failures raise an `hdc.Error` of kind `localFile` naming the path (exit status 8 when uncaught).",
             FSLibrary.bindings),
            (ArchiveLibrary.name, "ZIP files for driver packages: zip a folder reproducibly, list, read and extract entries.",
             "`local archive = require \"archive\"`. Failures raise an `hdc.Error` of kind `localFile`.",
             ArchiveLibrary.bindings),
            (INFLibrary.name, "Driver INF files: `[Version]` and `DriverVer`, manufacturers, models sections per decoration, hardware IDs.",
             "`local inf = require \"inf\"`. The reader is the one the emulator's ingestion uses; it accepts UTF-8, UTF-16 and ANSI files and substitutes `%strkey%` tokens.",
             INFLibrary.bindings),
            (LogLibrary.name, "Log lines with levels and key-value fields, on stderr in the interpreter's `--log-format`, at its `--log-level`.",
             "`local log = require \"log\"`. Lines are redacted like hwsubmit's own: no token, secret or SAS signature reaches them.",
             LogLibrary.bindings),
        ]
    }

    /// The `_VERSION` of every stdlib module: one version for the stdlib, the Lua modules' too.
    static let version = "1.0"

    /// Their documentation, for ``LuaAPIRegistry``.
    static var modules: [LuaModuleDoc] {
        libraries.map {
            LuaModuleDoc(name: $0.name, summary: $0.summary, description: $0.description, functions: $0.bindings.map(\.doc),
                         fields: [StdlibDocumentation.version])
        }
    }

    /// The names of the modules, in ``libraries``' order.
    static let names = [FSLibrary.name, ArchiveLibrary.name, INFLibrary.name, LogLibrary.name]

    /// One module's bindings, made when a script requires it: building every module's bindings
    /// (closures and documentation) at start-up, and freeing them at exit, was a tenth of the
    /// instructions of `hwsubmit -e ''`.
    static func bindings(of name: String) -> [HDCBinding] {
        switch name {
        case FSLibrary.name: FSLibrary.bindings
        case ArchiveLibrary.name: ArchiveLibrary.bindings
        case INFLibrary.name: INFLibrary.bindings
        case LogLibrary.name: LogLibrary.bindings
        default: []
        }
    }

    /// Registers every module in `package.preload`.
    static func preload(on stack: LuaStack, runtime: HDCRuntime) {
        weak let weakRuntime = runtime
        for name in names {
            stack.preload(name) { call in
                guard let runtime = weakRuntime else { throw HDCError.script("hwsubmit: the hdc module's runtime has ended") }
                let bindings = bindings(of: name)
                call.stack.newTable(fieldCapacity: bindings.count + 1)
                for binding in bindings {
                    HDCModule.push(binding, on: call.stack, runtime: runtime)
                    call.stack.rawSet(at: -2, binding.doc.name)
                }
                call.stack.push(version)
                call.stack.rawSet(at: -2, "_VERSION")
                return .values(1)
            }
        }
    }
}
