import LuaKit

extension HDCModule {
    static var valueBindings: [HDCBinding] { [isError, newError] }

    static var jsonBindings: [HDCBinding] { [jsonDecode, jsonEncode, jsonArray, jsonObject] }

    private static var isError: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            name: "is_error",
            summary: "Tells whether a value is an `hdc.Error` (what failed service calls raise).",
            parameters: [LuaParameterDoc("value", "any", "typically what `pcall` returned")],
            returns: [LuaReturnDoc("boolean", "true for an `hdc.Error` table")],
            example: """
                local ok, err = pcall(hdc.product, 42)
                if not ok and hdc.is_error(err) and err.kind == "notFound" then print("no such product") end
                """,
            access: .local)
        ) { b in
            b.stack.push(ErrorMetatable.isError(at: b.index(1), on: b.stack))
            return .values(1)
        }
    }

    /// `hdc.new_error{kind = …, message = …}`: an `hdc.Error` made by a script, so that its own
    /// failures (a timeout of its own polling, a refused input) reach `pcall` callers, `--json`
    /// output and the exit status exactly as the service's do.
    private static var newError: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            name: "new_error",
            summary: "Makes an `hdc.Error` (without raising it), for a script's own failures: `error(hdc.new_error{…})` exits with the status of its kind, as the service's errors do.",
            parameters: [LuaParameterDoc("fields", "table", "`kind` (required: one of the kinds of `hdc.Error`, such as `timeout`, `invalidInput`, `notFound`), `message` (required: what happened, to what), `advice` (what to do next), `code` (default: the kind), `details` (string[]), `retryable` (default false)")],
            returns: [LuaReturnDoc("hdc.Error", "the error table, with the metatable `hdc.Error`")],
            example: """
                if hdc.now() > deadline then
                  error(hdc.new_error{kind = "timeout", message = "no driver metadata after 3600 s",
                    advice = "Run again with a longer --timeout."}, 2)
                end
                """,
            access: .local,
            notes: "An unknown `kind` or field is a bad argument. Uncaught, the interpreter prints the error's paragraph and exits with its kind's status (`timeout` 9, `notFound` 4, …).")
        ) { b in
            try b.call.table(b.index(1))
            let fields = OptionsTable(stack: b.stack, index: b.index(1))
            try fields.refuseUnknown(["kind", "message", "advice", "code", "details", "retryable"])
            guard let kindName = try fields.string("kind") else {
                throw LuaArgumentError(argument: b.index(1), message: "field 'kind': string expected, got nil")
            }
            guard let kind = ErrorKind(rawValue: kindName) else {
                throw LuaArgumentError(
                    argument: b.index(1),
                    message: "field 'kind': unknown kind '\(kindName)' (expected one of: \(ErrorKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard let message = try fields.string("message") else {
                throw LuaArgumentError(argument: b.index(1), message: "field 'message': string expected, got nil")
            }
            var error = HDCError(kind: kind, code: try fields.string("code"), message: message, advice: try fields.string("advice") ?? "")
            error.retryable = try fields.boolean("retryable") ?? false
            error.details = try fields.strings("details") ?? []
            error.pushErrorValue(on: b.stack)
            return .values(1)
        }
    }

    /// A function of LuaKit's JSON library, as `hdc.json` exposes it.
    private static func jsonLibraryFunction(_ name: String) -> LuaFunction {
        LuaJSONLibrary.functions.first { $0.name == name }?.function
            ?? { _ in throw HDCError.script("hwsubmit: the JSON library has no function \(name)") }
    }

    private static var jsonDecode: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            module: "hdc.json", name: "decode",
            summary: "Decodes JSON text: integers stay exact 64-bit integers, `null` is `hdc.null`, empty arrays and objects stay what they were.",
            parameters: [LuaParameterDoc("text", "string", "JSON text")],
            returns: [LuaReturnDoc("any", "the value")],
            example: """
                local product = hdc.json.decode('{"id": 14631253285588839, "announcementDate": null}')
                print(math.type(product.id), product.announcementDate == hdc.null)
                """,
            access: .local,
            notes: "Invalid JSON raises an error with the line and column.")
        ) { b in try jsonLibraryFunction("decode")(b.call) }
    }

    private static var jsonEncode: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            module: "hdc.json", name: "encode",
            summary: "Encodes a value as JSON text; a table the service sent encodes back to the same JSON.",
            parameters: [
                LuaParameterDoc("value", "any", "tables, strings, numbers, booleans, `hdc.null`"),
                LuaParameterDoc("options", "table", optional: true, "`pretty` (true: two-space indentation and sorted keys), `indent` (spaces per level), `sort_keys` (boolean)"),
            ],
            returns: [LuaReturnDoc("string", "JSON text")],
            example: """
                print(hdc.json.encode(hdc.product(product_id), {pretty = true}))
                """,
            access: .local,
            notes: "NaN, infinities, cycles, functions and other values JSON cannot hold raise an error naming where they are (`cannot encode NaN at .products[3].price`). A non-empty sequence is an array, any other table an object; `hdc.json.array{}` and `hdc.json.object{}` decide for empty ones.")
        ) { b in
            try b.call.any(b.index(1))
            var options = LuaJSONEncodeOptions()
            if let table = try b.options(2) {
                try table.refuseUnknown(["pretty", "indent", "sort_keys"])
                if try table.boolean("pretty") == true {
                    options.indent = 2
                    options.sortKeys = true
                }
                if let indent = try table.integer("indent") { options.indent = Int(max(0, min(16, indent))) }
                if let sort = try table.boolean("sort_keys") { options.sortKeys = sort }
            }
            try b.stack.withJSON(at: b.index(1), options: options) { bytes in b.stack.push(bytes: bytes) }
            return .values(1)
        }
    }

    private static var jsonArray: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            module: "hdc.json", name: "array",
            summary: "Marks a table (a new one when none is given) to encode as a JSON array, even when empty.",
            parameters: [LuaParameterDoc("table", "table", optional: true, "the table to mark")],
            returns: [LuaReturnDoc("table", "the same table")],
            example: """
                print(hdc.json.encode{marketingNames = hdc.json.array{}})   --> {"marketingNames":[]}
                """,
            access: .local)
        ) { b in try jsonLibraryFunction("array")(b.call) }
    }

    private static var jsonObject: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            module: "hdc.json", name: "object",
            summary: "Marks a table (a new one when none is given) to encode as a JSON object, even when empty or shaped like a sequence.",
            parameters: [LuaParameterDoc("table", "table", optional: true, "the table to mark")],
            returns: [LuaReturnDoc("table", "the same table")],
            example: """
                print(hdc.json.encode{additionalAttributes = hdc.json.object{}})   --> {"additionalAttributes":{}}
                """,
            access: .local)
        ) { b in try jsonLibraryFunction("object")(b.call) }
    }
}
