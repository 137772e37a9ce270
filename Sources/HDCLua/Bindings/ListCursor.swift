import DevCenter
import LuaKit

/// The state behind an `hdc` list iterator (`hdc.products()`): pages are fetched one at a
/// time, as the loop asks for more, and handed out item by item.
///
/// The page iterator is used by one fetch at a time (``next(_:runtime:)`` refuses a second
/// while one is in flight); the buffer is touched on the Lua thread only.
final class ListCursor<Element: ServiceResource>: @unchecked Sendable {
    private var pages: PagedSequence<Element>.PageIterator
    private var buffer: [Element] = []
    private var index = 0
    private var finished = false
    private var fetching = false

    init(_ pages: PagedSequence<Element>.PageIterator) {
        self.pages = pages
    }

    /// The iterator function's body: the next item, or nil after the last one.
    func next(_ call: LuaCall, runtime: HDCRuntime) throws -> LuaReturn {
        if index < buffer.count {
            runtime.transferURLs.record(buffer[index].json)
            call.stack.push(json: buffer[index].json)
            index += 1
            return .values(1)
        }
        if finished {
            call.stack.pushNil()
            return .values(1)
        }
        guard !fetching else {
            throw HDCError.script(
                "this list is already being fetched by another task",
                advice: "Read an iterator from one task at a time; call the list function again for another task.")
        }
        fetching = true
        return try runtime.perform(call, { try await self.fetchPage() }) { call, outcome in
            self.fetching = false
            guard let page = try outcome.get() else {
                self.finished = true
                call.stack.pushNil()
                return .values(1)
            }
            self.buffer = page
            self.index = 1
            runtime.transferURLs.record(page[0].json)
            call.stack.push(json: page[0].json)
            return .values(1)
        }
    }

    /// The next page with items (the service may send an empty page with a link to more).
    private func fetchPage() async throws -> [Element]? {
        while let page = try await pages.next() {
            if !page.isEmpty { return page }
        }
        return nil
    }
}

extension BindingCall {
    /// Returns an iterator function over the items of the list `make` gives for the client.
    func iterator<Element: ServiceResource>(_ make: @escaping (DevCenterClient) -> PagedSequence<Element>) throws -> LuaReturn {
        let cursor = ListCursor(make(try client().client).pages.makeAsyncIterator())
        let runtime = self.runtime
        stack.push(function: { call in try cursor.next(call, runtime: runtime) })
        return .values(1)
    }
}

/// Ends a binding with one resource as a table.
func returning(_ json: JSONValue, _ call: LuaCall) -> LuaReturn {
    call.stack.push(json: json)
    return .values(1)
}
