import Broadsheet
import Foundation

/// A reader of one import format: a file's bytes in, each article or why it could not be read out.
///
/// Every format the importer knows conforms, so the importer, the API and `--format auto` treat
/// them alike. A reader never throws: one bad article becomes one failure, and the others still
/// come through.
public protocol ArticleReader: Sendable {
    /// The articles `data` holds, in order; `file` is how errors name it ("-" for standard input).
    func read(_ data: Data, file: String) -> [Result<ParsedArticle, FormatError>]
}

extension FormatError {
    /// The bytes as UTF-8 text (a byte order mark dropped), or the error every reader gives for
    /// bytes that are not: naming the byte where the text stops being UTF-8.
    public static func utf8Text(_ data: Data, file: String) -> Result<String, FormatError> {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let text = String(validating: bytes, as: UTF8.self) { return .success(text) }
        var line = 1
        var valid = bytes.startIndex
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var offset = bytes.startIndex
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
                if scalar == "\n" { line += 1 }
                valid = offset
            case .emptyInput, .error:
                break loop
            }
        }
        return .failure(
            FormatError(
                file: file, line: line,
                message:
                    "not UTF-8 text at byte \(valid - data.startIndex + 1); save the file as UTF-8 and import it again"
            ))
    }
}

extension EPaperTextParser: ArticleReader {
    public func read(_ data: Data, file: String) -> [Result<ParsedArticle, FormatError>] {
        switch FormatError.utf8Text(data, file: file) {
        case .success(let text): parse(text, file: file)
        case .failure(let error): [.failure(error)]
        }
    }
}
