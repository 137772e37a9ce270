/// The generated files made from the registry: the reference page (`docs/lua-api.md`) and the
/// lua-language-server annotations (`stdlib/meta/hdc.lua` for `hdc` and its tables,
/// `stdlib/meta/hdc-types.lua` for the classes of its values, `stdlib/meta/stdlib.lua` for the
/// stdlib's modules). `hwsubmit doc --write` writes them; a
/// test fails when the files in the repository differ from what this makes.
public enum LuaAPIDocument {
    /// Where each generated file goes, relative to the repository root.
    public static let markdownPath = "docs/lua-api.md"
    public static let regenerateCommand = "swift run hwsubmit doc --write   (from the repository root)"

    /// The annotation files, path and contents, one concern each: `hdc`'s functions (with
    /// `hdc.json`, `hdc.preprod`, `hdc.emulator`), then the classes of `hdc`'s values (records,
    /// and the objects with methods), then the stdlib's modules with their classes.
    public static var annotationFiles: [(path: String, contents: String)] {
        let modules = LuaAPIRegistry.modules
        let isHDC = { (module: LuaModuleDoc) in module.name == HDCModule.name || module.name.hasPrefix(HDCModule.name + ".") }
        let hdc = modules.filter(isHDC), stdlib = modules.filter { !isHDC($0) }
        return [
            ("stdlib/meta/hdc.lua", annotations(meta: HDCModule.name, modules: hdc)),
            ("stdlib/meta/hdc-types.lua", annotations(meta: nil, classes: hdc.flatMap(\.classes))),
            ("stdlib/meta/stdlib.lua", annotations(meta: "stdlib", classes: stdlib.flatMap(\.classes), modules: stdlib)),
        ]
    }

    /// Every generated file: path and contents.
    public static var files: [(path: String, contents: String)] {
        [(markdownPath, markdown())] + annotationFiles
    }

    // MARK: Markdown

    public static func markdown(_ modules: [LuaModuleDoc] = LuaAPIRegistry.modules) -> String {
        var out = """
            # Lua API reference

            <!-- Generated from the binding registry (Sources/HDCLua/Registry) by `hwsubmit doc --write`. Do not edit by hand. -->

            Every function below is also shown by `hwsubmit doc NAME` (for example `hwsubmit doc hdc.wait`) and by
            `help(hdc.wait)` in the REPL. *Access* says what a function does to the service: `read`, `write` (what a
            sandbox refuses without `--allow-submit`), or `local` (nothing).

            """
        out += "\n## Modules\n\n"
        for module in modules { out += "- [`\(module.name)`](#\(anchor(module.name))): \(module.summary)\n" }
        for module in modules {
            out += "\n## \(module.name)\n\n\(module.summary)\n"
            if let availability = module.availability { out += "\n*Available \(availability).*\n" }
            if !module.description.isEmpty { out += "\n\(module.description)\n" }
            if !module.functions.isEmpty {
                out += "\n| function | summary | access |\n|---|---|---|\n"
                for f in module.functions {
                    out += "| [`\(f.qualifiedName)`](#\(anchor(f.qualifiedName))) | \(escapeCell(f.summary)) | \(f.access.rawValue) |\n"
                }
            }
            if !module.fields.isEmpty {
                out += "\n| field | type | meaning |\n|---|---|---|\n"
                for field in module.fields {
                    out += "| `\(module.name).\(field.name)` | `\(escapeCell(field.type))` | \(escapeCell(field.description)) |\n"
                }
            }
            for f in module.functions { out += functionSection(f) }
            if !module.classes.isEmpty {
                out += "\n### Values functions take and return\n"
                for c in module.classes { out += classSection(c) }
            }
        }
        return out
    }

