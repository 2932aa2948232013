import Broadsheet
import BroadsheetFormats
import BroadsheetImport
import Foundation
import Testing

/// A format is registered once, in `ArticleFormat`; the import's names, its readers and the
/// extensions `--format auto` falls back on all come from there.
@Suite(.timeLimit(.minutes(10))) struct FormatRegistrationTests {
    @Test func everyFormatIsAnImportNameAndAutoComesFirst() {
        #expect(ImportFormat.allCases.first == .auto)
        #expect(ImportFormat.allCases.dropFirst().map(\.articleFormat) == ArticleFormat.allCases)
        for name in ImportFormat.allCases.map(\.rawValue) {
            #expect(ImportFormat(rawValue: name)?.rawValue == name)
        }
        #expect(ImportFormat(rawValue: "named") == nil)
        #expect(ImportFormat(rawValue: "") == nil)
    }

    @Test(arguments: ArticleFormat.allCases)
    func anExtensionNamesItsFormatWhenTheContentCannot(format: ArticleFormat) {
        for fileExtension in format.fileExtensions {
            // An empty JSON object tells no format by its content.
            #expect(FormatSniffer.format(of: Data("{}".utf8), file: "copy.\(fileExtension)") == format)
        }
    }

    @Test func noExtensionNamesTwoFormats() {
        let all = ArticleFormat.allCases.flatMap(\.fileExtensions)
        #expect(Set(all).count == all.count)
    }

    /// Each format's reader, given a file it cannot read, says so in its own words rather than
    /// filing nothing in silence: a reader was registered, not a placeholder.
    @Test(arguments: ArticleFormat.allCases)
    func everyFormatHasAReaderThatRefusesNonsense(format: ArticleFormat) {
        let importer = Importer(store: RefusingFiling(), publication: Publication(name: "Gazette"))
        let results = importer.reader(for: format).read(Data([0xFF, 0xFE, 0x00]), file: "junk")
        #expect(!results.isEmpty)
        for result in results {
            guard case .failure(let error) = result else {
                Issue.record("\(format) read an article from three bytes of junk")
                continue
            }
            #expect(error.file == "junk")
        }
    }

    /// The importer asks only for `ArticleFiling`; these tests never reach it.
    struct RefusingFiling: ArticleFiling {
        func save(_ articles: [Result<PreparedArticle, StoreError>], status: ArticleStatus) async throws -> [Result<
            SaveOutcome, StoreError
        >] {
            Issue.record("nothing should be filed")
            return []
        }
    }
}
