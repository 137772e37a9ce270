import DevCenter

/// A resource the service sends (product, submission, shipping label, audience): scripts get
/// the JSON it came from, every field included.
protocol ServiceResource: Decodable, Sendable {
    var json: JSONValue { get }
}

extension Product: ServiceResource {}
extension Submission: ServiceResource {}
extension ShippingLabel: ServiceResource {}
extension Audience: ServiceResource {}
