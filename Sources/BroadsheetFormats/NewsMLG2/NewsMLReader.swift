import Broadsheet
import Foundation

/// `--format newsml`: NewsML-G2, or the older NewsML 1.2 envelope, as the root element says.
public struct NewsMLReader: ArticleReader {
    public let publication: Publication

    public init(publication: Publication) {
        self.publication = publication
    }

    public func read(_ data: Data, file: String) -> [Result<ParsedArticle, FormatError>] {
        if XMLRootSniffer.kind(of: data) == .newsML1 {
            return NewsML1Reader(publication: publication).read(data, file: file)
        }
        return NewsMLG2Reader(publication: publication).read(data, file: file)
    }
}
