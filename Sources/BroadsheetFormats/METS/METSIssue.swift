import Broadsheet

/// A digitised issue as its METS file describes it: the day, the pages in order with their OCR
/// and image files, and the articles the library marked out, with their areas on the pages.
///
/// The files are named as the METS names them (`FLocat xlink:href`, relative to the METS file);
/// reading them is the importer's part.
public struct METSIssue: Hashable, Sendable {
    /// The date from its MODS `dateIssued`; nil when the METS gives none.
    public var date: EditionDate?
    /// The title from its MODS, when given.
    public var title: String?
    public var pages: [METSPage]
    public var articles: [METSArticle]

    public init(date: EditionDate?, title: String?, pages: [METSPage], articles: [METSArticle]) {
        self.date = date
        self.title = title
        self.pages = pages
        self.articles = articles
    }

    /// The page with `number`.
    public func page(_ number: Int) -> METSPage? {
        pages.first { $0.number == number }
    }
}

/// A file the METS lists in its `fileSec`.
public struct METSFile: Hashable, Sendable {
    public var id: String
    /// The `FLocat`'s `xlink:href` as written, usually relative to the METS file.
    public var href: String
    public var mimeType: String?
    /// The file's `USE`, else its `fileGrp`'s ("master", "service", "ocr", "IMAGE", "TEXT").
    public var use: String?

    public init(id: String, href: String, mimeType: String?, use: String?) {
        self.id = id
        self.href = href
        self.mimeType = mimeType
        self.use = use
    }

    /// An OCR file (ALTO), by its MIME type or its use.
    public var isOCR: Bool {
        let use = self.use?.lowercased() ?? ""
        let type = mimeType?.lowercased() ?? ""
        return use.contains("ocr") || use.contains("text") || use.contains("alto") || type.hasSuffix("xml")
    }

    /// A page image: JPEG, TIFF, JP2, or a PDF of the page.
    public var isImage: Bool {
        let type = mimeType?.lowercased() ?? ""
        if type.hasPrefix("image/") || type == "application/pdf" { return true }
        guard type.isEmpty else { return false }
        let use = self.use?.lowercased() ?? ""
        return ["image", "master", "service", "derivative", "pdf"].contains { use.contains($0) }
    }
}

/// A page of the issue: its place, its printed label and its files.
public struct METSPage: Hashable, Sendable {
    /// The page's `ORDER`, else its place among the pages (1 first).
    public var number: Int
    /// The `ORDERLABEL`: the number as printed ("A3").
    public var label: String?
    public var files: [METSFile]
    /// The 1-based line of the page's `div`.
    public var line: Int

    public init(number: Int, label: String?, files: [METSFile], line: Int) {
        self.number = number
        self.label = label
        self.files = files
        self.line = line
    }

    /// The page's ALTO file.
    public var ocr: METSFile? { files.first(where: \.isOCR) }

    /// The page's best image: an archival master first, then any image, then a PDF.
    public var image: METSFile? {
        let images = files.filter(\.isImage)
        return images.first { $0.use?.lowercased().contains("master") == true }
            ?? images.first { $0.mimeType?.lowercased().hasPrefix("image/") == true } ?? images.first
    }
}

/// An article of the logical structure and where it is printed.
public struct METSArticle: Hashable, Sendable {
    /// The `div`'s `ID`, when it has one.
    public var id: String?
    /// From the `div`'s `LABEL`, else its MODS title.
    public var title: String?
    /// Its areas in reading order; a continued article has areas on more than one page.
    public var areas: [METSArea]
    public var line: Int

    public init(id: String?, title: String?, areas: [METSArea], line: Int) {
        self.id = id
        self.title = title
        self.areas = areas
        self.line = line
    }

    /// The pages the article is printed on, in the order it runs, each once.
    public var pages: [Int] {
        var seen = Set<Int>()
        return areas.map(\.page).filter { seen.insert($0).inserted }
    }
}

/// A piece of an article: a block of a page's ALTO file (or the whole file).
public struct METSArea: Hashable, Sendable {
    /// The file the area lies in (`FILEID`).
    public var file: String
    /// The ALTO block's ID (`BEGIN`); nil for an area that is the whole file.
    public var block: String?
    /// The number of the page that holds the file.
    public var page: Int
    /// What part of the article the area prints.
    public var role: Role

    public init(file: String, block: String?, page: Int, role: Role = .body) {
        self.file = file
        self.block = block
        self.page = page
        self.role = role
    }

    /// The part of an article an area prints, from the type of the logical div holding it.
    public enum Role: Hashable, Sendable {
        /// The headline (`TYPE="HEADING"`, `"TITLE"`, `"HEADLINE"`).
        case heading
        /// The credit line (`TYPE="AUTHOR"`, `"BYLINE"`).
        case byline
        case body

        /// The role a div's `TYPE` names; nil for a type that names none (a `BODY`, a `PARAGRAPH`).
        init?(divType: String?) {
            let type = divType?.split(separator: ":").last?.uppercased() ?? ""
            switch type {
            case "HEADING", "TITLE", "HEADLINE", "HEADER": self = .heading
            case "AUTHOR", "BYLINE": self = .byline
            case "BODY", "TEXT", "CONTENT": self = .body
            default: return nil
            }
        }
    }
}
