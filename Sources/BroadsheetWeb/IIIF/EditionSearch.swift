import Broadsheet
import Foundation

/// The IIIF Content Search 2.0 service of an edition: a reader's words, parsed as the site's
/// search parses them, found on the printed pages and answered as annotations that highlight
/// each occurrence where it is printed (`#xywh=` on its canvas, in the page image's pixels).
///
/// A page answers only when it holds every required term (`a b` needs both on the page, `a OR
/// b` either) and no excluded one, as an article answers the site's search; on such a page only
/// the words that match are marked, never every occurrence of a word in a phrase. Each hit
/// also gets a `contextualizing` annotation with the words around it, for a viewer's list of hits.
struct EditionSearch {
    let ids: IIIFIdentifiers
    /// Each printed page with its words in reading order.
    let pages: [(page: PrintedPage, words: [WordBox])]

    /// The words of context given before and after a hit.
    static let contextWords = 5

    /// The parameters the service understands; every other one is reported as ignored.
    static let understood: Set<String> = ["q", "motivation"]

    /// The answer to `query`; `motivations` (the `motivation` parameter's words) nil or empty
    /// asks for every kind, and our hits are `highlighting`.
    func answer(id: String, query: String, motivations: [String]?, ignored: [String]) -> IIIF.SearchPage {
        var items: [IIIF.SearchHit] = []
        var contexts: [IIIF.SearchContext] = []
        let wanted = motivations.map { $0.isEmpty || $0.contains("highlighting") } ?? true
        if wanted {
            for (hit, page, words) in hits(SearchExpression(parsing: query)) {
                let annotation = ids.hitAnnotation(page.number, words: hit.words)
                items.append(
                    IIIF.SearchHit(
                        id: annotation, body: IIIF.TextualBody(value: hit.text),
                        target: IIIF.SearchTarget(targets(of: hit, on: page))))
                let before = words[max(0, hit.words.lowerBound - Self.contextWords)..<hit.words.lowerBound]
                let after = words[
                    (hit.words.upperBound + 1)..<min(words.count, hit.words.upperBound + 1 + Self.contextWords)]
                contexts.append(
                    IIIF.SearchContext(
                        id: annotation + "/context",
                        target: IIIF.QuotedSource(
                            source: annotation,
                            selector: [
                                IIIF.TextQuoteSelector(
                                    prefix: before.isEmpty ? nil : before.map(\.text).joined(separator: " ") + " ",
                                    exact: hit.text,
                                    suffix: after.isEmpty ? nil : " " + after.map(\.text).joined(separator: " "))
                            ])))
            }
        }
        return IIIF.SearchPage(
            id: id, ignored: ignored.isEmpty ? nil : ignored, items: items,
            annotations: contexts.isEmpty ? nil : [IIIF.ContextPage(items: contexts)])
    }

    /// Every hit of `expression` on the pages that answer it, in page and reading order.
    func hits(_ expression: SearchExpression) -> [(PageHitFinder.Hit, PrintedPage, [WordBox])] {
        guard !expression.isEmpty else { return [] }
        let finder = PageHitFinder(expression)
        var refusing = expression
        refusing.required = expression.excluded.map { [$0] }
        refusing.excluded = []
        let excluded = refusing.isEmpty ? nil : PageHitFinder(refusing)
        var found: [(PageHitFinder.Hit, PrintedPage, [WordBox])] = []
        for (page, words) in pages {
            let hits = finder.hits(in: words)
            guard finder.answersAll(hits) else { continue }
            if let excluded, !excluded.hits(in: words).isEmpty { continue }
            found += hits.map { ($0, page, words) }
        }
        return found
    }

    /// The hit's boxes in the page image's pixels, as `canvas#xywh=` targets: one a line it
    /// stands on (a phrase across a line break, or a hyphenated word, has two).
    func targets(of hit: PageHitFinder.Hit, on page: PrintedPage) -> [String] {
        var lines: [PageBox] = []
        for box in hit.boxes {
            if let last = lines.last, box.y < last.maxY, last.y < box.maxY, box.x >= last.x {
                lines[lines.count - 1] = last.union(box)
            } else {
                lines.append(box)
            }
        }
        let canvas = ids.canvas(page.number)
        return lines.map { line in
            let pixels = line.scaled(width: page.width, height: page.height)
            return "\(canvas)#xywh=\(pixels.x),\(pixels.y),\(pixels.width),\(pixels.height)"
        }
    }
}

extension IIIFIdentifiers {
    /// A hit's annotation: the page's words it spans, so the same words keep one id in any search.
    func hitAnnotation(_ page: Int, words: ClosedRange<Int>) -> String {
        "\(canvas(page))/words/\(words.lowerBound)-\(words.upperBound)"
    }
}

extension IIIF {
    /// A Content Search 2.0 answer: the hits in `items`, their context in `annotations`.
    struct SearchPage: Encodable {
        var context = [IIIF.presentationContext, IIIF.searchContext]
        var id: String
        var type = "AnnotationPage"
        var ignored: [String]?
        var items: [SearchHit]
        var annotations: [ContextPage]?

        enum CodingKeys: String, CodingKey {
            case context = "@context"
            case id, type, ignored, items, annotations
        }
    }

    struct SearchHit: Encodable {
        var id: String
        var type = "Annotation"
        var motivation = "highlighting"
        var body: TextualBody
        var target: SearchTarget
    }

    struct TextualBody: Encodable {
        var type = "TextualBody"
        var value: String
        var format = "text/plain"
    }

    /// One canvas fragment as a string, or several as an array.
    struct SearchTarget: Encodable {
        var fragments: [String]

        init(_ fragments: [String]) { self.fragments = fragments }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            if fragments.count == 1 { try container.encode(fragments[0]) } else { try container.encode(fragments) }
        }
    }

    struct ContextPage: Encodable {
        var type = "AnnotationPage"
        var items: [SearchContext]
    }

    struct SearchContext: Encodable {
        var id: String
        var type = "Annotation"
        var motivation = "contextualizing"
        var target: QuotedSource
    }

    struct QuotedSource: Encodable {
        var type = "SpecificResource"
        var source: String
        var selector: [TextQuoteSelector]
    }

    struct TextQuoteSelector: Encodable {
        var type = "TextQuoteSelector"
        var prefix: String?
        var exact: String
        var suffix: String?
    }
}
