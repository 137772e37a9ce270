---@meta
-- Annotations of hwsubmit's Lua API for lua-language-server: add this folder to
-- "workspace.library". Generated from the binding registry by `hwsubmit doc --write`; do not edit.

---A product as the service sent it; every field is kept.
---@class hdc.Product
---@field id integer 64-bit product ID
---@field sharedProductId integer 64-bit shared product ID
---@field productName string the product's name
---@field requestedSignatures string[] OS codes such as WINDOWS_v100_X64_RS5_FULL
---@field deviceType string internal, external, internalExternal, notSet
---@field testHarness string attestation, hlk, …
---@field isCommitted boolean whether it has a committed submission
---@field [string] any

---A submission as the service sent it; every field is kept.
---@class hdc.Submission
---@field id integer 64-bit submission ID
---@field productId integer its product's ID
---@field name string its name
---@field type string initial or derived
---@field commitStatus string commitPending, commitReceived, commitComplete, commitFailed
---@field workflowStatus table `currentStep`, `state`, `messages`, `errorReport`
---@field downloads table `items`: `{type = "initialPackage"|"signedPackage"|"driverMetadata"|…, url = SAS URL}`
---@field [string] any

---A shipping label as the service sent it; every field is kept.
---@class hdc.ShippingLabel
---@field id integer 64-bit label ID
---@field productId integer its product's ID
---@field submissionId integer its submission's ID
---@field name string its name
---@field destination string windowsUpdate or anotherPartner
---@field workflowStatus table `currentStep`, `state`, `messages`
---@field [string] any

---An audience a label may be restricted to.
---@class hdc.Audience
---@field id string the audience's ID
---@field name string its name
---@field description string what it is
---@field [string] any

---What a failed service call (or Ctrl-C, or a failed local file operation) raises. `tostring(err)` gives one paragraph: what happened, to what, what to do.
---@class hdc.Error
---@field code string the service's error code (`entityNotFound`, `requestInvalidForCurrentState`, `invalidInput`, …) or else the kind
---@field kind string `configuration`, `authentication`, `forbidden`, `notFound`, `invalidInput`, `invalidState`, `rateLimited`, `server`, `network`, `timeout`, `uncertainOutcome`, `workflowFailed`, `invalidResponse`, `urlExpired`, `localFile`, `interrupted`, `cancelled`, `io`, `script`
---@field message string what happened, to what
---@field advice string what to do next
---@field status integer|nil the HTTP status, when the service answered
---@field validation_errors table[] `{target = field, message = why}` for each field the service refused
---@field details string[] further lines: the pipeline's messages, the matches of an uncertain create
---@field request_id string|nil MS-RequestId: give it to Microsoft support
---@field correlation_id string|nil MS-CorrelationId of the client
---@field retryable boolean whether the same request may succeed later
---@field retry_after number|nil seconds the service asked to wait
---@field attempts integer how many times it was tried
---@field operation string|nil `METHOD /path` of the failed request
---@field delivery string|nil `notSent`, `uncertain` or `answered`: whether the request reached the service
---@field error_report_url string|nil the service's error report of a failed submission (a SAS URL)
---@field submission hdc.Submission|nil for a failed `hdc.wait`: the submission as last seen
---@field shipping_label hdc.ShippingLabel|nil for a failed `hdc.wait_shipping_label`: the label as last seen

---What `on_change` gets when a wait sees the step, state or commit status change.
---@class hdc.WaitChange
---@field step string|nil the current step: packageInfoValidation, preparation, scanning, validation, catalogCreation, manualReview, signing, finalizeIngestion
---@field state string|nil notStarted, started, failed, completed (of the current step)
---@field commit_status string|nil the submission's commit status
---@field elapsed number seconds since the wait began
---@field summary string "scanning: started (commitReceived)"
---@field submission hdc.Submission|nil the submission as fetched (`shipping_label` for label waits)

