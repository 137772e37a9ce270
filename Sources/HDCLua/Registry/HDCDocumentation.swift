/// The documentation of the `hdc` modules beyond their functions (which come with the
/// bindings themselves): summaries, fields, and the kinds of values functions take and return.
enum HDCDocumentation {
    /// The class of `hdc.connect`'s clients, whose methods are `hdc`'s service functions.
    static let clientClass = "hdc.Client"

    static var module: LuaModuleDoc {
        LuaModuleDoc(
            name: "hdc",
            summary: "The Hardware Dev Center API: products, submissions, uploads, waiting for signing, shipping labels; tasks that run side by side.",
            description: """
                `hdc` is a global in every script (also `require "hdc"`). Its functions talk to the service through the default client, which the interpreter configures (`--profile`, `--base-url`, `--emulator`, the `HDC_*` environment variables, or a profile of `config.lua`); `hdc.connect` makes others.

                Arguments are the service's JSON shapes as Lua tables; results are plain tables holding every field the service sent, with 64-bit IDs as Lua integers and JSON null as `hdc.null`, so `hdc.json.encode(result)` gives the same JSON back. Functions that name a submission take either a submission table or the product ID and submission ID; shipping labels likewise.

                Misuse raises Lua's own `bad argument #n to 'name' (...)`. A failed service call raises an `hdc.Error` table (`code`, `kind`, `status`, `message`, `advice`, `validation_errors`, `request_id`, `correlation_id`, `retryable`, …) whose `tostring` says what happened and what to do; `pcall` callers branch on `err.code` or `err.kind`. Where "nothing there" is an ordinary answer (`find_product`) the result is nil and a message.

                Every call that waits for the service lets other tasks run meanwhile: the main chunk and each `hdc.spawn`ed function are tasks, `hdc.parallel` runs a function over many items at once, and `coroutine.wrap` and `coroutine.resume` keep working around `hdc` calls. Where a coroutine cannot yield (a `table.sort` comparator, a `string.gsub` callback) the call simply waits. Ctrl-C cancels everything in flight and raises an `hdc.Error` with `kind = "interrupted"`.
                """,
            functions: HDCModule.bindings.map(\.doc).filter { $0.module == "hdc" || $0.module == "hdc.Task" },
            fields: [
                LuaFieldDoc("null", "userdata", "what JSON `null` is in results (the same value as `hdc.json.null`); pass it to send `null`"),
                LuaFieldDoc("json", "table", "the JSON codec: `hdc.json.decode`, `hdc.json.encode`, `hdc.json.array`, `hdc.json.object`, `hdc.json.null`"),
                LuaFieldDoc("Error", "table", "the metatable of every `hdc.Error`: `getmetatable(err) == hdc.Error`"),
                LuaFieldDoc("version", "string", "hwsubmit's version"),
                LuaFieldDoc("preprod", "table", "pre-production signing (see `hdc.preprod`): `submit`, `status`, `assets`, `wait`, `download`"),
                LuaFieldDoc("emulator", "table", "the emulator's admin functions (see `hdc.emulator`); present only when hwsubmit runs with `--emulator`"),
            ],
            classes: classes)
    }

    static var jsonModule: LuaModuleDoc {
        LuaModuleDoc(
            name: "hdc.json",
            summary: "JSON that keeps 64-bit integers exact and tells `null`, empty arrays and empty objects apart.",
            functions: HDCModule.jsonBindings.map(\.doc),
            fields: [LuaFieldDoc("null", "userdata", "what `null` decodes to, and encodes from (the same value as `hdc.null`)")])
    }

    static var emulatorModule: LuaModuleDoc {
        LuaModuleDoc(
            name: "hdc.emulator",
            summary: "The emulator's admin API, for scripts and tests run with `--emulator`: faults, rate limits, failures at a step, SAS expiry, the clock and the request log.",
            description: "Requests go to the admin API of the emulator `hwsubmit --emulator` started (docs/emulator.md, \"The admin API\"). Bodies and answers use the admin API's own field names (`retryAfter`, `delayMs`, `requestsPerMinute`).",
            availability: "only when hwsubmit runs with --emulator",
            functions: HDCModule.emulatorBindings.map(\.doc),
            fields: [
                LuaFieldDoc("admin_url", "string", "the admin API's URL (`http://127.0.0.1:PORT/_emulator`)"),
                LuaFieldDoc("base_url", "string", "the emulated hardware API's base URL"),
            ])
    }

