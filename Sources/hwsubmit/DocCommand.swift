import HDCLua
#if canImport(Glibc)
import Glibc
#endif

/// `hwsubmit doc [NAME]`: the Lua API's documentation, from the binding registry; `--write`
/// regenerates the reference page and the editor annotations in a checkout.
enum DocCommand {
    static let usage = """
        usage: hwsubmit doc                  list every module and function
               hwsubmit doc NAME             show one (hdc.wait, wait, hdc.json, task:wait, client:products)
               hwsubmit doc --markdown       print the reference page (docs/lua-api.md)
               hwsubmit doc --annotations    print the lua-language-server annotations (stdlib/meta/hdc.lua, hdc-types.lua, stdlib.lua)
               hwsubmit doc --write [DIR]    regenerate the reference page and the annotations in the checkout at DIR (default: .)

        """

    static func run(_ arguments: [String]) -> ExitStatus {
        switch arguments.first {
        case nil:
            Diagnostics.output(index())
            return .success
        case "-h", "--help":
            Diagnostics.output(usage)
            return .success
        case "--markdown":
            Diagnostics.output(LuaAPIDocument.markdown())
            return .success
        case "--annotations":
            Diagnostics.output(LuaAPIDocument.annotationFiles.map(\.contents).joined(separator: "\n"))
            return .success
        case "--write":
            return write(to: arguments.count > 1 ? arguments[1] : ".")
        case let name?:
            guard arguments.count == 1, !name.hasPrefix("-") else {
                Diagnostics.error("doc: unexpected argument '\(arguments.count == 1 ? name : arguments[1])'")
                Diagnostics.write(usage)
                return .usage
            }
            if let text = documentation(of: name) {
                Diagnostics.output(text)
                return .success
            }
            Diagnostics.error("doc: nothing is documented as '\(name)'; 'hwsubmit doc' lists every name")
            return .scriptError
        }
    }

    /// What `hwsubmit doc NAME` and the REPL's `help "NAME"` print: a function's or a
    /// module's documentation; nil when the registry has neither.
    static func documentation(of name: String) -> String? {
        if let function = LuaAPIRegistry.function(named: name) { return function.helpText }
        if let module = LuaAPIRegistry.module(named: name) { return text(of: module) }
        return nil
    }

    /// Every module and its functions, one line each.
    static func index() -> String {
        var out = ""
        for module in LuaAPIRegistry.modules {
            out += "\(module.name): \(module.summary)\n"
            let width = module.functions.map(\.qualifiedName.count).max() ?? 0
            for function in module.functions {
                out += "  " + function.qualifiedName.rightPadded(to: width) + "  " + function.summary + "\n"
            }
            out += "\n"
        }
        return out + "'hwsubmit doc NAME' shows one in full.\n"
    }

    static func text(of module: LuaModuleDoc) -> String {
        var out = "\(module.name): \(module.summary)\n"
        if let availability = module.availability { out += "(available \(availability))\n" }
        if !module.description.isEmpty { out += "\n\(module.description)\n" }
        out += "\nFunctions:\n"
        for function in module.functions { out += "  \(function.signature)\n" }
        if !module.fields.isEmpty {
            out += "\nFields:\n"
            for field in module.fields { out += "  \(module.name).\(field.name) (\(field.type)): \(field.description)\n" }
        }
        return out
    }

    private static func write(to directory: String) -> ExitStatus {
        guard FilePath.isFile(FilePath.join(directory, "Package.swift")) else {
            Diagnostics.error("doc --write: \(directory) is not an hwsubmit checkout (no Package.swift); run it from the repository root, or give the root")
            return .usage
        }
        for (path, contents) in LuaAPIDocument.files {
            let target = FilePath.join(directory, path)
            mkdir(FilePath.directory(of: target), 0o755)
            guard let file = fopen(target, "w") else {
                Diagnostics.error("doc --write: cannot write \(target): \(String(cString: strerror(errno)))")
                return .io
            }
            var text = contents
            let written = text.withUTF8 { fwrite($0.baseAddress, 1, $0.count, file) }
            fclose(file)
            guard written == contents.utf8.count else {
                Diagnostics.error("doc --write: could not write all of \(target)")
                return .io
            }
            Diagnostics.output("wrote \(path)\n")
        }
        return .success
    }
}

extension String {
    /// The string padded with spaces to `width` characters.
    func rightPadded(to width: Int) -> String {
        self + String(repeating: " ", count: max(0, width - count))
    }
}
