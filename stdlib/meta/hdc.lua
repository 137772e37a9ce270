---@meta hdc
-- Annotations of hwsubmit's Lua API for lua-language-server: add this folder to
-- "workspace.library". Generated from the binding registry by `hwsubmit doc --write`; do not edit.

---The Hardware Dev Center API: products, submissions, uploads, waiting for signing, shipping labels; tasks that run side by side.
---@class hdc
---@field null userdata what JSON `null` is in results (the same value as `hdc.json.null`); pass it to send `null`
---@field Error table the metatable of every `hdc.Error`: `getmetatable(err) == hdc.Error`
---@field version string hwsubmit's version
hdc = {}

---Iterates over every product of the account, fetching pages as the loop asks for more.
---@return fun(): hdc.Product|nil iterator # for a generic `for`: each call gives the next product
function hdc.products() end

---Fetches one product.
---@param product_id integer the product's ID (a string of digits also works)
---@return hdc.Product # every field the service sent
function hdc.product(product_id) end

---Finds the product with a name, or returns nil and a message when there is none.
---@param query table `{name = "…"}`: the product name to look for (exact match)
---@return hdc.Product|nil product # the first product with that name
---@return string|nil message # why there is none
function hdc.find_product(query) end

---Creates a product, exactly once, and returns it as the service answered.
---@param product table the service's product fields: `productName` and `requestedSignatures` are required; `testHarness` (default "Attestation"), `deviceType` (default "external"), `selectedProductTypes`, `announcementDate`, `firmwareVersion`, `marketingNames`, `deviceMetadataIds`, `isTestSign`, `isFlightSign`, `isExtensionInf`, `additionalAttributes`; other fields are sent as given
---@return hdc.Product # the new product, with its 64-bit `id`
function hdc.create_product(product) end

---Changes a product's name, marketing names or announcement date.
---@param product_id integer the product's ID
---@param changes table `productName`, `marketingNames`, `announcementDate`: the only fields the service lets change
function hdc.update_product(product_id, changes) end

---Iterates over the submissions of a product, fetching pages as the loop asks for more.
---@param product integer|hdc.Product the product's ID, or a product table
---@return fun(): hdc.Submission|nil iterator # each call gives the next submission
function hdc.submissions(product) end

---Fetches one submission, with its workflow status and its downloads (fresh SAS URLs).
---@param submission hdc.Submission|integer a submission table (its `productId` and `id` are used), or the product ID followed by the submission ID
---@return hdc.Submission # every field the service sent
function hdc.submission(submission) end

---Creates a submission of a product, exactly once; its `downloads` hold the upload URL.
---@param product integer|hdc.Product the product's ID, or a product table
---@param submission table `name` (required) and `type` ("initial", the default, or "derived"); other fields are sent as given
---@return hdc.Submission # the new submission
function hdc.create_submission(product, submission) end

---Renames a submission (the only change the service allows).
---@param submission hdc.Submission|integer a submission table (its `productId` and `id` are used), or the product ID followed by the submission ID
---@param changes table `{name = "…"}`
function hdc.update_submission(submission, changes) end

---Commits a submission once its package is uploaded: the service starts ingesting it.
---@param submission hdc.Submission|integer a submission table (its `productId` and `id` are used), or the product ID followed by the submission ID
function hdc.commit(submission) end

---Asks the service to produce a signed submission's `driverMetadata` download (it can take hours).
---@param submission hdc.Submission|integer a submission table (its `productId` and `id` are used), or the product ID followed by the submission ID
function hdc.request_metadata(submission) end

---Waits until a committed submission is signed, and returns it; raises `workflowFailed` if the service fails it.
---@param submission hdc.Submission|integer a submission table (its `productId` and `id` are used), or the product ID followed by the submission ID
---@param options? table `timeout` (seconds, or a duration such as "6h"; default 6 hours), `interval` (between polls at first, default 30 s; it grows while nothing changes), `max_interval` (default 300 s), `on_change` (a function called with an `hdc.WaitChange` on each change of step, state or commit status; it may call `hdc`)
---@return hdc.Submission # the submission as last fetched, with its `signedPackage` download
function hdc.wait(submission, options) end

