/// The documentation of one module (a table of functions) scripts can use: `hdc`, `hdc.json`,
/// and the stdlib modules, bound Swift or plain Lua alike.
public struct LuaModuleDoc: Sendable, Hashable {
    /// Where the module's functions come from.
    public enum Implementation: Sendable, Hashable {
        /// Bound Swift functions built into the interpreter.
        case builtIn
        /// A Lua file of hwsubmit's `stdlib/` (the path below it, `workflow.lua`): a test loads
        /// the module and checks that every function it exports is documented here, and the
        /// other way round.
        case luaFile(String)
    }

    /// The name scripts use: `hdc`, `hdc.json`, `workflow`.
    public var name: String
    public var summary: String
    /// Paragraphs for the reference page.
    public var description: String
    public var implementation: Implementation
    /// When the module is there only sometimes: "only when hwsubmit runs with --emulator".
    public var availability: String?
    public var functions: [LuaFunctionDoc]
    public var fields: [LuaFieldDoc]
    public var classes: [LuaClassDoc]

    public init(
        name: String, summary: String, description: String = "", implementation: Implementation = .builtIn,
        availability: String? = nil, functions: [LuaFunctionDoc], fields: [LuaFieldDoc] = [], classes: [LuaClassDoc] = []
    ) {
        self.name = name
        self.summary = summary
        self.description = description
        self.implementation = implementation
        self.availability = availability
        self.functions = functions
        self.fields = fields
        self.classes = classes
    }
}
