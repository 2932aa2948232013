import Broadsheet
import Foundation

/// Reads the older NewsML 1.2 envelope that agencies still send:
/// `NewsML/NewsItem/NewsComponent/…/ContentItem/DataContent` holding NITF, XHTML or text.
///
/// The identity is built from the `NewsIdentifier` without its revision
/// (`urn:newsml:<ProviderId>:<DateId>:<NewsItemId>`), so each revision updates the same story;
/// `FirstCreated` is the publication time and `ThisRevisionCreated` the update.
public struct NewsML1Reader: ArticleReader {
    public var publication: Publication { desk.publication }
    private let desk: DraftDesk

    public init(publication: Publication) {
        desk = DraftDesk(
            publication: publication,
            fields: ArticleDraft.FieldNames(

                headline: "NewsLines/HeadLine", uri: "Identification/NewsIdentifier",
                published: "NewsManagement/FirstCreated", body: "ContentItem/DataContent"))
    }

    /// Every story of the document, each read as it closes; a problem further on in the file is
    /// reported after the stories before it.
    public func read(_ data: Data, file: String) -> [Result<ParsedArticle, FormatError>] {
        var results: [Result<ParsedArticle, FormatError>] = []
        let items = XMLTreeReader.Detaching(["NewsItem"]) { item, _ in
            results.append(desk.article(self.draft(from: item), file: file))
        }
        do throws(FormatError) {
            let root = try XMLTreeReader().root(
                of: data, file: file, oneOf: ["NewsML"], format: "a NewsML 1.2 document", detaching: items)
            guard !results.isEmpty else {
                throw FormatError(file: file, line: root.line, message: "expected a NewsItem, found none")
            }
            return results
        } catch {
            return results + [.failure(error)]
        }
    }

    private func draft(from item: XMLTreeElement) -> ArticleDraft {
        var draft = ArticleDraft(format: "newsml", line: item.line)
        if let identifier = item.path("Identification", "NewsIdentifier") {
            let parts = ["ProviderId", "DateId", "NewsItemId"].compactMap { identifier.child($0)?.normalizedText }
            draft.uri = parts.count == 3 ? "urn:newsml:" + parts.joined(separator: ":") : nil
        }
        let management = item.child("NewsManagement")
        let zone = publication.timeZone
        func date(_ name: String) -> Timestamp? {
            management?.child(name)?.normalizedText.flatMap { InternetDate.timestamp($0, zone: zone) }
        }
        draft.published = date("FirstCreated")
        draft.updated = date("ThisRevisionCreated")
        draft.status = NewsMLG2Item.status(management?.child("Status")?[attribute: "FormalName"]?.lowercased())
        guard let component = item.child("NewsComponent") else { return draft }
        let lines = component.descendant("NewsLines")
        draft.headline = lines?.child("HeadLine")?.normalizedText
        draft.summary = lines?.child("SubHeadLine")?.normalizedText
        draft.byline = lines?.child("ByLine")?.normalizedText ?? lines?.child("CreditLine")?.normalizedText
        if let dateline = lines?.child("DateLine")?.normalizedText {
            draft.dateline = Dateline(places: [dateline])
        }
        let descriptive = component.descendant("DescriptiveMetadata")
        draft.language = descriptive?.child("Language")?[attribute: "FormalName"]
        draft.terms = (descriptive?.children("Property") ?? []).filter {
            $0[attribute: "FormalName"]?.lowercased() == "keyword"
        }.compactMap { $0[attribute: "Value"] }
        readContent(component, into: &draft)
        return draft
    }

    /// The first DataContent we can read, anywhere in the component tree (the main text component
    /// usually sits one or two NewsComponents down).
    private func readContent(_ component: XMLTreeElement, into draft: inout ArticleDraft) {
        // Breadth first, the queue read by position: removing its first element would move the rest.
        var queue = [component]
        var next = 0
        while next < queue.count {
            let current = queue[next]
            next += 1
            for content in current.children("ContentItem") {
                guard let data = content.child("DataContent") else { continue }
                if let nitf = data.child("nitf") {
                    let story = NITFReader(publication: publication).draft(from: nitf, format: "newsml")
                    draft.body = story.body
                    draft.headline = draft.headline ?? story.headline
                    draft.dateline = draft.dateline ?? story.dateline
                    draft.byline = draft.byline ?? story.byline
                    draft.authors = story.authors
                    return
                }
                if let html = data.child("html") ?? data.child("body") {
                    draft.body = XHTMLBody.blocks(html, baseURL: nil)
                    return
                }
                let text = PlainTextBody.blocks(from: data.text)
                if !text.isEmpty {
                    draft.body = text
                    return
                }
            }
            queue += current.children("NewsComponent")
        }
    }
}
