import Broadsheet
import Foundation

/// `--format newsml`: NewsML-G2, or the older NewsML 1.2 envelope, as the root element says.
public struct NewsMLReader: ArticleReader {
    public let publication: Publication
    /// When the copy was read: the date of a story that gives none.
    public let receivedAt: Date

    public init(publication: Publication) {
        self.init(publication: publication, receivedAt: Date())
    }

    /// `receivedAt` dates a story that gives no date of its own (`IngestRepair.missingDate`).
    public init(publication: Publication, receivedAt: Date) {
        self.publication = publication
        self.receivedAt = receivedAt
    }

    public func read(_ data: Data, file: String) -> [Result<ParsedArticle, FormatError>] {
        if XMLRootSniffer.kind(of: data) == .newsML1 {
            return NewsML1Reader(publication: publication).read(data, file: file)
        }
        return NewsMLG2Reader(publication: publication, receivedAt: receivedAt).read(data, file: file)
    }
}