    private static func functionSection(_ f: LuaFunctionDoc) -> String {
        var out = "\n### \(f.qualifiedName)\n\n```\n\(f.signature)\n```\n\n\(f.summary)\n"
        if !f.parameters.isEmpty {
            out += "\n| parameter | type | |\n|---|---|---|\n"
            for p in f.parameters {
                out += "| `\(p.name)`\(p.isOptional ? " (optional)" : "") | `\(escapeCell(p.type))` | \(escapeCell(p.description)) |\n"
            }
        }
        if !f.returns.isEmpty {
            out += "\nReturns:\n\n"
            for r in f.returns { out += "- `\(r.type)`" + (r.name.map { " (\($0))" } ?? "") + ": \(r.description)\n" }
        }
        if !f.notes.isEmpty { out += "\n\(f.notes)\n" }
        out += "\nAccess: \(f.access.rawValue)." + (f.isClientMethod ? " Also a method of `hdc.Client` objects." : "") + "\n"
        out += "\n```lua\n\(f.example)\n```\n"
        return out
    }

    private static func classSection(_ c: LuaClassDoc) -> String {
        var out = "\n#### \(c.name)\n\n\(c.summary)\n"
        if !c.fields.isEmpty {
            out += "\n| field | type | meaning |\n|---|---|---|\n"
            for field in c.fields { out += "| `\(field.name)` | `\(escapeCell(field.type))` | \(escapeCell(field.description)) |\n" }
            if c.isOpen { out += "\nEvery other field the service sent is there too.\n" }
        }
        return out
    }

    private static func anchor(_ name: String) -> String {
        String(name.lowercased().compactMap { c -> Character? in
            if c.isLetter || c.isNumber || c == "-" || c == "_" { return c }
            if c == " " { return "-" }
            return nil
        })
    }

    private static func escapeCell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    // MARK: lua-language-server annotations

    /// One annotation file for lua-language-server (a module of that name when `meta` is given):
    /// `classes` (plain records first, then objects with their methods), then `modules` with
    /// their functions.
    public static func annotations(meta: String?, classes: [LuaClassDoc] = [], modules: [LuaModuleDoc] = []) -> String {
        var out = """
            ---@meta\(meta.map { " " + $0 } ?? "")
            -- Annotations of hwsubmit's Lua API for lua-language-server: add this folder to
            -- "workspace.library". Generated from the binding registry by `hwsubmit doc --write`; do not edit.

            """
        let objects = classes.map { ($0, LuaAPIRegistry.methods(of: $0.name)) }
        for (c, methods) in objects where methods.isEmpty {
            out += "\n" + comment(c.summary) + "---@class \(c.name)\n"
            for field in c.fields { out += "---@field \(field.name) \(field.type) \(oneLine(field.description))\n" }
            if c.isOpen { out += "---@field [string] any\n" }
        }
        for module in modules {
            out += "\n" + comment(module.summary)
            out += "---@class \(module.name)\n"
            for field in module.fields where !modules.contains(where: { $0.name == module.name + "." + field.name }) {
                out += "---@field \(field.name) \(field.type) \(oneLine(field.description))\n"
            }
            out += "\(module.name) = {}\n"
            for f in module.functions where !f.isMethod { out += "\n" + functionAnnotation(f, name: f.qualifiedName) }
        }
        for (c, methods) in objects where !methods.isEmpty {
            let local = String(c.name.split(separator: ".").last ?? Substring(c.name))
            out += "\n" + comment(c.summary) + "---@class \(c.name)\nlocal \(local) = {}\n"
            for f in methods { out += "\n" + functionAnnotation(f, name: "\(local):\(f.name)") }
        }
        return out
    }

    private static func functionAnnotation(_ f: LuaFunctionDoc, name: String) -> String {
        var out = comment(f.summary)
        for p in f.parameters {
            let optional = p.isOptional && p.name != "..." ? "?" : ""
            out += "---@param \(p.name)\(optional) \(p.type) \(oneLine(p.description))\n"
        }
        for r in f.returns { out += "---@return \(r.type)" + (r.name.map { " \($0 == "..." ? "..." : $0)" } ?? "") + " # \(oneLine(r.description))\n" }
        out += "function \(name)(\(f.parameters.map(\.name).joined(separator: ", "))) end\n"
        return out
    }

    private static func comment(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "---" + $0 + "\n" }.joined()
    }

    private static func oneLine(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: " ")
    }
}
