import BroadsheetFormats
import Foundation

extension ImportFormat {
    /// The format a file's content shows (`--format auto`): XML by its root element, anything
    /// else as e-paper text. An XML file of no format we read is refused with its root's name.
    static func detected(in data: Data, file: String) -> Result<ImportFormat, FormatError> {
        guard let kind = XMLRootSniffer.kind(of: data) else { return .success(.epaper) }
        switch kind {
        case .nitf: return .success(.nitf)
        case .newsMLG2, .newsML1: return .success(.newsml)
        case .rss: return .success(.rss)
        case .atom: return .success(.atom)
        case .wordPress: return .success(.wxr)
        case .other(let root):
            return .failure(
                FormatError(
                    file: file, line: nil,
                    message: "<\(root)> is not a format Broadsheet reads; expected NITF (<nitf>), NewsML "
                        + "(<newsMessage>, <newsItem>, <packageItem>, <NewsML>), RSS (<rss>), Atom (<feed>) "
                        + "or a WordPress export"))
        }
    }
}
