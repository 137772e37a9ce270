/// What the REPL knows of a documented API beyond what the live Lua state shows: the names
/// Tab offers in a module, the call shown after a function's `(`, and the text `help` prints.
///
/// ``RegistryDocumentation`` answers from the `hdc` binding registry. The REPL asks it by
/// qualified name (`hdc`, `hdc.json`, `hdc.create_product`), so a module bound later and
/// added to the registry is completed and documented with no change here.
protocol APIDocumentation {
    /// The top-level modules documented (`hdc`): a value that is one of these, under any name,
    /// is completed as that module.
    var moduleNames: [String] { get }
    /// The names documented directly inside the module or table `qualifiedName`.
    func fields(of qualifiedName: String) -> [Completion.Candidate]
    /// How the function `qualifiedName` is called, for the hint Tab shows after its `(`; a
    /// method is named by its object's type (`hdc.Task:wait`, the metatable's `__name`).
    func signature(of qualifiedName: String) -> String?
    /// What `help` prints for `name`, or nil when it is not documented here.
    func helpText(for name: String) -> String?
}