---Where a submission or shipping label stands (`hdc.progress`), by the completion rules `hdc.wait` applies.
---@class hdc.Progress
---@field kind string `submission` or `shipping label`
---@field outcome string `inProgress`, `succeeded` or `failed`
---@field done boolean true once it succeeded or failed
---@field succeeded boolean a submission: a `signedPackage` download, or `finalizeIngestion` completed (`completed` at an earlier step is progress); a label: its last step completed
---@field failed boolean a step failed, or the submission's commit did
---@field step string|nil the workflow status's current step, as the service sent it
---@field state string|nil the state of that step: notStarted, started, failed, completed
---@field commit_status string|nil a submission's commit status
---@field committed boolean|nil a submission: its commit landed (received, complete or failed), so it must not be sent again
---@field summary string "scanning: started (commitReceived)", as an `hdc.WaitChange` says it
---@field messages string[] the service's messages (for a failed submission, those of its downloads too)
---@field error_report_url string|nil a failure's error report (a SAS URL: show it through `hdc.redact`)

---What `hdc.upload` sent.
---@class hdc.UploadResult
---@field method string `singlePut` (one request) or `blocks`
---@field bytes integer the file's size
---@field checksum string what every block carried for the service to check: `crc64` or `md5`
---@field content_crc64 string the whole file's CRC-64 (Azure Storage's), base64, composed from the blocks'
---@field content_md5 string|nil the whole file's MD5, base64, when it was computed (`file_md5`, or a single put with `checksum = "md5"`); the blob records it as its `Content-MD5`
---@field block_size integer bytes per block
---@field block_count integer blocks of the file (1 for a single put)
---@field blocks_sent integer blocks this run sent
---@field blocks_resumed integer blocks already at the service from an earlier run, not sent again
---@field bytes_sent integer bytes this run sent
---@field retries integer requests sent again after a transient failure
---@field url_refreshes integer fresh SAS URLs fetched after the first expired
---@field duration number seconds
---@field bytes_per_second number bytes sent per second

---What `hdc.download` received.
---@class hdc.DownloadResult
---@field path string the file written
---@field bytes integer its size
---@field content_md5 string|nil the blob's MD5, base64, when the service gives one
---@field md5_verified boolean whether the file was checked against it
---@field requests integer requests made (ranges included)
---@field retries integer requests sent again after a transient failure
---@field url_refreshes integer fresh SAS URLs fetched after the first expired
---@field duration number seconds
---@field bytes_per_second number bytes received per second

---What `on_progress` of `hdc.upload` and `hdc.download` gets.
---@class hdc.TransferProgress
---@field direction string `upload` or `download`
---@field phase string `preparing`, `transferring`, `committing`, `verifying`, `done`
---@field bytes_done integer bytes at their destination so far (resumed blocks included)
---@field total_bytes integer the file's size
---@field resumed_bytes integer bytes an earlier run had sent already
---@field fraction number from 0 to 1
---@field bytes_per_second number the recent rate
---@field elapsed number seconds since the transfer began
---@field eta number|nil seconds left at the recent rate
---@field summary string "upload: 412.0 MiB of 1.0 GiB (40%), 96.3 MiB/s, transferring"

---One failed item of `hdc.parallel`.
---@class hdc.ParallelFailure
---@field index integer its position in the items
---@field item any the item
---@field error any what it raised (an `hdc.Error` for service failures)

---Which account and service a client uses, and where each setting came from; no secret.
---@class hdc.Whoami
---@field profile string|nil the profile of config.lua in use
---@field tenant_id string|nil the Entra ID tenant
---@field client_id string|nil the app registration's client ID
---@field base_url string the hardware API's base URL
---@field authority string|nil the token endpoint's host
---@field token_endpoint string|nil v1 or v2
---@field credentials string "client secret", "access token" or "token provider"
---@field emulator boolean whether it talks to the emulator `--emulator` started
---@field sources table<string, string> setting → where it came from ("environment variable HDC_TENANT_ID", "profile \"contoso\"", "given explicitly", "default")

