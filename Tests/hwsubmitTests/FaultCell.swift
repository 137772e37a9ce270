import Foundation

/// One cell of the fault matrix: a request the submit workflow sends, what the emulator does to
/// it, and what the run must then end with.
struct FaultCell: Sendable, CustomStringConvertible {
    /// The requests a run sends, by the emulator's route names: those of `scripts/submit.lua`,
    /// then those that change the service beyond it (`Tests/lua/service_changes.lua`).
    enum Operation: String, CaseIterable, Sendable {
        case token = "token"
        case listProducts = "list products (before create)"
        case createProduct = "create product"
        case listSubmissions = "list submissions (before create)"
        case createSubmission = "create submission"
        case putBlob = "upload: put blob"
        case putBlock = "upload: put block"
        case putBlockList = "upload: put block list"
        case readForUpload = "get submission (upload URL)"
        case commit = "commit"
        case readForCommit = "get submission (before commit)"
        case pollSubmission = "get submission (polling)"
        case downloadSigned = "download signed package"
        case pipeline = "ingestion pipeline"
        /// The n-th request of the run, whatever it is (the cell's `nth`).
        case anyRequest = "request"
        case requestMetadata = "ask for driver metadata"
        case listLabels = "list shipping labels (before create)"
        case createLabel = "create shipping label"
        case updateLabel = "change shipping label"
        case cancelLabel = "cancel shipping label"
        case updateProduct = "rename product"
        case updateSubmission = "rename submission"

        var route: String {
            switch self {
            case .token: return "POST /{tenant}/oauth2/token"
            case .listProducts: return "GET /products"
            case .createProduct: return "POST /products"
            case .listSubmissions: return "GET /products/{productId}/submissions"
            case .createSubmission: return "POST /products/{productId}/submissions"
            case .putBlob: return "PUT blob"
            case .putBlock: return "PUT blob?comp=block"
            case .putBlockList: return "PUT blob?comp=blocklist"
            case .commit: return "POST /products/{productId}/submissions/{submissionId}/commit"
            case .readForUpload, .readForCommit, .pollSubmission: return "GET /products/{productId}/submissions/{submissionId}"
            case .downloadSigned: return "GET blob"
            case .pipeline: return ""
            case .anyRequest: return "*"
            case .requestMetadata: return "POST /products/{productId}/submissions/{submissionId}/createpublishermetadata"
            case .listLabels: return "GET /products/{productId}/submissions/{submissionId}/shippingLabels"
            case .createLabel: return "POST /products/{productId}/submissions/{submissionId}/shippingLabels"
            case .updateLabel: return "PATCH /products/{productId}/submissions/{submissionId}/shippingLabels/{shippingLabelId}"
            case .cancelLabel: return "PUT /products/{productId}/submissions/{submissionId}/shippingLabels/{shippingLabelId}/cancel"
            case .updateProduct: return "PATCH /products/{productId}"
            case .updateSubmission: return "PATCH /products/{productId}/submissions/{submissionId}"
            }
        }

        /// Put Block and Put Block List need a package over the single-put threshold (8 MiB).
        var needsLargePackage: Bool { self == .putBlock || self == .putBlockList }

        /// Whether `Tests/lua/service_changes.lua` is the run that sends it (not submit.lua).
        var isChangesFlow: Bool {
            [.requestMetadata, .listLabels, .createLabel, .updateLabel, .cancelLabel, .updateProduct, .updateSubmission].contains(self)
        }

        /// The nth request of the route to fault: the upload step reads the submission first
        /// (for its upload URL), the commit step second, and the third GET is the first poll.
        var nth: Int {
            switch self {
            case .readForCommit: return 2
            case .pollSubmission: return 3
            default: return 1
            }
        }

        /// Whether the request changes the service, so that "it landed but the answer was lost"
        /// is a fault of its own.
        var changesState: Bool {
            [.createProduct, .createSubmission, .commit, .putBlock, .putBlockList, .putBlob, .requestMetadata, .createLabel,
             .updateLabel, .cancelLabel, .updateProduct, .updateSubmission].contains(self)
        }
    }

    /// What the emulator does.
    enum Fault: Sendable, Equatable, CustomStringConvertible {
        /// Answers with this status once (429 with `Retry-After: 1`).
        case status(Int)
        /// Closes the connection without an answer, once.
        case drop
        /// Handles the request, then closes the connection without an answer, once.
        case dropAfterHandling
        /// Handles the request, then answers 503 instead of its answer, once.
        case unavailableAfterHandling
        /// Answers once only after the client's attempt timeout has passed.
        case slow
        /// The access token expires while the submission is being ingested.
        case expiredToken
        /// The upload URL expires between the client reading it and using it.
        case expiredUploadURL
        /// The signed package's URL expires between the client reading it and using it.
        case expiredDownloadURL
        /// The submission fails at this step of the pipeline.
        case failAt(String)
        /// Answers with this status to every attempt.
        case persistentStatus(Int)
        /// Closes every connection without an answer.
        case persistentDrop
        /// Answers every attempt only after the client's attempt timeout.
        case persistentSlow