---Uploads a package file to a submission (or to any SAS URL), in parallel blocks; a rerun sends only the blocks missing.
---@param target hdc.Submission|integer|string a submission table, the product ID followed by the submission ID, or a SAS URL
---@param path string the package file
---@param options? table `concurrency` (blocks or ranges in flight, 1 to 64, default 4), `block_size` (bytes, default 8 MiB), `single_put_threshold` (bytes up to which one request carries the whole file, default 8 MiB), `request_timeout` (seconds for one request, default 300 or `HDC_REQUEST_TIMEOUT`), `max_url_refreshes` (fresh SAS URLs it may fetch, default 3), `checksum` (upload: what every block carries for the service to check, `crc64` (default) or `md5`), `file_md5` (upload: `true` also computes the whole file's MD5, in the same pass, and records it as the blob's `Content-MD5`; default false), `on_progress` (a function called with an `hdc.TransferProgress` about twice a second and at each phase; it may call `hdc`)
---@return hdc.UploadResult # what was sent
function hdc.upload(target, path, options) end

---Downloads a submission's signed package, driver metadata or report to a file (or any SAS URL), checked against its MD5.
---@param target hdc.Submission|integer|string a submission table, the product ID followed by the submission ID, or a SAS URL (then no `kind`)
---@param kind string the download's `type`: "signedPackage", "driverMetadata", "errorReport", "initialPackage", …
---@param path string the file to write (replaced only once the download is complete and checked)
---@param options? table `concurrency` (blocks or ranges in flight, 1 to 64, default 4), `block_size` (bytes, default 8 MiB), `single_put_threshold` (bytes up to which one request carries the whole file, default 8 MiB), `request_timeout` (seconds for one request, default 300 or `HDC_REQUEST_TIMEOUT`), `max_url_refreshes` (fresh SAS URLs it may fetch, default 3), `checksum` (upload: what every block carries for the service to check, `crc64` (default) or `md5`), `file_md5` (upload: `true` also computes the whole file's MD5, in the same pass, and records it as the blob's `Content-MD5`; default false), `on_progress` (a function called with an `hdc.TransferProgress` about twice a second and at each phase; it may call `hdc`)
---@return hdc.DownloadResult # what was received
function hdc.download(target, kind, path, options) end

---The URL of a submission's download of a kind, as the submission table names it; nil when it has none yet.
---@param submission hdc.Submission a submission table, as `hdc.submission` or `hdc.wait` returns it
---@param kind string the download's `type`: "signedPackage", "driverMetadata", "certificationReport", "errorReport", …
---@return string|nil url # the URL, or nil
function hdc.download_url(submission, kind) end

---Iterates over the shipping labels of a submission, fetching pages as the loop asks for more.
---@param submission hdc.Submission|integer a submission table (its `productId` and `id` are used), or the product ID followed by the submission ID
---@return fun(): hdc.ShippingLabel|nil iterator # each call gives the next label
function hdc.shipping_labels(submission) end

---Fetches one shipping label, with its targeting when asked.
---@param label hdc.ShippingLabel|integer a shipping label table (its `productId`, `submissionId` and `id` are used), or the product, submission and label IDs
---@param options? table `include_targeting` (boolean, default false): also fetch `targeting`
---@return hdc.ShippingLabel # every field the service sent
function hdc.shipping_label(label, options) end

---Creates a shipping label for a signed submission, exactly once.
---@param submission hdc.Submission|integer a submission table (its `productId` and `id` are used), or the product ID followed by the submission ID
---@param label table the service's label fields: `name` (required), `destination` ("windowsUpdate", the default, or "anotherPartner"), `publishingSpecifications`, `recipientSpecifications`, `targeting` (`hardwareIds` from the submission's driver metadata, `chids`, `restrictedToAudiences`, `inServicePublishInfo`)
---@return hdc.ShippingLabel # the new label
function hdc.create_shipping_label(submission, label) end

