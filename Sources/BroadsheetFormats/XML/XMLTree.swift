/// A parsed XML document as a small tree of elements and text, each element with its line.
///
/// The news formats are read by walking this tree rather than by event callbacks: a reader asks
/// for `item.child("title")` the way the format's documentation describes it. Namespace URIs are
/// kept, so `content:encoded` and a bare `encoded` are told apart whatever prefix a file uses.
public struct XMLTreeElement: Hashable, Sendable {
    /// The local name, without a prefix ("encoded" for `content:encoded`).
    public var name: String
    /// The namespace URI; empty for an element in no namespace.
    public var namespace: String
    /// Attributes by their name as written ("href", "xml:base", "wp:b").
    public var attributes: [String: String]
    public var children: [XMLTreeNode]
    /// The 1-based line of the element's start tag.
    public var line: Int

    public init(
        name: String, namespace: String = "", attributes: [String: String] = [:], children: [XMLTreeNode] = [],
        line: Int
    ) {
        self.name = name
        self.namespace = namespace
        self.attributes = attributes
        self.children = children
        self.line = line
    }

    /// The child elements, in order.
    public var elements: [XMLTreeElement] {
        WorkMeter.current?.count(children.count)
        return children.compactMap {
            if case .element(let element) = $0 { return element }
            return nil
        }
    }

    /// The first child element named `name`, in `namespace` (any namespace when nil).
    public func child(_ name: String, in namespace: XMLNamespace? = nil) -> XMLTreeElement? {
        let meter = WorkMeter.current
        for (offset, node) in children.enumerated() {
            if case .element(let element) = node, element.is(name, in: namespace) {
                meter?.count(offset + 1)
                return element
            }
        }
        meter?.count(children.count)
        return nil
    }

    /// Every child element named `name`, in `namespace` (any namespace when nil).
    public func children(_ name: String, in namespace: XMLNamespace? = nil) -> [XMLTreeElement] {
        elements.filter { $0.is(name, in: namespace) }
    }

    /// The first element named `name` at any depth below this one, in document order.
    public func descendant(_ name: String, in namespace: XMLNamespace? = nil) -> XMLTreeElement? {
        for element in elements {
            if element.is(name, in: namespace) { return element }
            if let found = element.descendant(name, in: namespace) { return found }
        }
        return nil
    }

    /// The element at the end of a path of child names ("head", "docdata", "doc-id"), any namespace.
    public func path(_ names: String...) -> XMLTreeElement? {
        var current: XMLTreeElement? = self
        for name in names { current = current?.child(name) }
        return current
    }

    public func `is`(_ name: String, in namespace: XMLNamespace? = nil) -> Bool {
        self.name == name && (namespace?.contains(self.namespace) ?? true)
    }

    /// All the text inside, markup removed, as written (whitespace kept).
    public var text: String {
        var text = ""
        appendText(to: &text, meter: WorkMeter.current)
        return text
    }

    private func appendText(to text: inout String, meter: WorkMeter?) {
        meter?.count(children.count)
        for child in children {
            switch child {
            case .text(let string): text += string
            case .element(let element): element.appendText(to: &text, meter: meter)
            }
        }
    }

    /// The text with runs of whitespace made single spaces and the ends trimmed; nil when nothing is left.
    public var normalizedText: String? {
        let normalized = XMLText.normalized(text)
        return normalized.isEmpty ? nil : normalized
    }

    public subscript(attribute name: String) -> String? {
        guard let value = attributes[name] else { return nil }
        let normalized = XMLText.normalized(value)
        return normalized.isEmpty ? nil : normalized
    }
}

/// A piece of an element's content.
public enum XMLTreeNode: Hashable, Sendable {
    case element(XMLTreeElement)
    /// Character data, CDATA sections included, as written.
    case text(String)
}

/// A namespace as the formats name it; some have several URIs (WordPress numbers its exports).
public struct XMLNamespace: Hashable, Sendable {
    public var uris: [String]

    public init(_ uris: String...) {
        self.uris = uris
    }

    public func contains(_ uri: String) -> Bool { uris.contains(uri) }

    /// Elements in no namespace: RSS 2.0's own, NITF's and NewsML 1.2's.
    public static let unqualified = XMLNamespace("")
    public static let atom = XMLNamespace("http://www.w3.org/2005/Atom")
    public static let xhtml = XMLNamespace("http://www.w3.org/1999/xhtml")
    public static let content = XMLNamespace("http://purl.org/rss/1.0/modules/content/")
    public static let dublinCore = XMLNamespace("http://purl.org/dc/elements/1.1/")
    public static let dublinCoreTerms = XMLNamespace("http://purl.org/dc/terms/")
    public static let media = XMLNamespace("http://search.yahoo.com/mrss/", "http://search.yahoo.com/mrss")
    public static let wordPress = XMLNamespace(
        "http://wordpress.org/export/1.0/", "http://wordpress.org/export/1.1/", "http://wordpress.org/export/1.2/")
    public static let wordPressExcerpt = XMLNamespace(
        "http://wordpress.org/export/1.0/excerpt/", "http://wordpress.org/export/1.1/excerpt/",
        "http://wordpress.org/export/1.2/excerpt/")
    public static let newsMLG2 = XMLNamespace("http://iptc.org/std/nar/2006-10-01/")
}

/// Whitespace handling shared by the XML readers.
enum XMLText {
    /// Runs of whitespace (newlines included) as single spaces, ends trimmed.
    static func normalized(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
