import DevCenter
import Foundation
import HTTPTypes
import Hummingbird

/// The dashboard page a submission's `certificationReport` download points to, as the service
/// hands it out: `…/dashboard/hardware/Driver/DownloadCertificationReport/{publisher}/{product}/{submission}`.
/// At the service it needs a browser signed in to Partner Center; the emulator shows the report
/// to anyone, as a page. Outside the hardware API: not authenticated, faulted or logged.
enum DashboardPage {
    /// The path every dashboard page starts with, lower-cased.
    static let prefix = "/dashboard/"

    /// The page's URL for a submission.
    static func certificationReportURL(origin: String, productID: Int64, submissionID: Int64) -> String {
        "\(origin)/dashboard/hardware/Driver/DownloadCertificationReport/\(EmulatorDefaults.publisherID)/\(productID)/\(submissionID)"
    }

    static func respond(to request: Request, hardware: HardwareService) -> Response {
        let parts = request.uri.path.split(separator: "/").map { $0.lowercased() }
        guard request.method == .get, parts.count == 7,
            parts[0...3] == ["dashboard", "hardware", "driver", "downloadcertificationreport"],
            let submissionID = Int64(parts[6]), let productID = Int64(parts[5]),
            let report = hardware.store.blob(BlobStore.Key(
                container: "submission-\(submissionID)", name: HardwareService.BlobName.certificationReport)),
            hardware.state.withLock({ $0.submissions[submissionID]?.productId == productID })
        else {
            return page(.notFound, "Not found", "No certification report is at \(request.uri.path). Take the URL from the submission's certificationReport download.")
        }
        let text: String
        switch report.content {
        case .bytes(let data): text = String(decoding: data, as: UTF8.self)
        case .file(let url): text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        }
        return page(.ok, "Certification report of submission \(submissionID)", "<pre>" + XMLText.escape(text) + "</pre>", escaped: true)
    }

    private static func page(_ status: HTTPResponse.Status, _ title: String, _ body: String, escaped: Bool = false) -> Response {
        let html = "<!DOCTYPE html><html><head><title>\(XMLText.escape(title))</title></head><body><h1>\(XMLText.escape(title))</h1>"
            + (escaped ? body : "<p>\(XMLText.escape(body))</p>") + "</body></html>"
        var fields = HTTPFields()
        fields[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
