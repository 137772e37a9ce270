import NIOConcurrencyHelpers

/// A value tests set from a callback and read afterwards.
final class Shared<Value: Sendable>: Sendable {
    private let box: NIOLockedValueBox<Value>
    init(_ value: Value) { box = NIOLockedValueBox(value) }
    var value: Value {
        get { box.withLockedValue { $0 } }
        set { box.withLockedValue { $0 = newValue } }
    }
    func update<T>(_ change: (inout Value) -> T) -> T { box.withLockedValue(change) }
}
