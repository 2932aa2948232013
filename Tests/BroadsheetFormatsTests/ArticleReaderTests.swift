import Broadsheet
import BroadsheetFormats
import Foundation
import Testing

/// What every reader shares: bytes in, and a clear error for bytes that are not UTF-8 text.
@Suite(.timeLimit(.minutes(10))) struct ArticleReaderTests {
    @Test func theEPaperParserReadsBytes() throws {
        let reader: any ArticleReader = EPaperTextParser(publication: EPaper.publication)
        let text = "\u{FEFF}E-Paper | April 29, 2025\nFerry sails\nPublished April 29, 2025\n\nThe ferry sailed.\n"
        let results = reader.read(Data(text.utf8), file: "ferry.txt")
        #expect(try results.map { try $0.get().content.headline } == ["Ferry sails"])
    }

    @Test func bytesThatAreNotUTF8NameTheLineAndByte() {
        var data = Data("E-Paper | April 29, 2025\nFerry sails\n".utf8)
        data.append(contentsOf: [0x41, 0xFF, 0x42])
        let results = EPaperTextParser(publication: EPaper.publication).read(data, file: "latin1.txt")
        #expect(
            results == [
                .failure(
                    FormatError(
                        file: "latin1.txt", line: 3,
                        message: "not UTF-8 text at byte 39; save the file as UTF-8 and import it again"))
            ])
    }
}
