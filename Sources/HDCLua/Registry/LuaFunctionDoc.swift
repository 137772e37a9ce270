/// The documentation of one function scripts can call: what `hwsubmit doc NAME`, the REPL's
/// `help()` and completion, `docs/lua-api.md` and the lua-language-server annotations show.
///
/// Every `hdc` binding is declared with one of these (see ``HDCBinding``), so a function
/// cannot be bound without its documentation; tests check that none is empty and that every
/// example compiles.
public struct LuaFunctionDoc: Sendable, Hashable {
    /// The table the function lives in (`hdc`, `hdc.json`, `hdc.emulator`), or for a method the
    /// class of its object (`hdc.Task`).
    public var module: String
    public var name: String
    /// One sentence: what it does.
    public var summary: String
    public var parameters: [LuaParameterDoc]
    public var returns: [LuaReturnDoc]
    /// A few lines of Lua that use it; tests compile every example.
    public var example: String
    /// What it does to the service, for sandbox policies.
    public var access: LuaAccess
    /// Further paragraphs: errors, limits, behaviour worth knowing. May be empty.
    public var notes: String
    /// Called with `:` on an object of the class `module` (`task:wait()`).
    public var isMethod: Bool
    /// Also a method of `hdc.Client` objects (`client:product(id)`), with the same arguments.
    public var isClientMethod: Bool

    public init(
        module: String = "hdc", name: String, summary: String, parameters: [LuaParameterDoc], returns: [LuaReturnDoc],
        example: String, access: LuaAccess, notes: String = "", isMethod: Bool = false, isClientMethod: Bool = false
    ) {
        self.module = module
        self.name = name
        self.summary = summary
        self.parameters = parameters
        self.returns = returns
        self.example = example
        self.access = access
        self.notes = notes
        self.isMethod = isMethod
        self.isClientMethod = isClientMethod
    }

    /// `hdc.create_product`, or `hdc.Task:wait` for a method.
    public var qualifiedName: String { module + (isMethod ? ":" : ".") + name }

    /// The call as documentation shows it: `hdc.wait(product_id, submission_id [, options]) -> hdc.Submission`.
    public var signature: String {
        var text = qualifiedName + "("
        var optionalDepth = 0
        for (i, parameter) in parameters.enumerated() {
            if parameter.isOptional {
                text += i == 0 ? "[" : " ["
                optionalDepth += 1
                if i > 0 { text += ", " }
            } else if i > 0 {
                text += ", "
            }
            text += parameter.name
        }
        text += String(repeating: "]", count: optionalDepth) + ")"
        if !returns.isEmpty {
            text += " -> " + returns.map { $0.name ?? $0.type }.joined(separator: ", ")
        }
        return text
    }

    /// The text `hwsubmit doc NAME` and the REPL's `help()` print.
    public var helpText: String {
        var lines = [signature, "", summary]
        if !parameters.isEmpty {
            lines.append("")
            lines.append("Parameters:")
            for p in parameters {
                lines.append("  \(p.name) (\(p.type)\(p.isOptional ? ", optional" : "")): \(p.description)")
            }
        }
        if !returns.isEmpty {
            lines.append("")
            lines.append("Returns:")
            for r in returns { lines.append("  \(r.type): \(r.description)") }
        }
        if !notes.isEmpty {
            lines.append("")
            lines.append(notes)
        }
        lines.append("")
        lines.append("Service access: \(access.rawValue)" + (isClientMethod ? "; also a method of hdc.Client objects" : ""))
        lines.append("")
        lines.append("Example:")
        lines.append(contentsOf: example.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 })
        return lines.joined(separator: "\n") + "\n"
    }
}
