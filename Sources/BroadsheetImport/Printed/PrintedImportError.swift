import BroadsheetFormats

/// Why printed pages could not be imported, naming the file (and the line of the METS or batch
/// file that names it, where there is one).
public enum PrintedImportError: Error, Hashable, Sendable, CustomStringConvertible {
    case missingProgram(String, package: String)
    case unreadablePDF(file: String, reason: String)
    case noPages(file: String)
    /// A METS, ALTO or batch file that does not read as one.
    case malformed(FormatError)
    /// A file the METS (or batch) names with an absolute path, a `..` or a link leading out of its folder.
    case outsideFolder(href: String, listedIn: String, line: Int?)
    /// A file the METS (or batch) names that is not there, or cannot be read.
    case missingFile(String, listedIn: String, line: Int?, reason: String)
    /// A page the METS lists without an image file.
    case noImage(page: Int, listedIn: String, line: Int)
    /// A page image libvips cannot open, so the IIIF service could not serve it.
    case unreadableImage(file: String, reason: String)
    /// A PDF page image that holds more (or fewer) pages than the one it stands for.
    case notOnePage(file: String, pages: Int)
    /// An issue whose day neither its METS, its batch nor `--edition` gives.
    case noDate(file: String)

    public var description: String {
        switch self {
        case .missingProgram(let program, let package):
            "\(program) is missing: install Debian's \(package) (scripts/test and scripts/demo do)"
        case .unreadablePDF(let file, let reason): "\(file): not a readable PDF: \(reason)"
        case .noPages(let file): "\(file): holds no pages"
        case .malformed(let error): error.description
        case .outsideFolder(let href, let listedIn, let line):
            "\(Self.place(listedIn, line)): the file '\(href)' lies outside the folder; "
                + "expected a path inside it, without '..' and not absolute"
        case .missingFile(let file, let listedIn, let line, let reason):
            "\(file): \(reason) (named in \(Self.place(listedIn, line)))"
        case .noImage(let page, let listedIn, let line):
            "\(Self.place(listedIn, line)): page \(page) names no image file; expected a JPEG, TIFF, JP2 or PDF"
        case .unreadableImage(let file, let reason):
            "\(file): not a page image libvips can read (\(reason)); expected a JPEG, TIFF, JP2 or one-page PDF"
        case .notOnePage(let file, let pages):
            "\(file): expected a PDF of one page as the page image, found \(pages) pages"
        case .noDate(let file):
            "\(file): no issue date; expected a MODS dateIssued as yyyy-mm-dd (or give one with --edition)"
        }
    }

    private static func place(_ file: String, _ line: Int?) -> String {
        line.map { "\(file):\($0)" } ?? file
    }
}