        var description: String {
            switch self {
            case .status(429): return "429 + Retry-After"
            case .status(let status): return "\(status)"
            case .drop: return "dropped connection"
            case .dropAfterHandling: return "answer lost after it landed"
            case .unavailableAfterHandling: return "503 after it landed"
            case .slow: return "slow answer past the timeout"
            case .expiredToken: return "expired token"
            case .expiredUploadURL: return "expired SAS (upload)"
            case .expiredDownloadURL: return "expired SAS (download)"
            case .failAt(let step): return "fails at \(step)"
            case .persistentStatus(429): return "429 on every attempt"
            case .persistentStatus(let status): return "\(status) on every attempt"
            case .persistentDrop: return "every connection dropped"
            case .persistentSlow: return "every answer past the timeout"
            }
        }

        /// The transient faults every operation is crossed with.
        static let transient: [Fault] = [.status(429), .status(500), .status(502), .status(503), .status(504), .drop, .slow]
    }

    /// What the run must end with.
    enum Outcome: Sendable, CustomStringConvertible {
        /// Exit 0, one product, one submission, a verified signed package.
        case completes
        /// This exit status, fast, and stderr naming the fault.
        case fails(status: Int32, naming: String)

        var description: String {
            switch self {
            case .completes: return "completes, 1 product, 1 submission"
            case .fails(let status, let naming): return "exit \(status), \"\(naming)\""
            }
        }
    }

    let operation: Operation
    let fault: Fault
    let expected: Outcome
    /// Which request of the route gets the fault (default: the operation's own).
    var nth: Int?

    init(operation: Operation, fault: Fault, expected: Outcome, nth: Int? = nil) {
        self.operation = operation
        self.fault = fault
        self.expected = expected
        self.nth = nth
    }

    /// The request of the route the fault hits.
    var faultedRequest: Int { nth ?? operation.nth }

    var operationDescription: String {
        operation == .anyRequest ? "request #\(faultedRequest) of the run" : operation.rawValue
    }

    var description: String { "\(operationDescription) × \(fault)" }

    /// What the cell must end with, as the matrix's table says it.
    var expectedDescription: String {
        guard case .completes = expected, operation.isChangesFlow else { return expected.description }
        return "completes, 1 label changed and cancelled, renamed"
    }

    /// How many requests of a submit.lua run the sweep faults, one cell each. A run sends at
    /// least this many: the token, the listings and creates, the upload and its check, the reads
    /// around the commit and the commit, and the first poll come first (eleven, in an order that
    /// does not depend on timing), then more polls and the download's two requests.
    static let sweptRequests = 13

    /// The emulator's ingestion steps, in order.
    static let pipelineSteps = [
        "packageInfoValidation", "preparation", "scanning", "validation", "catalogCreation", "manualReview", "signing",
        "finalizeIngestion",
    ]

    /// Every cell: each request of submit.lua crossed with each transient fault, each request
    /// that changes the service with an answer lost (dropped, or a 503) after it took effect,
    /// the first requests of a run each faulted in turn, the expiries, a failure at each
    /// pipeline step, and faults that outlast the retries.
    static let all: [FaultCell] = {
        var cells: [FaultCell] = []
        for operation in Operation.allCases where operation != .pipeline && operation != .anyRequest {
            // The requests of the changes flow run after a whole submission: each is crossed with
            // what it must reconcile (an answer lost after it landed), the listing with a 503.
            let transient: [Fault] = operation.isChangesFlow ? (operation == .listLabels ? [.status(503), .drop] : []) : Fault.transient
            for fault in transient { cells.append(FaultCell(operation: operation, fault: fault, expected: .completes)) }
            if operation.changesState {
                cells.append(FaultCell(operation: operation, fault: .dropAfterHandling, expected: .completes))
                cells.append(FaultCell(operation: operation, fault: .unavailableAfterHandling, expected: .completes))
            }
        }
        // The n-th request of a run, whatever it is, answered 503 after it took effect.
        for n in 1...sweptRequests {
            cells.append(FaultCell(operation: .anyRequest, fault: .unavailableAfterHandling, expected: .completes, nth: n))
        }
        cells.append(FaultCell(operation: .pollSubmission, fault: .expiredToken, expected: .completes))
        cells.append(FaultCell(operation: .putBlob, fault: .expiredUploadURL, expected: .completes))
        cells.append(FaultCell(operation: .downloadSigned, fault: .expiredDownloadURL, expected: .completes))
        for step in pipelineSteps {
            cells.append(FaultCell(operation: .pipeline, fault: .failAt(step), expected: .fails(status: 7, naming: "Injected failure at \(step)")))
        }
        cells += [
            FaultCell(operation: .token, fault: .persistentStatus(400), expected: .fails(status: 3, naming: "400")),
            FaultCell(operation: .createProduct, fault: .persistentStatus(400), expected: .fails(status: 1, naming: "400")),
            FaultCell(operation: .createSubmission, fault: .persistentStatus(404), expected: .fails(status: 4, naming: "404")),
            FaultCell(operation: .commit, fault: .persistentStatus(409), expected: .fails(status: 5, naming: "409")),
            FaultCell(operation: .createProduct, fault: .persistentStatus(429), expected: .fails(status: 6, naming: "429")),
            FaultCell(operation: .pollSubmission, fault: .persistentStatus(503), expected: .fails(status: 9, naming: "503")),
            FaultCell(operation: .putBlob, fault: .persistentStatus(500), expected: .fails(status: 8, naming: "500")),
            FaultCell(operation: .token, fault: .persistentDrop, expected: .fails(status: 8, naming: "connection")),
            FaultCell(operation: .downloadSigned, fault: .persistentSlow, expected: .fails(status: 9, naming: "no answer within")),
        ]
        return cells
    }()
}
