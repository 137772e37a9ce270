extension JSONValue {
    /// This value with `overlay` laid over it: members of objects are merged key by key (members
    /// only this value has are kept), arrays of the same length element by element, and
    /// anything else is replaced by the overlay's value.
    ///
    /// How a model that keeps the JSON it came from writes itself back out: its modelled fields
    /// over what arrived, so that fields it does not model, nested ones included, nulls and
    /// empty strings are not lost.
    func overlaid(with overlay: JSONValue) -> JSONValue {
        switch (self, overlay) {
        case (.object(var base), .object(let top)):
            for (key, value) in top { base[key] = base[key].map { $0.overlaid(with: value) } ?? value }
            return .object(base)
        case (.array(let base), .array(let top)) where base.count == top.count:
            return .array(zip(base, top).map { $0.overlaid(with: $1) })
        default:
            return overlay
        }
    }
}
