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

    /// The pages of `file` with their words, in the PDF's order.
    public func pages(of file: URL) async throws -> [PDFTextPage] {
        guard FileManager.default.isExecutableFile(atPath: program) else {
            throw PrintedImportError.missingProgram(program, package: "poppler-utils")
        }
        let result = try await Subprocess.run(
            .path(FilePath(program)), arguments: ["-bbox-layout", "-enc", "UTF-8", file.path, "-"],
            output: .data(limit: Self.outputLimit), error: .string(limit: 4096))
        guard case .exited(0) = result.terminationStatus else {
            let said = result.standardError.trimmingCharacters(in: .whitespacesAndNewlines)
            throw PrintedImportError.unreadablePDF(
                file: file.path, reason: said.isEmpty ? "\(result.terminationStatus)" : said)
        }
        return try PDFTextReader().read(result.standardOutput, file: file.path)
    }

    /// The most text-layer XHTML read from one PDF: a thousand busy pages.
    static let outputLimit = 512 << 20
}