    private static var classes: [LuaClassDoc] {
        [
            LuaClassDoc(
                "hdc.Product", "A product as the service sent it; every field is kept.",
                fields: [
                    LuaFieldDoc("id", "integer", "64-bit product ID"),
                    LuaFieldDoc("sharedProductId", "integer", "64-bit shared product ID"),
                    LuaFieldDoc("productName", "string", "the product's name"),
                    LuaFieldDoc("requestedSignatures", "string[]", "OS codes such as WINDOWS_v100_X64_RS5_FULL"),
                    LuaFieldDoc("deviceType", "string", "internal, external, internalExternal, notSet"),
                    LuaFieldDoc("testHarness", "string", "attestation, hlk, …"),
                    LuaFieldDoc("isCommitted", "boolean", "whether it has a committed submission"),
                ],
                isOpen: true),
            LuaClassDoc(
                "hdc.Submission", "A submission as the service sent it; every field is kept.",
                fields: [
                    LuaFieldDoc("id", "integer", "64-bit submission ID"),
                    LuaFieldDoc("productId", "integer", "its product's ID"),
                    LuaFieldDoc("name", "string", "its name"),
                    LuaFieldDoc("type", "string", "initial or derived"),
                    LuaFieldDoc("commitStatus", "string", "commitPending, commitReceived, commitComplete, commitFailed"),
                    LuaFieldDoc("workflowStatus", "table", "`currentStep`, `state`, `messages`, `errorReport`"),
                    LuaFieldDoc("downloads", "table", "`items`: `{type = \"initialPackage\"|\"signedPackage\"|\"driverMetadata\"|…, url = SAS URL}`"),
                ],
                isOpen: true),
            LuaClassDoc(
                "hdc.ShippingLabel", "A shipping label as the service sent it; every field is kept.",
                fields: [
                    LuaFieldDoc("id", "integer", "64-bit label ID"),
                    LuaFieldDoc("productId", "integer", "its product's ID"),
                    LuaFieldDoc("submissionId", "integer", "its submission's ID"),
                    LuaFieldDoc("name", "string", "its name"),
                    LuaFieldDoc("destination", "string", "windowsUpdate or anotherPartner"),
                    LuaFieldDoc("workflowStatus", "table", "`currentStep`, `state`, `messages`"),
                ],
                isOpen: true),
            LuaClassDoc(
                "hdc.Audience", "An audience a label may be restricted to.",
                fields: [
                    LuaFieldDoc("id", "string", "the audience's ID"),
                    LuaFieldDoc("name", "string", "its name"),
                    LuaFieldDoc("description", "string", "what it is"),
                ],
                isOpen: true),
            LuaClassDoc(
                "hdc.Error", "What a failed service call (or Ctrl-C, or a failed local file operation) raises. `tostring(err)` gives one paragraph: what happened, to what, what to do.",
                fields: [
                    LuaFieldDoc("code", "string", "the service's error code (`entityNotFound`, `requestInvalidForCurrentState`, `invalidInput`, …) or else the kind"),
                    LuaFieldDoc("kind", "string", "`configuration`, `authentication`, `forbidden`, `notFound`, `invalidInput`, `invalidState`, `rateLimited`, `server`, `network`, `timeout`, `uncertainOutcome`, `workflowFailed`, `invalidResponse`, `urlExpired`, `localFile`, `interrupted`, `cancelled`, `io`, `script`"),
                    LuaFieldDoc("message", "string", "what happened, to what"),
                    LuaFieldDoc("advice", "string", "what to do next"),
                    LuaFieldDoc("status", "integer|nil", "the HTTP status, when the service answered"),
                    LuaFieldDoc("validation_errors", "table[]", "`{target = field, message = why}` for each field the service refused"),
                    LuaFieldDoc("details", "string[]", "further lines: the pipeline's messages, the matches of an uncertain create"),
                    LuaFieldDoc("request_id", "string|nil", "MS-RequestId: give it to Microsoft support"),
                    LuaFieldDoc("correlation_id", "string|nil", "MS-CorrelationId of the client"),
                    LuaFieldDoc("retryable", "boolean", "whether the same request may succeed later"),
                    LuaFieldDoc("retry_after", "number|nil", "seconds the service asked to wait"),
                    LuaFieldDoc("attempts", "integer", "how many times it was tried"),
                    LuaFieldDoc("operation", "string|nil", "`METHOD /path` of the failed request"),
                    LuaFieldDoc("delivery", "string|nil", "`notSent`, `uncertain` or `answered`: whether the request reached the service"),
                    LuaFieldDoc("error_report_url", "string|nil", "the service's error report of a failed submission (a SAS URL)"),
                    LuaFieldDoc("submission", "hdc.Submission|nil", "for a failed `hdc.wait`: the submission as last seen"),
                    LuaFieldDoc("shipping_label", "hdc.ShippingLabel|nil", "for a failed `hdc.wait_shipping_label`: the label as last seen"),
                ]),
            LuaClassDoc("hdc.Task", "A function running beside the others (`hdc.spawn`): `task:wait()`, `task:cancel()`, `task:status()`."),
            LuaClassDoc(clientClass, "A client for another account or service URL (`hdc.connect`): every service function of `hdc` is a method, `client:products()`."),
            LuaClassDoc(
                "hdc.WaitChange", "What `on_change` gets when a wait sees the step, state or commit status change.",
                fields: [
                    LuaFieldDoc("step", "string|nil", "the current step: packageInfoValidation, preparation, scanning, validation, catalogCreation, manualReview, signing, finalizeIngestion"),
                    LuaFieldDoc("state", "string|nil", "notStarted, started, failed, completed (of the current step)"),
                    LuaFieldDoc("commit_status", "string|nil", "the submission's commit status"),
                    LuaFieldDoc("elapsed", "number", "seconds since the wait began"),
                    LuaFieldDoc("summary", "string", "\"scanning: started (commitReceived)\""),
                    LuaFieldDoc("submission", "hdc.Submission|nil", "the submission as fetched (`shipping_label` for label waits)"),
                ]),
            LuaClassDoc(
                "hdc.Progress", "Where a submission or shipping label stands (`hdc.progress`), by the completion rules `hdc.wait` applies.",
                fields: [
                    LuaFieldDoc("kind", "string", "`submission` or `shipping label`"),
                    LuaFieldDoc("outcome", "string", "`inProgress`, `succeeded` or `failed`"),
                    LuaFieldDoc("done", "boolean", "true once it succeeded or failed"),
                    LuaFieldDoc("succeeded", "boolean", "a submission: a `signedPackage` download, or `finalizeIngestion` completed (`completed` at an earlier step is progress); a label: its last step completed"),
                    LuaFieldDoc("failed", "boolean", "a step failed, or the submission's commit did"),
                    LuaFieldDoc("step", "string|nil", "the workflow status's current step, as the service sent it"),
                    LuaFieldDoc("state", "string|nil", "the state of that step: notStarted, started, failed, completed"),
                    LuaFieldDoc("commit_status", "string|nil", "a submission's commit status"),
                    LuaFieldDoc("committed", "boolean|nil", "a submission: its commit landed (received, complete or failed), so it must not be sent again"),
                    LuaFieldDoc("summary", "string", "\"scanning: started (commitReceived)\", as an `hdc.WaitChange` says it"),
                    LuaFieldDoc("messages", "string[]", "the service's messages (for a failed submission, those of its downloads too)"),
                    LuaFieldDoc("error_report_url", "string|nil", "a failure's error report (a SAS URL: show it through `hdc.redact`)"),
                ]),
            LuaClassDoc(
                "hdc.UploadResult", "What `hdc.upload` sent.",
                fields: [
                    LuaFieldDoc("method", "string", "`singlePut` (one request) or `blocks`"),
                    LuaFieldDoc("bytes", "integer", "the file's size"),
                    LuaFieldDoc("checksum", "string", "what every block carried for the service to check: `crc64` or `md5`"),
                    LuaFieldDoc("content_crc64", "string", "the whole file's CRC-64 (Azure Storage's), base64, composed from the blocks'"),
                    LuaFieldDoc("content_md5", "string|nil", "the whole file's MD5, base64, when it was computed (`file_md5`, or a single put with `checksum = \"md5\"`); the blob records it as its `Content-MD5`"),
                    LuaFieldDoc("block_size", "integer", "bytes per block"),
                    LuaFieldDoc("block_count", "integer", "blocks of the file (1 for a single put)"),
                    LuaFieldDoc("blocks_sent", "integer", "blocks this run sent"),
                    LuaFieldDoc("blocks_resumed", "integer", "blocks already at the service from an earlier run, not sent again"),
                    LuaFieldDoc("bytes_sent", "integer", "bytes this run sent"),
                    LuaFieldDoc("retries", "integer", "requests sent again after a transient failure"),
                    LuaFieldDoc("url_refreshes", "integer", "fresh SAS URLs fetched after the first expired"),
                    LuaFieldDoc("duration", "number", "seconds"),
                    LuaFieldDoc("bytes_per_second", "number", "bytes sent per second"),
                ]),
            LuaClassDoc(
                "hdc.DownloadResult", "What `hdc.download` received.",
                fields: [
                    LuaFieldDoc("path", "string", "the file written"),
                    LuaFieldDoc("bytes", "integer", "its size"),
                    LuaFieldDoc("content_md5", "string|nil", "the blob's MD5, base64, when the service gives one"),
                    LuaFieldDoc("md5_verified", "boolean", "whether the file was checked against it"),
                    LuaFieldDoc("requests", "integer", "requests made (ranges included)"),
                    LuaFieldDoc("retries", "integer", "requests sent again after a transient failure"),
                    LuaFieldDoc("url_refreshes", "integer", "fresh SAS URLs fetched after the first expired"),
                    LuaFieldDoc("duration", "number", "seconds"),
                    LuaFieldDoc("bytes_per_second", "number", "bytes received per second"),
                ]),
            LuaClassDoc(
                "hdc.TransferProgress", "What `on_progress` of `hdc.upload` and `hdc.download` gets.",
                fields: [
                    LuaFieldDoc("direction", "string", "`upload` or `download`"),
                    LuaFieldDoc("phase", "string", "`preparing`, `transferring`, `committing`, `verifying`, `done`"),
                    LuaFieldDoc("bytes_done", "integer", "bytes at their destination so far (resumed blocks included)"),
                    LuaFieldDoc("total_bytes", "integer", "the file's size"),
                    LuaFieldDoc("resumed_bytes", "integer", "bytes an earlier run had sent already"),
                    LuaFieldDoc("fraction", "number", "from 0 to 1"),
                    LuaFieldDoc("bytes_per_second", "number", "the recent rate"),
                    LuaFieldDoc("elapsed", "number", "seconds since the transfer began"),
                    LuaFieldDoc("eta", "number|nil", "seconds left at the recent rate"),
                    LuaFieldDoc("summary", "string", "\"upload: 412.0 MiB of 1.0 GiB (40%), 96.3 MiB/s, transferring\""),
                ]),
            LuaClassDoc(
                "hdc.ParallelFailure", "One failed item of `hdc.parallel`.",
                fields: [
                    LuaFieldDoc("index", "integer", "its position in the items"),
                    LuaFieldDoc("item", "any", "the item"),
                    LuaFieldDoc("error", "any", "what it raised (an `hdc.Error` for service failures)"),
                ]),
            LuaClassDoc(
                "hdc.Whoami", "Which account and service a client uses, and where each setting came from; no secret.",
                fields: [
                    LuaFieldDoc("profile", "string|nil", "the profile of config.lua in use"),
                    LuaFieldDoc("tenant_id", "string|nil", "the Entra ID tenant"),
                    LuaFieldDoc("client_id", "string|nil", "the app registration's client ID"),
                    LuaFieldDoc("base_url", "string", "the hardware API's base URL"),
                    LuaFieldDoc("authority", "string|nil", "the token endpoint's host"),
                    LuaFieldDoc("token_endpoint", "string|nil", "v1 or v2"),
                    LuaFieldDoc("credentials", "string", "\"client secret\", \"access token\" or \"token provider\""),
                    LuaFieldDoc("emulator", "boolean", "whether it talks to the emulator `--emulator` started"),
                    LuaFieldDoc("sources", "table<string, string>", "setting → where it came from (\"environment variable HDC_TENANT_ID\", \"profile \\\"contoso\\\"\", \"given explicitly\", \"default\")"),
                ]),
        ]
    }
}
