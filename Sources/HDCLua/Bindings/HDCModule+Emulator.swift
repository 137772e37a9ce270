import DevCenter
import Logging
import LuaKit

extension HDCModule {
    /// `hdc.emulator`: the emulator's admin API, for scripts run with `--emulator` (tests that
    /// inject faults and read the request log).
    static var emulatorBindings: [HDCBinding] {
        [fault, clearFaults, rateLimit, failAt, failLabelAt, expireSAS, advanceClock, requests, clearRequests, reset, state, admin]
    }

    private static func emulatorDoc(
        _ name: String, _ summary: String, _ parameters: [LuaParameterDoc] = [], returns: [LuaReturnDoc] = [],
        example: String, access: LuaAccess = .write, notes: String = ""
    ) -> LuaFunctionDoc {
        LuaFunctionDoc(
            module: "hdc.emulator", name: name, summary: summary, parameters: parameters, returns: returns, example: example,
            access: access, notes: notes)
    }

    /// An admin request with a JSON body built from the arguments; delivers the decoded answer.
    private static func adminCall(
        _ b: BindingCall, _ method: String, _ path: String, body: JSONBody? = nil,
        deliver: @escaping (LuaCall, JSONValue?) throws -> LuaReturn = { _, _ in .none }
    ) throws -> LuaReturn {
        guard let emulator = b.runtime.configuration.emulator else {
            throw HDCError(
                kind: .configuration, message: "hdc.emulator needs a run started with --emulator",
                advice: "Run the script with 'hwsubmit --emulator script.lua'.")
        }
        let url = emulator.adminURL + path
        let logger = b.runtime.configuration.logger
        return try b.runtime.perform(b.call, {
            var request = TransportRequest(method: method, url: url, headers: ["Accept": "application/json"], body: body?.bytes)
            if body != nil { request.headers.add("Content-Type", "application/json") }
            let response = try await AsyncHTTPClientTransport.shared.send(request, logger: logger)
            let answer = response.body.isEmpty ? nil : try? JSONValue(parsing: response.body)
            guard response.isSuccess else {
                let said = answer?["error"]?["message"]?.stringValue ?? response.bodyText
                throw HDCError(
                    kind: .invalidInput, code: answer?["error"]?["code"]?.stringValue ?? "adminRequestInvalid",
                    message: "the emulator refused \(method) \(path) (HTTP \(response.status)): \(said)",
                    advice: "See docs/emulator.md, \"The admin API\", for the fields each endpoint takes.")
            }
            return answer
        }, deliver: deliver)
    }

    private static func returningAnswer(_ call: LuaCall, _ answer: JSONValue?) -> LuaReturn {
        returning(answer ?? .null, call)
    }

    private static var fault: HDCBinding {
        HDCBinding(emulatorDoc(
            "fault", "Injects a fault: the next matching requests get an error status, a delay or a dropped connection.",
            [LuaParameterDoc("rule", "table", "a fault rule as docs/emulator.md describes it: `route`, `status`, `code`, `message`, `retryAfter`, `delayMs`, `drop`, `count`, `nth`, `probability`, `seed`")],
            returns: [LuaReturnDoc("integer[]", "the IDs of the rules added")],
            example: """
                hdc.emulator.fault{route = "GET /products/{productId}", status = 503, retryAfter = 1, count = 10}
                """)
        ) { b in
            let rule = try b.body(1, .any)
            // The emulator checks the rest of the rule and says what is wrong; a rule without a
            // route is a mistake in the call itself.
            guard try OptionsTable(stack: b.stack, index: b.index(1)).string("route") != nil else {
                throw LuaArgumentError(argument: b.index(1), message: "field 'route': string expected, got nil")
            }
            return try adminCall(b, "POST", "/faults", body: rule) { call, answer in returningAnswer(call, answer?["ids"]) }
        }
    }

    private static var clearFaults: HDCBinding {
        HDCBinding(emulatorDoc("clear_faults", "Removes every fault rule.", example: "hdc.emulator.clear_faults()")) { b in
            try adminCall(b, "DELETE", "/faults")
        }
    }

    private static var rateLimit: HDCBinding {
        HDCBinding(emulatorDoc(
            "rate_limit", "Limits hardware API requests per minute (then 429 with Retry-After); nil removes the limit.",
            [LuaParameterDoc("requests_per_minute", "integer", optional: true, "the limit")],
            example: "hdc.emulator.rate_limit(10)")
        ) { b in
            if b.isAbsent(1) { return try adminCall(b, "DELETE", "/rate-limit") }
            let limit = try b.call.integer(b.index(1))
            return try adminCall(b, "POST", "/rate-limit", body: JSONBody(["requestsPerMinute": .integer(limit)]))
        }
    }

    private static var failAt: HDCBinding {
        HDCBinding(emulatorDoc(
            "fail_at", "Makes a submission fail at a step of the ingestion pipeline.",
            [
                LuaParameterDoc("submission", "integer|string", "a submission ID, or \"next\" for the next one created"),
                LuaParameterDoc("step", "string", "`packageInfoValidation`, `preparation`, `scanning`, `validation`, `catalogCreation`, `manualReview`, `signing` or `finalizeIngestion`"),
                LuaParameterDoc("messages", "string[]", optional: true, "the service's messages for the failure"),
            ],
            example: """
                hdc.emulator.fail_at("next", "scanning", {"Virus scan flagged contosowidget.sys."})
                """)
        ) { b in try planFailure(b, of: "submissions") }
    }

