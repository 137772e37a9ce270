import DevCenter
import LuaKit

extension HDCModule {
    /// Settings of the run a script may change, and the duration forms every option takes.
    static var settingBindings: [HDCBinding] { [setRequestTimeout, duration] }

    private static var setRequestTimeout: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            name: "set_request_timeout",
            summary: "Sets how long one HTTP request of the default client (and of transfers given no `request_timeout`) may wait for its answer.",
            parameters: [LuaParameterDoc("timeout", "number|string", "seconds, or a duration such as \"30s\", \"400ms\", \"2m\"")],
            returns: [],
            example: """
                if opts.request_timeout then hdc.set_request_timeout(opts.request_timeout) end
                """,
            access: .local,
            notes: "What scripts' `--request-timeout` does. It is stronger than `hwsubmit --request-timeout`, `HDC_REQUEST_TIMEOUT` and a profile's `request_timeout`; clients made by `hdc.connect` keep their own. A timed-out request counts as a transient failure and is retried under the operation's deadline.")
        ) { b in
            let text: String
            if b.stack.type(at: b.index(1)) == .number, let value = b.stack.number(at: b.index(1)) { text = "\(value)" } else { text = try b.string(1) }
            guard let timeout = DurationText.parse(text), timeout > .zero else {
                throw LuaArgumentError(argument: b.index(1), message: "a positive duration expected (\(DurationText.forms)), got '\(text)'")
            }
            b.runtime.setRequestTimeout(max(timeout, .milliseconds(10)))
            return .none
        }
    }

    private static var duration: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            name: "duration",
            summary: "Reads a duration as every option of hwsubmit, its scripts and its emulator writes it, in seconds: \"90\", \"2s\", \"400ms\", \"5m\", \"6h\".",
            parameters: [LuaParameterDoc("text", "string|number", "the duration; a bare number is seconds")],
            returns: [LuaReturnDoc("number|nil", name: "seconds", "the duration in seconds, or nil and a message when it is not one")],
            example: """
                print(hdc.duration("400ms"))   --> 0.4
                print(hdc.duration("soon"))    --> nil   'soon' is not a duration; write …
                """,
            access: .local,
            notes: "The `args` module's `type = \"duration\"` options read their values with it.")
        ) { b in
            let text: String
            if b.stack.type(at: b.index(1)) == .number, let value = b.stack.number(at: b.index(1)) { text = "\(value)" } else { text = try b.string(1) }
            if let seconds = DurationText.seconds(text) {
                b.stack.push(seconds)
                return .values(1)
            }
            b.stack.pushNil()
            b.stack.push("'\(text)' is not a duration; write \(DurationText.forms)")
            return .values(2)
        }
    }
}
