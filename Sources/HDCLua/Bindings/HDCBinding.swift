import LuaKit

/// One function of the `hdc` module: its documentation and its body, declared together so that
/// nothing is bound without documentation.
struct HDCBinding {
    let doc: LuaFunctionDoc
    let body: (BindingCall) throws -> LuaReturn

    init(_ doc: LuaFunctionDoc, _ body: @escaping (BindingCall) throws -> LuaReturn) {
        self.doc = doc
        self.body = body
    }
}
