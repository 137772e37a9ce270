extension LuaFunctionDoc {
    /// The documentation of a stdlib module's function, in the compact form the stdlib's long
    /// lists of functions read best in: positional module, name, summary, parameters, returns, example.
    static func stdlib(
        _ module: String, _ name: String, _ summary: String, _ parameters: [LuaParameterDoc], _ returns: [LuaReturnDoc],
        _ example: String, access: LuaAccess = .local, notes: String = ""
    ) -> LuaFunctionDoc {
        LuaFunctionDoc(
            module: module, name: name, summary: summary, parameters: parameters, returns: returns, example: example, access: access,
            notes: notes)
    }
}
