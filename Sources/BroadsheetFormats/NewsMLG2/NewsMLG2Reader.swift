import Broadsheet
import Foundation

/// Reads IPTC NewsML-G2: a `newsMessage` with an `itemSet`, or a bare `newsItem` or `packageItem`.
///
/// Each `newsItem` is a story: `guid` its identity, `itemMeta` its dates and status, `contentMeta`
/// its headline, credits, place and subjects, `contentSet` its text (`inlineXML` holding XHTML or
/// NITF, or `inlineData` text). A `packageItem` lays out an edition: its groups, in order, are
/// the pages, and the stories it refers to that travel in the same message are filed on them.
public struct NewsMLG2Reader: ArticleReader {
    public var publication: Publication { desk.publication }
    private let desk: DraftDesk

    public init(publication: Publication) {
        self.init(publication: publication, receivedAt: Date())
    }

    /// `receivedAt` dates a story that gives no date of its own (`IngestRepair.missingDate`).
    public init(publication: Publication, receivedAt: Date) {
        desk = DraftDesk(
            publication: publication, receivedAt: receivedAt,
            fields: ArticleDraft.FieldNames(

                headline: "contentMeta/headline", uri: "the newsItem's guid", published: "itemMeta/versionCreated",
                body: "contentSet"))
    }

    /// Every story of the document, or why one could not be read. Items are read one at a time
    /// (a message of any size is never one tree in memory); their packages are applied at the end.
    public func read(_ data: Data, file: String) -> [Result<ParsedArticle, FormatError>] {
        var drafts: [ArticleDraft] = []
        var packages: [XMLTreeElement] = []
        func take(_ item: XMLTreeElement, in message: XMLTreeElement?) {
            switch item.name {
            case "newsItem" where NewsMLG2Item.isFiled(item):
                var draft = NewsMLG2Item(publication: publication).draft(from: item)
                if draft.dateAbsent {
                    // The message's header dates the items that carry no date of their own.
                    draft.documentDate = message?.path("header", "sent")?.normalizedText.flatMap {
                        InternetDate.timestamp($0, zone: publication.timeZone)
                    }
                }
                drafts.append(draft)
            case "packageItem": packages.append(item)
            // Pictures, graphics, video and audio items, conceptItem, planningItem, knowledgeItem:
            // they travel with stories but are not stories themselves.
            default: break
            }
        }
        let items = XMLTreeReader.Detaching(["newsItem", "packageItem"]) { item, ancestors in
            take(item, in: ancestors.first)
        }
        let root: XMLTreeElement
        do throws(FormatError) {
            root = try XMLTreeReader().root(
                of: data, file: file, oneOf: ["newsMessage", "newsItem", "packageItem"],
                format: "a NewsML-G2 document", detaching: items)
        } catch {
            return drafts.map { desk.article($0, file: file) } + [.failure(error)]
        }
        if root.name != "newsMessage" { take(root, in: nil) }
        var results: [Result<ParsedArticle, FormatError>] = []
        for package in packages {
            if let problem = NewsMLG2Package(package, zone: publication.timeZone).file(&drafts) {
                results.append(.failure(FormatError(file: file, line: problem.line, message: problem.message)))
            }
        }
        if drafts.isEmpty, packages.isEmpty {
            results.append(
                .failure(
                    FormatError(
                        file: file, line: root.line, message: "expected at least one newsItem, found none")))
        }
        let articles = drafts.map {
            desk.article($0, file: file)
        }
        return articles + results
    }
}
