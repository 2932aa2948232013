import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Parses a file's bytes into an `XMLTreeElement`, safely: the news formats arrive from outside
/// the newsroom, so nothing in a file may make the parser read another file, reach the network,
/// expand a billion laughs or recurse without end.
///
/// - External entities are never resolved (`shouldResolveExternalEntities = false`, and the
///   delegate answers every request for one with nothing).
/// - A document that declares entities of its own (`<!ENTITY` in its DOCTYPE) is refused before
///   parsing: that is where entity bombs and XXE live, and no news format needs it.
/// - Elements nest at most `maximumDepth` deep.
/// - Only UTF-8 reaches the parser (`XMLEncoding`): FoundationXML traps on a name that is not.
///
/// Every problem is a `FormatError` naming the file and the line libxml2 stopped at.
public struct XMLTreeReader: Sendable {
    /// Deeper than any real news document; a deeper one is an attack or a broken generator.
    public static let defaultMaximumDepth = 256

    public var maximumDepth: Int

    public init(maximumDepth: Int = XMLTreeReader.defaultMaximumDepth) {
        self.maximumDepth = maximumDepth
    }

    /// Elements handed over one at a time as they close, instead of kept in the tree: a feed's
    /// items, a message's news items. A file of many stories then never sits in memory as one tree.
    public struct Detaching {
        public var names: Set<String>
        /// Called with each detached element and its ancestors as far as they were read (root
        /// first), so channel or feed fields that came before it can be used.
        public var handler: (_ element: XMLTreeElement, _ ancestors: [XMLTreeElement]) -> Void

        public init(
            _ names: Set<String>, handler: @escaping (_ element: XMLTreeElement, _ ancestors: [XMLTreeElement]) -> Void
        ) {
            self.names = names
            self.handler = handler
        }
    }

    /// The document's root element (without the elements `detaching` took).
    public func read(_ data: Data, file: String, detaching: Detaching? = nil) throws(FormatError) -> XMLTreeElement {
        try read(data, file: file, expecting: nil, detaching: detaching)
    }

    /// The root element when it is one of `names`, else an error saying which format was expected,
    /// e.g. `format: "an NITF document"` → "expected an NITF document (<nitf>), found <rss>".
    /// A wrong root stops the parse at once, before anything is detached.
    public func root(
        of data: Data, file: String, oneOf names: [String], format: String, detaching: Detaching? = nil
    ) throws(FormatError) -> XMLTreeElement {
        let tags = names.map { "<\($0)>" }
        let listed = tags.count > 1 ? tags.dropLast().joined(separator: ", ") + " or " + tags.last! : tags[0]
        return try read(
            data, file: file, expecting: ExpectedRoot(names: Set(names), expected: "expected \(format) (\(listed))"),
            detaching: detaching)
    }

    private func read(
        _ data: Data, file: String, expecting root: ExpectedRoot?, detaching: Detaching?
    ) throws(FormatError) -> XMLTreeElement {
        guard data.contains(where: { !Self.isSpace($0) }) else {
            throw FormatError(file: file, line: nil, message: "the file is empty; expected an XML document")
        }
        let data = try XMLEncoding.utf8Document(data, file: file)
        if let line = XMLPrologScan.entityDeclarationLine(in: data) {
            throw FormatError(
                file: file, line: line,
                message: "the document declares its own entities (<!ENTITY ...>); Broadsheet never expands "
                    + "DTD entities, so remove the DOCTYPE's internal subset and write the characters themselves")
        }
        // A stream, not `XMLParser(data:)`: given the data whole, libxml2 takes it as one chunk and
        // refuses a document over 10 MB at its end; from a stream it reads pieces, with no such limit.
        let parser = XMLParser(stream: InputStream(data: data))
        let builder = XMLTreeBuilder(maximumDepth: maximumDepth, root: root, detaching: detaching)
        parser.delegate = builder
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        let parsed = parser.parse()
        if let problem = builder.problem {
            throw FormatError(file: file, line: problem.line, message: problem.message)
        }
        if !parsed || parser.parserError != nil {
            throw FormatError(
                file: file, line: parser.lineNumber, message: XMLParseProblem.describe(parser.parserError))
        }
        guard let root = builder.root else {
            throw FormatError(file: file, line: nil, message: "expected an XML document, found no root element")
        }
        return root
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}

/// The root names a format allows, and how to say so when the document has another.
struct ExpectedRoot {
    var names: Set<String>
    /// "expected an RSS feed (<rss> or <RDF>)"
    var expected: String
}

/// The first problem met while parsing: the message a reader sees and the line it is on.
struct XMLParseProblem {
    var line: Int
    var message: String

