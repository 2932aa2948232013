import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads the little of S3's XML answers Broadsheet needs: the text of every element of a name
/// (`Key` in a listing, `Code` and `Message` in an error).
enum S3XML {
    static func texts(of element: String, in document: Data) -> [String] {
        guard !document.isEmpty else { return [] }
        let collector = Collector(element: element)
        let parser = XMLParser(data: document)
        parser.shouldResolveExternalEntities = false
        parser.delegate = collector
        _ = parser.parse()
        return collector.texts
    }

    private final class Collector: NSObject, XMLParserDelegate {
        let element: String
        var texts: [String] = []
        private var current: String?

        init(element: String) { self.element = element }

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            if name == element { current = "" }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            current? += string
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == element, let text = current {
                texts.append(text)
                current = nil
            }
        }
    }
}
