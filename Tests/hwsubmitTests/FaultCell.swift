import Foundation

/// One cell of the fault matrix: a request the submit workflow sends, what the emulator does to
/// it, and what the run must then end with.
struct FaultCell: Sendable, CustomStringConvertible {
    /// The requests `scripts/submit.lua` sends, by the emulator's route names.
    enum Operation: String, CaseIterable, Sendable {
        case token = "token"
        case createProduct = "create product"
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

        var route: String {
            switch self {
            case .token: return "POST /{tenant}/oauth2/token"
            case .createProduct: return "POST /products"
            case .createSubmission: return "POST /products/{productId}/submissions"
            case .putBlob: return "PUT blob"
            case .putBlock: return "PUT blob?comp=block"
            case .putBlockList: return "PUT blob?comp=blocklist"
            case .commit: return "POST /products/{productId}/submissions/{submissionId}/commit"
            case .readForUpload, .readForCommit, .pollSubmission: return "GET /products/{productId}/submissions/{submissionId}"
            case .downloadSigned: return "GET blob"
            case .pipeline: return ""
            }
        }

        /// Put Block and Put Block List need a package over the single-put threshold (8 MiB).
        var needsLargePackage: Bool { self == .putBlock || self == .putBlockList }

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
        var changesState: Bool { [.createProduct, .createSubmission, .commit, .putBlock, .putBlockList, .putBlob].contains(self) }
    }

    /// What the emulator does.
    enum Fault: Sendable, Equatable, CustomStringConvertible {
        /// Answers with this status once (429 with `Retry-After: 1`).
        case status(Int)
        /// Closes the connection without an answer, once.
        case drop
        /// Handles the request, then closes the connection without an answer, once.
        case dropAfterHandling
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

    var description: String { "\(operation.rawValue) × \(fault)" }

    /// The emulator's ingestion steps, in order.
    static let pipelineSteps = [
        "packageInfoValidation", "preparation", "scanning", "validation", "catalogCreation", "manualReview", "signing",
        "finalizeIngestion",
    ]

    /// Every cell: each operation crossed with each transient fault (and a lost answer for the
    /// requests that change the service), the expiries, a failure at each pipeline step, and
    /// faults that outlast the retries.
    static let all: [FaultCell] = {
        var cells: [FaultCell] = []
        for operation in Operation.allCases where operation != .pipeline {
            for fault in Fault.transient { cells.append(FaultCell(operation: operation, fault: fault, expected: .completes)) }
            if operation.changesState {
                cells.append(FaultCell(operation: operation, fault: .dropAfterHandling, expected: .completes))
            }
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
