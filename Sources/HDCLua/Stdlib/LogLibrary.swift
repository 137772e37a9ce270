import DevCenter
import LuaKit
import Logging

/// `require "log"`: a script's own log lines, on stderr beside hwsubmit's, at the level and in
/// the format the interpreter was given (`--log-level`, `--log-format text|json`, `--quiet`).
///
/// Lines go through the run's redactor (`hdc.redact`): a SAS signature, a token or a secret a
/// script logs by mistake is blanked, in the message, the fields' values and their names.
enum LogLibrary {
    static let name = "log"

    static var bindings: [HDCBinding] {
        Logger.Level.allCases.map(levelFunction) + [level, enabled]
    }

    private static func levelName(_ level: Logger.Level) -> String { level == .critical ? "critical" : level.rawValue }

    private static func levelFunction(_ level: Logger.Level) -> HDCBinding {
        let name = levelName(level)
        return HDCBinding(LuaFunctionDoc(
            module: Self.name, name: name, summary: "Logs a line at level `\(name)`, with optional key-value fields.",
            parameters: [
                LuaParameterDoc("message", "string", "what happened"),
                LuaParameterDoc("fields", "table", optional: true, "key-value pairs shown after the message (`(product=…, step=…)`), or as `metadata` in JSON lines"),
            ],
            returns: [],
            example: #"log.\#(name)("uploaded the package", {submission = submission.id, bytes = 18342})"#,
            access: .local)
        ) { b in
            let message = try b.call.string(1)
            let redactor = b.runtime.redactor
            // Redacting and writing take time in proportion to the text: charged before each piece.
            var meter = LuaWorkMeter(b.stack)
            var held = message.utf8.count
            try meter.charge(1 + held >> 5)
            var metadata: Logger.Metadata = [:]
            if !b.isAbsent(2) {
                try b.call.table(2)
                let stack = b.stack
                stack.pushNil()
                while stack.next(at: 2) {
                    // Copies, so that converting a number key or value to text does not upset `next`.
                    stack.pushValue(at: -2)
                    stack.pushValue(at: -2)
                    let key = text(at: -2, on: stack)
                    let value = text(at: -1, on: stack)
                    stack.pop(3)
                    held += key.utf8.count + value.utf8.count
                    try meter.charge(1 + (key.utf8.count + value.utf8.count) >> 5)
                    try meter.hold(2 * held)
                    metadata[redactor.redact(key)] = .string(redactor.redact(value, field: key))
                }
            }
            b.runtime.configuration.logger.log(level: level, "\(redactor.redact(message))", metadata: metadata)
            return .values(0)
        }
    }

    private static func text(at index: Int32, on stack: LuaStack) -> String {
        switch stack.type(at: index) {
        case .string: return stack.string(at: index) ?? ""
        case .number: return stack.describe(at: index)
        case .boolean: return stack.bool(at: index) ? "true" : "false"
        case .nil: return "nil"
        default: return stack.typeName(at: index)
        }
    }

    private static func parse(_ name: String) -> Logger.Level? {
        Logger.Level(rawValue: name.lowercased())
    }

    private static var level: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            module: name, name: "level", summary: "The lowest level that is shown (`info` unless `--log-level` or `--quiet` changed it).",
            parameters: [], returns: [LuaReturnDoc("string", "trace, debug, info, notice, warning, error or critical")],
            example: #"if log.level() == "debug" then log.debug("request body", {body = hdc.json.encode(body)}) end"#,
            access: .local)
        ) { b in
            b.stack.push(levelName(b.runtime.configuration.logger.logLevel))
            return .values(1)
        }
    }

    private static var enabled: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            module: name, name: "enabled", summary: "Tells whether lines at a level are shown: for skipping work that only feeds a log line.",
            parameters: [LuaParameterDoc("level", "string", "trace, debug, info, notice, warning, error or critical")],
            returns: [LuaReturnDoc("boolean", "true when shown")],
            example: #"if log.enabled("debug") then log.debug("state", {journal = hdc.json.encode(state)}) end"#,
            access: .local)
        ) { b in
            let name = try b.call.string(1)
            guard let wanted = parse(name) else {
                throw LuaArgumentError(argument: 1, message: "unknown level '\(name)' (use trace, debug, info, notice, warning, error or critical)")
            }
            b.stack.push(wanted >= b.runtime.configuration.logger.logLevel)
            return .values(1)
        }
    }
}
