import Foundation
import LuaKit

extension HDCRuntime {
    /// Replaces `os.getenv` with one that never hands a script a secret: for the variables
    /// that hold one (``SecretVariables``), it answers nil and why. The `hdc` module reads them
    /// in Swift; a script that printed its environment for a build log would otherwise show them.
    func installSecretFreeGetenv(on stack: LuaStack) {
        guard stack.getGlobal("os") == .table else {
            stack.pop()
            return
        }
        stack.push(function: { call in
            let name = try call.string(1)
            if let refusal = SecretVariables.refusal(name) {
                call.stack.pushNil()
                call.stack.push(refusal)
                return .values(2)
            }
            guard let value = getenv(name) else {
                call.stack.pushNil()
                return .values(1)
            }
            call.stack.push(String(cString: value))
            return .values(1)
        })
        stack.rawSet(at: -2, "getenv")
        stack.pop()
    }
}