---A package sent for pre-production signing; every field the service sent is kept.
---@class hdc.PreprodPackage
---@field id string the package's ID
---@field signingStatus string NotStarted, Processing, Succeeded, Failed
---@field error table `message`: why signing failed (empty until then)
---@field assets hdc.PreprodAsset[]|nil the signed files, once signed (as `hdc.preprod.assets` lists them)
---@field lastModified string when the package last changed
---@field [string] any

---A file made from a pre-production package: the signed files.
---@class hdc.PreprodAsset
---@field id string the asset's ID
---@field packageId string the package it belongs to
---@field assetType string "SignedFilesZip": the package signed by Microsoft
---@field createdDate string when it was made
---@field contentHash string SHA-256 of its content
---@field [string] any

---A function running beside the others (`hdc.spawn`): `task:wait()`, `task:cancel()`, `task:status()`.
---@class hdc.Task
local Task = {}

---Waits for the task to end; returns what its function returned, or raises the error it raised.
---@return any ... # the task's results
function Task:wait() end

---Cancels the task: what it waits for fails with kind `cancelled` (its service call is abandoned), and a task not started yet never runs.
function Task:cancel() end

---Where the task stands: "ready", "running", "waiting", "finished" or "failed".
---@return string # the status
function Task:status() end

---A client for another account or service URL (`hdc.connect`): every service function of `hdc` is a method, `client:products()`.
---@class hdc.Client
local Client = {}

---Iterates over every product of the account, fetching pages as the loop asks for more.
---@return fun(): hdc.Product|nil iterator # for a generic `for`: each call gives the next product
function Client:products() end

---Fetches one product.
---@param product_id integer the product's ID (a string of digits also works)
---@return hdc.Product # every field the service sent
function Client:product(product_id) end

---Finds the product with a name, or returns nil and a message when there is none.
---@param query table `{name = "…"}`: the product name to look for (exact match)
---@return hdc.Product|nil product # the first product with that name
---@return string|nil message # why there is none
function Client:find_product(query) end

---Creates a product, exactly once, and returns it as the service answered.
---@param product table the service's product fields: `productName` and `requestedSignatures` are required; `testHarness` (default "Attestation"), `deviceType` (default "external"), `selectedProductTypes`, `announcementDate`, `firmwareVersion`, `marketingNames`, `deviceMetadataIds`, `isTestSign`, `isFlightSign`, `isExtensionInf`, `additionalAttributes`; other fields are sent as given
---@return hdc.Product # the new product, with its 64-bit `id`
function Client:create_product(product) end

---Changes a product's name, marketing names or announcement date.
---@param product_id integer the product's ID
---@param changes table `productName`, `marketingNames`, `announcementDate`: the only fields the service lets change
function Client:update_product(product_id, changes) end

---Iterates over the submissions of a product, fetching pages as the loop asks for more.
---@param product integer|hdc.Product the product's ID, or a product table
---@return fun(): hdc.Submission|nil iterator # each call gives the next submission
function Client:submissions(product) end

---Fetches one submission, with its workflow status and its downloads (fresh SAS URLs).
---@param submission hdc.Submission|integer a submission table (its `productId` and `id` are used), or the product ID followed by the submission ID
---@return hdc.Submission # every field the service sent
function Client:submission(submission) end

---Creates a submission of a product, exactly once; its `downloads` hold the upload URL.
---@param product integer|hdc.Product the product's ID, or a product table
---@param submission table `name` (required) and `type` ("initial", the default, or "derived"); other fields are sent as given
---@return hdc.Submission # the new submission
function Client:create_submission(product, submission) end

---Renames a submission (the only change the service allows).
---@param submission hdc.Submission|integer a submission table (its `productId` and `id` are used), or the product ID followed by the submission ID
---@param changes table `{name = "…"}`
function Client:update_submission(submission, changes) end

---Commits a submission once its package is uploaded: the service starts ingesting it.
---@param submission hdc.Submission|integer a submission table (its `productId` and `id` are used), or the product ID followed by the submission ID
function Client:commit(submission) end