    /// libxml2's error codes in words, for the ones bad files actually produce. The numbers are
    /// libxml2's own (`xmlParserErrors`), which is what XMLParser reports on Linux.
    /// `rootClosed`: whether the root element had ended when the error came, which is what tells
    /// libxml2's "extra content" from its "premature end" (both are error 5).
    static func describe(_ error: (any Error)?, entity: String? = nil, rootClosed: Bool = false) -> String {
        guard let error else { return "the XML could not be read" }
        let code = (error as NSError).code
        switch code {
        case 3, 4:
            return "expected an XML document, found no root element"
        case 5 where rootClosed, 86:
            return "there is content after the document's root element"
        case 5, 77:
            return "the XML ends before its elements are closed; is the file truncated?"
        case 76, 85:
            return "a closing tag does not match the element it closes; is the file truncated or hand-edited?"
        case 26, 27, 22, 23:
            if let entity {
                return "the entity '&\(entity);' is not defined in XML; write the character itself or a "
                    + "numeric reference such as &#160;"
            }
            return "an entity reference is not defined in XML or lacks its ';'; write the character itself "
                + "or a numeric reference such as &#160;"
        case 6, 7, 8, 9, 81:
            return "the XML holds a character that is not allowed in XML, or bytes that are not valid "
                + "in its declared encoding (libxml2 error \(code))"
        case 31, 32:
            return "the XML declares an encoding that cannot be read; save the file as UTF-8"
        case 38, 39, 40, 41, 42, 68, 72, 73, 74, 75:
            return "the XML is not well-formed: a tag or attribute is malformed (libxml2 error \(code))"
        case 89, 110:
            return "the XML exceeds the parser's limits (a text or name too large; libxml2 error \(code))"
        default:
            return "the XML is not well-formed (libxml2 error \(code))"
        }
    }
}

/// The delegate that turns XMLParser's events into the tree, enforcing the depth limit.
private final class XMLTreeBuilder: NSObject, XMLParserDelegate {
    let maximumDepth: Int
    private var stack: [XMLTreeElement] = []
    private var pendingText: [String] = []
    private(set) var root: XMLTreeElement?
    private(set) var problem: XMLParseProblem?
    /// The last entity libxml2 asked us to resolve: named in the error when it turns out undefined.
    private var requestedEntity: String?

    private let expectedRoot: ExpectedRoot?
    private let detaching: XMLTreeReader.Detaching?
    private let meter = WorkMeter.current

    init(maximumDepth: Int, root: ExpectedRoot?, detaching: XMLTreeReader.Detaching?) {
        self.maximumDepth = maximumDepth
        self.expectedRoot = root
        self.detaching = detaching
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        meter?.count(1 + attributes.count)
        flushText()
        guard stack.count < maximumDepth else {
            fail(
                parser,
                "elements nest more than \(maximumDepth) deep; that is deeper than any news document, so the file is refused"
            )
            return
        }
        if stack.isEmpty, root == nil, let expectedRoot, !expectedRoot.names.contains(elementName) {
            fail(parser, "\(expectedRoot.expected), found <\(elementName)>")
            return
        }
        stack.append(
            XMLTreeElement(
                name: elementName, namespace: namespaceURI ?? "", attributes: attributes, line: parser.lineNumber))
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
    ) {
        meter?.count()
        flushText()
        guard let element = stack.popLast() else { return }
        if stack.isEmpty {
            root = element
        } else if let detaching, detaching.names.contains(element.name) {
            // The line break before it goes too: kept, 100,000 items would leave 100,000 text
            // nodes in the channel, and every look-up in it would walk them.
            if case .text(let text)? = stack[stack.count - 1].children.last, text.allSatisfy(\.isWhitespace) {
                stack[stack.count - 1].children.removeLast()
            }
            detaching.handler(element, stack)
        } else {
            stack[stack.count - 1].children.append(.element(element))
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        meter?.count()
        if !stack.isEmpty { pendingText.append(string) }
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        if !stack.isEmpty { pendingText.append(String(decoding: CDATABlock, as: UTF8.self)) }
    }

    func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
        requestedEntity = name
        return nil
    }

    func parser(
        _ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?
    ) {
        fail(parser, "the document declares the entity '\(name)'; Broadsheet never expands DTD entities")
    }

    func parser(
        _ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?,
        systemID: String?
    ) {
        fail(parser, "the document declares the external entity '\(name)'; Broadsheet never resolves them")
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        guard problem == nil else { return }
        problem = XMLParseProblem(
            line: parser.lineNumber,
            message: XMLParseProblem.describe(parseError, entity: requestedEntity, rootClosed: root != nil))
    }

    private func fail(_ parser: XMLParser, _ message: String) {
        guard problem == nil else { return }
        problem = XMLParseProblem(line: parser.lineNumber, message: message)
        parser.abortParsing()
    }

    private func flushText() {
        guard !pendingText.isEmpty, !stack.isEmpty else { return }
        stack[stack.count - 1].children.append(.text(pendingText.joined()))
        pendingText.removeAll(keepingCapacity: true)
    }
}
