import BroadsheetFormats
import Foundation
import Subprocess

#if canImport(System)
    import System
#else
    import SystemPackage
#endif

/// A PDF's words with their boxes, from poppler's `pdftotext -bbox-layout` (Debian's
/// poppler-utils), run as a program so its GPL code stays out of our binary.
public struct PDFTextLayer: Sendable {
    public var program: String

    public init(program: String = "/usr/bin/pdftotext") {
        self.program = program
    }

    /// The pages `first...last` (counted from 1) of `file` with their words, in the PDF's order;
    /// each page's `number` is its place in the whole file. A few pages at a time keep the
    /// text layer's XHTML, and what is read from it, small whatever the edition's size.
    public func pages(of file: URL, first: Int, last: Int) async throws -> [PDFTextPage] {
        let said = try await run(
            program, ["-bbox-layout", "-enc", "UTF-8", "-f", String(first), "-l", String(last), file.path, "-"],
            file: file)
        return try PDFTextReader().read(said, file: file.path).map { page in
            var page = page
            page.number += first - 1
            return page
        }
    }

    /// How many pages `file` has, from poppler's `pdfinfo` (beside `pdftotext`).
    public func pageCount(of file: URL) async throws -> Int {
        let pdfinfo = URL(fileURLWithPath: program).deletingLastPathComponent().appendingPathComponent("pdfinfo").path
        let info = String(decoding: try await run(pdfinfo, [file.path], file: file), as: UTF8.self)
        for line in info.split(separator: "\n") where line.hasPrefix("Pages:") {
            if let count = Int(line.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)) { return count }
        }
        throw PrintedImportError.unreadablePDF(file: file.path, reason: "pdfinfo gave no page count")
    }

    /// What one of poppler's programs writes for `file`; its complaint, when it fails, names the file.
    private func run(_ program: String, _ arguments: [String], file: URL) async throws -> Data {
        guard FileManager.default.isExecutableFile(atPath: program) else {
            throw PrintedImportError.missingProgram(program, package: "poppler-utils")
        }
        let result = try await Subprocess.run(
            .path(FilePath(program)), arguments: Arguments(arguments),
            output: .data(limit: Self.outputLimit), error: .string(limit: 4096))
        guard case .exited(0) = result.terminationStatus else {
            let said = result.standardError.trimmingCharacters(in: .whitespacesAndNewlines)
            throw PrintedImportError.unreadablePDF(
                file: file.path, reason: said.isEmpty ? "\(result.terminationStatus)" : said)
        }
        return result.standardOutput
    }

    /// The most text-layer XHTML read from one PDF: a thousand busy pages.
    static let outputLimit = 512 << 20
}