---Asks the service to produce a signed submission's `driverMetadata` download (it can take hours).
---@param submission hdc.Submission|integer a submission table (its `productId` and `id` are used), or the product ID followed by the submission ID
function Client:request_metadata(submission) end

---Waits until a committed submission is signed, and returns it; raises `workflowFailed` if the service fails it.
---@param submission hdc.Submission|integer a submission table (its `productId` and `id` are used), or the product ID followed by the submission ID
---@param options? table `timeout` (seconds, or a duration such as "6h"; default 6 hours), `interval` (between polls at first, default 30 s; it grows while nothing changes), `max_interval` (default 300 s), `on_change` (a function called with an `hdc.WaitChange` on each change of step, state or commit status; it may call `hdc`)
---@return hdc.Submission # the submission as last fetched, with its `signedPackage` download
function Client:wait(submission, options) end

---Uploads a package file to a submission (or to any SAS URL), in parallel blocks; a rerun sends only the blocks missing.
---@param target hdc.Submission|integer|string a submission table, the product ID followed by the submission ID, or a SAS URL
---@param path string the package file
---@param options? table `concurrency` (blocks or ranges in flight, 1 to 64, default 4), `block_size` (bytes, default 8 MiB), `single_put_threshold` (bytes up to which one request carries the whole file, default 8 MiB), `request_timeout` (seconds for one request, default 300 or `HDC_REQUEST_TIMEOUT`), `max_url_refreshes` (fresh SAS URLs it may fetch, default 3), `checksum` (upload: what every block carries for the service to check, `crc64` (default) or `md5`), `file_md5` (upload: `true` also computes the whole file's MD5, in the same pass, and records it as the blob's `Content-MD5`; default false), `on_progress` (a function called with an `hdc.TransferProgress` about twice a second and at each phase; it may call `hdc`)
---@return hdc.UploadResult # what was sent
function Client:upload(target, path, options) end

---Downloads a submission's signed package, driver metadata or report to a file (or any SAS URL), checked against its MD5.
---@param target hdc.Submission|integer|string a submission table, the product ID followed by the submission ID, or a SAS URL (then no `kind`)
---@param kind string the download's `type`: "signedPackage", "driverMetadata", "errorReport", "initialPackage", …
---@param path string the file to write (replaced only once the download is complete and checked)
---@param options? table `concurrency` (blocks or ranges in flight, 1 to 64, default 4), `block_size` (bytes, default 8 MiB), `single_put_threshold` (bytes up to which one request carries the whole file, default 8 MiB), `request_timeout` (seconds for one request, default 300 or `HDC_REQUEST_TIMEOUT`), `max_url_refreshes` (fresh SAS URLs it may fetch, default 3), `checksum` (upload: what every block carries for the service to check, `crc64` (default) or `md5`), `file_md5` (upload: `true` also computes the whole file's MD5, in the same pass, and records it as the blob's `Content-MD5`; default false), `on_progress` (a function called with an `hdc.TransferProgress` about twice a second and at each phase; it may call `hdc`)
---@return hdc.DownloadResult # what was received
function Client:download(target, kind, path, options) end

---Iterates over the shipping labels of a submission, fetching pages as the loop asks for more.
---@param submission hdc.Submission|integer a submission table (its `productId` and `id` are used), or the product ID followed by the submission ID
---@return fun(): hdc.ShippingLabel|nil iterator # each call gives the next label
function Client:shipping_labels(submission) end

---Fetches one shipping label, with its targeting when asked.
---@param label hdc.ShippingLabel|integer a shipping label table (its `productId`, `submissionId` and `id` are used), or the product, submission and label IDs
---@param options? table `include_targeting` (boolean, default false): also fetch `targeting`
---@return hdc.ShippingLabel # every field the service sent
function Client:shipping_label(label, options) end

---Creates a shipping label for a signed submission, exactly once.
---@param submission hdc.Submission|integer a submission table (its `productId` and `id` are used), or the product ID followed by the submission ID
---@param label table the service's label fields: `name` (required), `destination` ("windowsUpdate", the default, or "anotherPartner"), `publishingSpecifications`, `recipientSpecifications`, `targeting` (`hardwareIds` from the submission's driver metadata, `chids`, `restrictedToAudiences`, `inServicePublishInfo`)
---@return hdc.ShippingLabel # the new label
function Client:create_shipping_label(submission, label) end

