extension Array where Element: Sendable {
    /// `transform` of each element, in the array's order, with at most `width` running at once:
    /// the export's story reads wait on SQLite's reader threads, and one at a time they left a
    /// core idle.
    func boundedMap<T: Sendable>(width: Int, _ transform: @escaping @Sendable (Element) async throws -> T)
        async throws -> [T]
    {
        try await withThrowingTaskGroup(of: (Int, T).self) { group in
            var results = [T?](repeating: nil, count: count)
            for (index, element) in enumerated() {
                if index >= width, let (done, result) = try await group.next() { results[done] = result }
                group.addTask { (index, try await transform(element)) }
            }
            for try await (done, result) in group { results[done] = result }
            return results.map { $0! }
        }
    }
}

extension Array {
    /// The elements in consecutive pieces of `size` (the last holds what is left), in order: the
    /// export reads and renders its stories and editions a batch at a time.
    func pieces(of size: Int) -> [ArraySlice<Element>] {
        precondition(size > 0)
        return stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