    private static var failLabelAt: HDCBinding {
        HDCBinding(emulatorDoc(
            "fail_label_at", "Makes a shipping label fail at a step of its pipeline (the run under way; a PATCH or a cancel starts a new one without the failure).",
            [
                LuaParameterDoc("label", "integer|string", "a shipping label ID, or \"next\" for the next one created"),
                LuaParameterDoc("step", "string", "`created`, `preProcessShippingLabel`, `finalizePreProcessing`, `publishJobValidation`, then `updateGeneration`, `microsoftApproval`, `publishing`, `finalizePublishing` (Windows Update) or `processSharing`, `finalizeSharing` (sharing)"),
                LuaParameterDoc("messages", "string[]", optional: true, "the service's messages for the failure"),
            ],
            example: """
                hdc.emulator.fail_label_at("next", "microsoftApproval", {"Business justification missing."})
                """)
        ) { b in try planFailure(b, of: "shipping-labels") }
    }

    /// `fail_at` and `fail_label_at`: (ID or "next", step, messages?) to the admin API.
    private static func planFailure(_ b: BindingCall, of collection: String) throws -> LuaReturn {
        let target = b.stack.type(at: b.index(1)) == .string ? try b.string(1) : String(try b.id(1))
        var body: [String: JSONValue] = ["step": .string(try b.string(2))]
        if !b.isAbsent(3) { body["messages"] = try b.body(3, .array(.string)).value }
        return try adminCall(b, "POST", "/\(collection)/\(target)/fail-at", body: JSONBody(.object(body)))
    }

    private static var expireSAS: HDCBinding {
        HDCBinding(emulatorDoc(
            "expire_sas", "Makes every SAS URL issued so far expire after some seconds (0: now).",
            [LuaParameterDoc("seconds", "number", optional: true, "default 0")],
            example: "hdc.emulator.expire_sas(0)")
        ) { b in
            let seconds = try b.call.number(b.index(1), default: 0)
            return try adminCall(b, "POST", "/sas/expire", body: JSONBody(["inSeconds": .number(seconds)]))
        }
    }

    private static var advanceClock: HDCBinding {
        HDCBinding(emulatorDoc(
            "advance_clock", "Moves the emulator's clock forward (pipelines, token and SAS expiry follow it).",
            [LuaParameterDoc("seconds", "number", "how far")],
            returns: [LuaReturnDoc("table", "`{now = …, offsetSeconds = …}`")],
            example: "hdc.emulator.advance_clock(3600)")
        ) { b in
            let seconds = try b.call.number(b.index(1))
            return try adminCall(b, "POST", "/clock/advance", body: JSONBody(["seconds": .number(seconds)]), deliver: returningAnswer)
        }
    }

    private static var requests: HDCBinding {
        HDCBinding(emulatorDoc(
            "requests", "Reads the emulator's request log: method, route, status, start and end of each request.",
            [LuaParameterDoc("since", "integer", optional: true, "only entries with a larger `sequence`")],
            returns: [LuaReturnDoc("table[]", "entries as docs/emulator.md shows them (`sequence`, `method`, `route`, `path`, `status`, `start`, `end`, `fault`)")],
            example: """
                local commits = 0
                for _, r in ipairs(hdc.emulator.requests()) do
                  if r.route:match("/commit$") then commits = commits + 1 end
                end
                """,
            access: .read)
        ) { b in
            let since = try b.call.integer(b.index(1), default: 0)
            return try adminCall(b, "GET", "/requests?since=\(since)") { call, answer in returningAnswer(call, answer?["requests"]) }
        }
    }

    private static var clearRequests: HDCBinding {
        HDCBinding(emulatorDoc("clear_requests", "Empties the request log.", example: "hdc.emulator.clear_requests()")) { b in
            try adminCall(b, "DELETE", "/requests")
        }
    }

    private static var reset: HDCBinding {
        HDCBinding(emulatorDoc(
            "reset", "Forgets every product, submission, label, blob, fault and log entry, and resets the clock.",
            example: "hdc.emulator.reset()")
        ) { b in try adminCall(b, "POST", "/reset") }
    }

    private static var state: HDCBinding {
        HDCBinding(emulatorDoc(
            "state", "Everything the emulator holds: clock, products, submissions, labels, blobs, faults, rate limit.",
            returns: [LuaReturnDoc("table", "as `GET /_emulator/state` answers")],
            example: "print(#hdc.emulator.state().products)", access: .read)
        ) { b in try adminCall(b, "GET", "/state", deliver: returningAnswer) }
    }

    private static var admin: HDCBinding {
        HDCBinding(emulatorDoc(
            "admin", "Sends any request of the admin API and returns its decoded answer.",
            [
                LuaParameterDoc("method", "string", "\"GET\", \"POST\", \"DELETE\""),
                LuaParameterDoc("path", "string", "below `/_emulator`, such as \"/scenario\""),
                LuaParameterDoc("body", "table", optional: true, "sent as JSON"),
            ],
            returns: [LuaReturnDoc("any", "the answer's JSON, or nil for an empty answer")],
            example: """
                hdc.emulator.admin("POST", "/scenario", {rateLimit = {requestsPerMinute = 60}})
                """)
        ) { b in
            let method = try b.string(1).uppercased()
            let path = try b.string(2)
            let body = b.isAbsent(3) ? nil : try b.body(3, .any)
            return try adminCall(b, method, path.hasPrefix("/") ? path : "/" + path, body: body, deliver: returningAnswer)
        }
    }
}