---Adds or removes hardware IDs, CHIDs and audiences of a shipping label.
---@param label hdc.ShippingLabel|integer a shipping label table (its `productId`, `submissionId` and `id` are used), or the product, submission and label IDs
---@param changes table `targeting` (`hardwareIds` and `chids` each with `action = "add"` or `"remove"`, `restrictedToAudiences`, `inServicePublishInfo`, and the `businessJustification` for the change) and, for a label shared with a partner, `recipientSpecifications` (`enforceChidTargeting`, `blockDuaCreation`)
function Client:update_shipping_label(label, changes) end

---Cancels a shipping label's publication.
---@param label hdc.ShippingLabel|integer a shipping label table (its `productId`, `submissionId` and `id` are used), or the product, submission and label IDs
function Client:cancel_shipping_label(label) end

---Waits until a shipping label is published (or shared), or with `["until"] = "approval"` until Microsoft approved it, and returns it; raises `workflowFailed` if it fails.
---@param label hdc.ShippingLabel|integer a shipping label table (its `productId`, `submissionId` and `id` are used), or the product, submission and label IDs
---@param options? table `timeout` (seconds, or a duration such as "6h"; default 6 hours), `interval` (between polls at first, default 30 s; it grows while nothing changes), `max_interval` (default 300 s), `on_change` (a function called with an `hdc.WaitChange` on each change of step, state or commit status; it may call `hdc`), `until` (written `["until"]`, since `until` is a Lua keyword: "published", the default, the label's last step completed; or "approval", `microsoftApproval` completed, for a Windows Update label)
---@return hdc.ShippingLabel # the label as last fetched
function Client:wait_shipping_label(label, options) end

---Lists the audiences a shipping label may be restricted to.
---@return hdc.Audience[] # every audience (`id`, `name`, `description`, `audienceName`)
function Client:audiences() end

---Finds the submission in this account that a partner's submission was shared as, from the partner's publisher, product and submission IDs.
---@param publisher_id integer|string the partner's publisher (seller) ID
---@param product_id integer the product's ID in the partner's account
---@param submission_id integer the submission's ID in the partner's account
---@return hdc.Submission # the shared submission, with this account's `productId` and `id`
function Client:partner_submission(publisher_id, product_id, submission_id) end

---Lists the submissions of the products partners shared with this account.
---@return hdc.Submission[] # list items, product by product (`hdc.submission(item)` fetches one whole)
function Client:shared_submissions() end

---Asks for a submission's driver metadata when it has none (`createpublishermetadata`) and waits until its `driverMetadata` download appears; returns the submission.
---@param submission hdc.Submission|integer a submission table (its `productId` and `id` are used), or the product ID followed by the submission ID
---@param options? table `timeout` (seconds, or a duration such as "6h"; default 6 hours), `interval` (between polls at first, default 30 s; it grows while nothing changes), `max_interval` (default 300 s), `on_change` (a function called with an `hdc.WaitChange` on each change of step, state or commit status; it may call `hdc`), `request` (boolean, default true: ask for the metadata first when the submission has none; false only waits, as when resuming a wait asked for earlier)
---@return hdc.Submission # the submission as last fetched, with its `driverMetadata` download
function Client:wait_metadata(submission, options) end

---Tells which account and service the client uses and where each setting came from; never a secret.
---@return hdc.Whoami # `profile`, `tenant_id`, `client_id`, `base_url`, `authority`, `credentials` (which way it signs in: "client secret", "certificate", "federated token (GitHub Actions)", "managed identity", "access token", "pool of N"), `certificate_thumbprint`, `federated_token_source`, `managed_identity`, `token_endpoint`, `emulator`, `pool` (the members of a pool), and `sources` (setting name → where it came from)
function Client:whoami() end