---Adds or removes hardware IDs, CHIDs and audiences of a shipping label.
---@param label hdc.ShippingLabel|integer a shipping label table (its `productId`, `submissionId` and `id` are used), or the product, submission and label IDs
---@param changes table `targeting` (`hardwareIds` and `chids` each with `action = "add"` or `"remove"`, `restrictedToAudiences`, `inServicePublishInfo`, and the `businessJustification` for the change) and, for a label shared with a partner, `recipientSpecifications` (`enforceChidTargeting`, `blockDuaCreation`)
function hdc.update_shipping_label(label, changes) end

---Cancels a shipping label's publication.
---@param label hdc.ShippingLabel|integer a shipping label table (its `productId`, `submissionId` and `id` are used), or the product, submission and label IDs
function hdc.cancel_shipping_label(label) end

---Waits until a shipping label is published (or shared), or with `["until"] = "approval"` until Microsoft approved it, and returns it; raises `workflowFailed` if it fails.
---@param label hdc.ShippingLabel|integer a shipping label table (its `productId`, `submissionId` and `id` are used), or the product, submission and label IDs
---@param options? table `timeout` (seconds, or a duration such as "6h"; default 6 hours), `interval` (between polls at first, default 30 s; it grows while nothing changes), `max_interval` (default 300 s), `on_change` (a function called with an `hdc.WaitChange` on each change of step, state or commit status; it may call `hdc`), `until` (written `["until"]`, since `until` is a Lua keyword: "published", the default, the label's last step completed; or "approval", `microsoftApproval` completed, for a Windows Update label)
---@return hdc.ShippingLabel # the label as last fetched
function hdc.wait_shipping_label(label, options) end

---Lists the audiences a shipping label may be restricted to.
---@return hdc.Audience[] # every audience (`id`, `name`, `description`, `audienceName`)
function hdc.audiences() end

---Finds the submission in this account that a partner's submission was shared as, from the partner's publisher, product and submission IDs.
---@param publisher_id integer|string the partner's publisher (seller) ID
---@param product_id integer the product's ID in the partner's account
---@param submission_id integer the submission's ID in the partner's account
---@return hdc.Submission # the shared submission, with this account's `productId` and `id`
function hdc.partner_submission(publisher_id, product_id, submission_id) end

---Lists the submissions of the products partners shared with this account.
---@return hdc.Submission[] # list items, product by product (`hdc.submission(item)` fetches one whole)
function hdc.shared_submissions() end

---Asks for a submission's driver metadata when it has none (`createpublishermetadata`) and waits until its `driverMetadata` download appears; returns the submission.
---@param submission hdc.Submission|integer a submission table (its `productId` and `id` are used), or the product ID followed by the submission ID
---@param options? table `timeout` (seconds, or a duration such as "6h"; default 6 hours), `interval` (between polls at first, default 30 s; it grows while nothing changes), `max_interval` (default 300 s), `on_change` (a function called with an `hdc.WaitChange` on each change of step, state or commit status; it may call `hdc`), `request` (boolean, default true: ask for the metadata first when the submission has none; false only waits, as when resuming a wait asked for earlier)
---@return hdc.Submission # the submission as last fetched, with its `driverMetadata` download
function hdc.wait_metadata(submission, options) end

---Runs a function as a task beside the caller: it starts at the caller's next wait and goes on while others wait for the service.
---@param fn function the task's body
---@param ... any arguments for it
---@return hdc.Task # `task:wait()` returns its results or raises its error
function hdc.spawn(fn, ...) end

---Calls `fn(item, index)` for every item, several at a time, and returns the results in input order with the failures collected per item.
---@param items any[] a sequence
---@param fn fun(item: any, index: integer): any called once per item, in a task of its own pool
---@param options? table `concurrency` (how many items at once, default 8), `fail_fast` (boolean, default false: on the first failure, stop taking items, cancel those in flight and raise that error)
---@return any[] results # `results[i]` is the first value `fn(items[i], i)` returned (nil for a failed item)
---@return hdc.ParallelFailure[]|nil failures # nil when every item succeeded; otherwise one `{index = i, item = items[i], error = err}` per failed item, in input order
function hdc.parallel(items, fn, options) end

---Pauses the calling task; other tasks go on meanwhile.
---@param seconds number how long (fractions allowed; 0 just lets other tasks run)
function hdc.sleep(seconds) end

---The time, in seconds since 1970 with a fraction: for timestamps and for measuring how long something took.
---@return number # seconds since 1970-01-01T00:00:00Z
function hdc.now() end

---Reads an iterator (such as `hdc.products()`) into an array.
---@param iterator function called until it returns nil
---@param limit? integer stop after this many items
---@return any[] # the items, in order
function hdc.collect(iterator, limit) end

---Makes another client (another account, profile or service URL); it has every service function of `hdc` as a method.
---@param settings table `profile` (a profile of config.lua), or the settings themselves: `base_url`, `tenant_id`, `client_id`, `authority`, `token_endpoint` ("v1" or "v2"), `credential` ("auto", "client_secret", "certificate", "federated_token", "github_actions", "managed_identity", "access_token"), and where the proof is: `client_secret_env` (an environment variable's name), `client_secret_file` (a file's path), `access_token_env`; `certificate_path` (PEM or PKCS#12) with `certificate_passphrase_env`, `certificate_algorithm` ("RS256" or "PS256") and `send_certificate_chain`; `federated_token_file` or `federated_token_command` (and `federated_audience` for GitHub Actions); `managed_identity_client_id`; or `pool`, a list of profile names used in turn. Unset ones come from the environment (`HDC_*`), except with `profile`. With none of these, the new client uses the default client's service and account. How it behaves: `max_attempts` (tries per request, default 6), `deadline` (seconds per operation, retries included, default 300), `request_timeout` (per attempt, seconds or a duration such as "30s"; default the run's: a script's `hdc.set_request_timeout`, `--request-timeout`, `HDC_REQUEST_TIMEOUT`, the profile's `request_timeout`, else 60 s), `requests_per_minute` (a client-side rate limit)
---@return hdc.Client # call the service through it: `client:products()`, `client:create_product{…}`
function hdc.connect(settings) end

---Tells which account and service the client uses and where each setting came from; never a secret.
---@return hdc.Whoami # `profile`, `tenant_id`, `client_id`, `base_url`, `authority`, `credentials` (which way it signs in: "client secret", "certificate", "federated token (GitHub Actions)", "managed identity", "access token", "pool of N"), `certificate_thumbprint`, `federated_token_source`, `managed_identity`, `token_endpoint`, `emulator`, `pool` (the members of a pool), and `sources` (setting name → where it came from)
function hdc.whoami() end

---Sets how long one HTTP request of the default client (and of transfers given no `request_timeout`) may wait for its answer.
---@param timeout number|string seconds, or a duration such as "30s", "400ms", "2m"
function hdc.set_request_timeout(timeout) end

---Reads a duration as every option of hwsubmit, its scripts and its emulator writes it, in seconds: "90", "2s", "400ms", "5m", "6h".
---@param text string|number the duration; a bare number is seconds
---@return number|nil seconds # the duration in seconds, or nil and a message when it is not one
function hdc.duration(text) end

---Tells whether a value is an `hdc.Error` (what failed service calls raise).
---@param value any typically what `pcall` returned
---@return boolean # true for an `hdc.Error` table
function hdc.is_error(value) end

---Makes an `hdc.Error` (without raising it), for a script's own failures: `error(hdc.new_error{…})` exits with the status of its kind, as the service's errors do.
---@param fields table `kind` (required: one of the kinds of `hdc.Error`, such as `timeout`, `invalidInput`, `notFound`), `message` (required: what happened, to what), `advice` (what to do next), `code` (default: the kind), `details` (string[]), `retryable` (default false)
---@return hdc.Error # the error table, with the metatable `hdc.Error`
function hdc.new_error(fields) end

---Text with every secret hwsubmit knows blanked: SAS signatures, tokens, client secrets, as hwsubmit's own logs and errors show them.
---@param text string text that may hold a SAS URL, a token or a secret (a number is taken as its text)
---@param field? string the name of the field `text` is the value of: a secret field (`sig`, `access_token`, `client_secret`, `authorization`, …) is blanked whole
---@return string # the text, each secret replaced by `<redacted>`
function hdc.redact(text, field) end

---Where a submission or shipping label stands by the service's completion rules, the ones `hdc.wait` and `hdc.wait_shipping_label` apply.
---@param resource hdc.Submission|hdc.ShippingLabel a submission or a shipping label as `hdc` returned it (a table with `submissionId` is a label)
---@return hdc.Progress # `done`, `succeeded`, `failed`, `outcome`, `step`, `state`, `commit_status`, `committed`, `summary`, `messages`, `error_report_url`
function hdc.progress(resource) end

---JSON that keeps 64-bit integers exact and tells `null`, empty arrays and empty objects apart.
---@class hdc.json
---@field null userdata what `null` decodes to, and encodes from (the same value as `hdc.null`)
hdc.json = {}

---Decodes JSON text: integers stay exact 64-bit integers, `null` is `hdc.null`, empty arrays and objects stay what they were.
---@param text string JSON text
---@return any # the value
function hdc.json.decode(text) end

---Encodes a value as JSON text; a table the service sent encodes back to the same JSON.
---@param value any tables, strings, numbers, booleans, `hdc.null`
---@param options? table `pretty` (true: two-space indentation and sorted keys), `indent` (spaces per level), `sort_keys` (boolean)
---@return string # JSON text
function hdc.json.encode(value, options) end

---Marks a table (a new one when none is given) to encode as a JSON array, even when empty.
---@param table? table the table to mark
---@return table # the same table
function hdc.json.array(table) end

---Marks a table (a new one when none is given) to encode as a JSON object, even when empty or shaped like a sequence.
---@param table? table the table to mark
---@return table # the same table
function hdc.json.object(table) end

---Pre-production signing: send a driver package, follow its signing status, list and download what Microsoft signed.
---@class hdc.preprod
hdc.preprod = {}

---Sends a driver package for pre-production signing (`PUT /preprod/packages/`), streamed from disk, and returns the new package.
---@param path string the package: a .zip or .cab, signed as for attestation
---@return hdc.PreprodPackage # the new package: `id`, `signingStatus` ("NotStarted"), every field the service sent
function hdc.preprod.submit(path) end

---Fetches a pre-production package: its `signingStatus` ("NotStarted", "Processing", "Succeeded", "Failed"), its `error` and its `assets`.
---@param package hdc.PreprodPackage|string a package table (its `id` is used), or the package's ID
---@return hdc.PreprodPackage # every field the service sent
function hdc.preprod.status(package) end

---Lists the assets of a pre-production package: the signed package (`assetType` "SignedFilesZip") once it is signed, none before.
---@param package hdc.PreprodPackage|string a package table (its `id` is used), or the package's ID
---@return hdc.PreprodAsset[] # each asset: `id`, `packageId`, `assetType`, `createdDate`, `contentHash` (SHA-256)
function hdc.preprod.assets(package) end

---Waits until a pre-production package is signed (`Succeeded`), and returns it; raises `workflowFailed` if signing fails.
---@param package hdc.PreprodPackage|string a package table (its `id` is used), or the package's ID
---@param options? table `timeout` (seconds, or a duration such as "6h"; default 6 hours), `interval` (between polls at first, default 30 s; it grows while nothing changes), `max_interval` (default 300 s), `on_change` (a function called with an `hdc.WaitChange` on each change of step, state or commit status; it may call `hdc`)
---@return hdc.PreprodPackage # the package as last fetched
function hdc.preprod.wait(package, options) end

---Downloads an asset of a pre-production package (the signed package) to a file.
---@param asset hdc.PreprodAsset|string an asset table (its `packageId` and `id` are used), or the package's ID followed by the asset's ID
---@param path string the file to write (it appears only once the download is complete)
---@param options? table `concurrency` (blocks or ranges in flight, 1 to 64, default 4), `block_size` (bytes, default 8 MiB), `single_put_threshold` (bytes up to which one request carries the whole file, default 8 MiB), `request_timeout` (seconds for one request, default 300 or `HDC_REQUEST_TIMEOUT`), `max_url_refreshes` (fresh SAS URLs it may fetch, default 3), `checksum` (upload: what every block carries for the service to check, `crc64` (default) or `md5`), `file_md5` (upload: `true` also computes the whole file's MD5, in the same pass, and records it as the blob's `Content-MD5`; default false), `on_progress` (a function called with an `hdc.TransferProgress` about twice a second and at each phase; it may call `hdc`)
---@return hdc.DownloadResult # what was received
function hdc.preprod.download(asset, path, options) end

---The emulator's admin API, for scripts and tests run with `--emulator`: faults, rate limits, failures at a step, SAS expiry, the clock and the request log.
---@class hdc.emulator
---@field admin_url string the admin API's URL (`http://127.0.0.1:PORT/_emulator`)
---@field base_url string the emulated hardware API's base URL
hdc.emulator = {}

---Injects a fault: the next matching requests get an error status, a delay or a dropped connection.
---@param rule table a fault rule as docs/emulator.md describes it: `route`, `status`, `code`, `message`, `retryAfter`, `delayMs`, `drop`, `count`, `nth`, `probability`, `seed`
---@return integer[] # the IDs of the rules added
function hdc.emulator.fault(rule) end

---Removes every fault rule.
function hdc.emulator.clear_faults() end

---Limits hardware API requests per minute (then 429 with Retry-After); nil removes the limit.
---@param requests_per_minute? integer the limit
function hdc.emulator.rate_limit(requests_per_minute) end

---Makes a submission fail at a step of the ingestion pipeline.
---@param submission integer|string a submission ID, or "next" for the next one created
---@param step string `packageInfoValidation`, `preparation`, `scanning`, `validation`, `catalogCreation`, `manualReview`, `signing` or `finalizeIngestion`
---@param messages? string[] the service's messages for the failure
function hdc.emulator.fail_at(submission, step, messages) end

---Makes a shipping label fail at a step of its pipeline (the run under way; a PATCH or a cancel starts a new one without the failure).
---@param label integer|string a shipping label ID, or "next" for the next one created
---@param step string `created`, `preProcessShippingLabel`, `finalizePreProcessing`, `publishJobValidation`, then `updateGeneration`, `microsoftApproval`, `publishing`, `finalizePublishing` (Windows Update) or `processSharing`, `finalizeSharing` (sharing)
---@param messages? string[] the service's messages for the failure
function hdc.emulator.fail_label_at(label, step, messages) end

---Makes every SAS URL issued so far expire after some seconds (0: now).
---@param seconds? number default 0
function hdc.emulator.expire_sas(seconds) end

---Moves the emulator's clock forward (pipelines, token and SAS expiry follow it).
---@param seconds number how far
---@return table # `{now = …, offsetSeconds = …}`
function hdc.emulator.advance_clock(seconds) end

---Reads the emulator's request log: method, route, status, start and end of each request.
---@param since? integer only entries with a larger `sequence`
---@return table[] # entries as docs/emulator.md shows them (`sequence`, `method`, `route`, `path`, `status`, `start`, `end`, `fault`)
function hdc.emulator.requests(since) end

---Empties the request log.
function hdc.emulator.clear_requests() end

---Forgets every product, submission, label, blob, fault and log entry, and resets the clock.
function hdc.emulator.reset() end

---Everything the emulator holds: clock, products, submissions, labels, blobs, faults, rate limit.
---@return table # as `GET /_emulator/state` answers
function hdc.emulator.state() end

---Sends any request of the admin API and returns its decoded answer.
---@param method string "GET", "POST", "DELETE"
---@param path string below `/_emulator`, such as "/scenario"
---@param body? table sent as JSON
---@return any # the answer's JSON, or nil for an empty answer
function hdc.emulator.admin(method, path, body) end
