/// The children of an element that is still being read (a feed's channel while its items are
/// handed over one at a time) by name, brought up to date at each look-up by reading only the
/// children added since the last: asked at every item for the channel's link, language or
/// authors, it reads each child of the channel once rather than once per item.
///
/// It keeps the first `perName` children of each name; a channel with more elements of one
/// name than that (in other namespaces, say) is hostile, and the rest are not looked at.
final class XMLChildIndex {
    static let perName = 32

    /// The line of the element indexed: another element starts the index again.
    private var line: Int?
    private var indexed = 0
    private var byName: [String: [XMLTreeElement]] = [:]
    private let meter = WorkMeter.current

    /// The first child of `element` named `name` in `namespace` (any namespace when nil).
    func child(_ name: String, in namespace: XMLNamespace? = nil, of element: XMLTreeElement) -> XMLTreeElement? {
        update(element)
        return byName[name]?.first { $0.is(name, in: namespace) }
    }

    /// The children of `element` named `name` in `namespace`, up to `perName` of them.
    func children(_ name: String, in namespace: XMLNamespace? = nil, of element: XMLTreeElement) -> [XMLTreeElement] {
        update(element)
        return byName[name]?.filter { $0.is(name, in: namespace) } ?? []
    }

    private func update(_ element: XMLTreeElement) {
        // Only text (the line break before a handed-over item) is ever taken back out of an element.
        if element.line != line || element.children.count < indexed {
            line = element.line
            indexed = 0
            byName = [:]
        }
        meter?.count(1 + element.children.count - indexed)
        while indexed < element.children.count {
            if case .element(let child) = element.children[indexed],
                byName[child.name, default: []].count < Self.perName
            {
                byName[child.name, default: []].append(child)
            }
            indexed += 1
        }
    }
}
