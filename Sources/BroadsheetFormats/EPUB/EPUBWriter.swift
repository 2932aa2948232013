import Broadsheet
import Foundation

/// Writes an edition as an EPUB 3 book: a cover, a table of contents by page (or by section when
/// the pages are not known), and an XHTML document for each article.
///
/// A pure function of the edition: the same edition gives the same bytes, so a book can be
/// cached and compared. `EPUBPackage` puts the entries into the ZIP container.
public struct EPUBWriter: Sendable {
    public init() {}

    public func entries(_ edition: EPUBEdition) -> [EPUBEntry] {
        var entries = [
            EPUBEntry(path: "mimetype", content: .stored(Data("application/epub+zip".utf8))),
            text("META-INF/container.xml", Self.container),
            text("EPUB/style.css", Self.style),
        ]
        var manifest: [ManifestItem] = [
            ManifestItem(id: "nav", href: "nav.xhtml", mediaType: Self.xhtmlType, properties: "nav"),
            ManifestItem(id: "cover", href: "cover.xhtml", mediaType: Self.xhtmlType),
            ManifestItem(id: "style", href: "style.css", mediaType: "text/css"),
        ]
        if let cover = edition.cover {
            let href = "images/cover.\(cover.mediaType.fileExtension)"
            entries.append(EPUBEntry(path: "EPUB/" + href, content: .deflating(cover.bytes)))
            manifest.append(
                ManifestItem(
                    id: "cover-image", href: href, mediaType: cover.mediaType.rawValue, properties: "cover-image"))
        }
        let pictures = PictureFiles(edition.pictures)
        for (address, file) in pictures.files.sorted(by: { $0.value.href < $1.value.href }) {
            guard let picture = edition.pictures[address] else { continue }
            entries.append(EPUBEntry(path: "EPUB/" + file.href, content: .deflating(picture.bytes)))
            manifest.append(ManifestItem(id: file.id, href: file.href, mediaType: picture.mediaType.rawValue))
        }
        for story in edition.stories {
            let href = Self.articleHref(story.summary.id)
            switch story.document {
            case .article(let article):
                entries.append(text("EPUB/" + href, articleDocument(article, edition: edition, pictures: pictures)))
            case .packed(let file):
                entries.append(EPUBEntry(path: "EPUB/" + href, content: .packed(file)))
            }
            manifest.append(ManifestItem(id: "article-\(story.summary.id)", href: href, mediaType: Self.xhtmlType))
        }
        entries.append(text("EPUB/cover.xhtml", coverDocument(edition)))
        entries.append(text("EPUB/nav.xhtml", navigation(edition)))
        let spine = ["cover", "nav"] + edition.stories.map { "article-\($0.summary.id)" }
        entries.append(text("EPUB/package.opf", package(edition, manifest: manifest, spine: spine)))
        return entries
    }

    // MARK: - The package

    struct ManifestItem {
        var id: String
        var href: String
        var mediaType: String
        var properties: String?
    }

    static let xhtmlType = "application/xhtml+xml"

    static let container = """
        <?xml version="1.0" encoding="UTF-8"?>
        <container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
          <rootfiles>
            <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
          </rootfiles>
        </container>

        """

    private func package(_ edition: EPUBEdition, manifest: [ManifestItem], spine: [String]) -> String {
        let publication = edition.publication
        let rightToLeft = LanguageGuess.isRightToLeft(publication.language)
        let items = manifest.map { item in
            "    <item id=\"\(item.id)\" href=\"\(item.href)\" media-type=\"\(item.mediaType)\""
                + (item.properties.map { " properties=\"\($0)\"" } ?? "") + "/>"
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="edition-id" \
            xml:lang="\(escape(publication.language))"\(rightToLeft ? " dir=\"rtl\"" : "")>
              <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
                <dc:identifier id="edition-id">\(escape(identifier(edition)))</dc:identifier>
                <dc:title>\(escape(title(edition)))</dc:title>
                <dc:language>\(escape(publication.language))</dc:language>
                <dc:publisher>\(escape(publication.name))</dc:publisher>
                <dc:date>\(edition.date.iso)</dc:date>
                <meta property="dcterms:modified">\(InternetDate.rfc3339(edition.modified))</meta>
              </metadata>
              <manifest>
            \(items.joined(separator: "\n"))
              </manifest>
              <spine\(rightToLeft ? " page-progression-direction=\"rtl\"" : "")>
            \(spine.map { "    <itemref idref=\"\($0)\"/>" }.joined(separator: "\n"))
              </spine>
            </package>

            """
    }

    /// Stable across exports of the same edition: the paper's address and the day.
    private func identifier(_ edition: EPUBEdition) -> String {
        "\(edition.publication.baseURL)/epaper/\(edition.date.iso)"
    }

    private func title(_ edition: EPUBEdition) -> String {
        "\(edition.publication.name), \(edition.date.iso)"
    }

    // MARK: - Documents

    private func document(title: String, language: String, body: String, head: String = "") -> String {
        let direction = LanguageGuess.isRightToLeft(language) ? " dir=\"rtl\"" : ""
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" \
            lang="\(escape(language))" xml:lang="\(escape(language))"\(direction)>
            <head>
            <meta charset="UTF-8"/>
            <title>\(escape(title))</title>
            <link rel="stylesheet" type="text/css" href="\(head)style.css"/>
            </head>
            <body>
            \(body)
            </body>
            </html>

            """
    }

    private func coverDocument(_ edition: EPUBEdition) -> String {
        let publication = edition.publication
        var body = "<section epub:type=\"cover\" class=\"cover\">\n"
        if let cover = edition.cover {
            body +=
                "<img src=\"images/cover.\(cover.mediaType.fileExtension)\" alt=\"\(escape("The front page of \(title(edition))"))\"/>\n"
        } else {
            body += "<h1>\(escape(publication.name))</h1>\n<p class=\"date\">\(edition.date.iso)</p>\n"
            let front = edition.stories.map(\.summary).prefix { ($0.edition.page?.number ?? 1) == 1 }.prefix(6)
            if !front.isEmpty {
                body +=
                    "<ul>\n"
                    + front.map { "<li>\(escape($0.headline))</li>" }.joined(separator: "\n") + "\n</ul>\n"
            }
        }
        body += "</section>"
        return document(title: title(edition), language: publication.language, body: body)
    }

    /// The table of contents: by page where the articles' pages are known, else by section,
    /// each group in the order it first appears.
    private func navigation(_ edition: EPUBEdition) -> String {
        let byPage = edition.stories.contains { $0.summary.edition.page != nil }
        var groups: [(name: String, articles: [ArticleSummary])] = []
        for article in edition.stories.map(\.summary) {
            let name: String
            if byPage {
                if let page = article.edition.page {
                    name = "Page \(page.number)" + (page.name.map { ": \($0)" } ?? "")
                } else {
                    name = "Other stories"
                }
            } else {
                name = article.section.name
            }
            if let index = groups.firstIndex(where: { $0.name == name }) {
                groups[index].articles.append(article)
            } else {
                groups.append((name, [article]))
            }
        }
        let list = groups.map { group in
            "<li><span>\(escape(group.name))</span>\n<ol>\n"
                + group.articles.map { article in
                    "<li><a href=\"\(Self.articleHref(article.id))\">\(escape(article.headline))</a></li>"
                }.joined(separator: "\n") + "\n</ol></li>"
        }
        let body = """
            <nav epub:type="toc" id="toc">
            <h1>\(escape(title(edition)))</h1>
            <ol>
            \(list.joined(separator: "\n"))
            </ol>
            </nav>
            <nav epub:type="landmarks" id="landmarks" hidden="hidden">
            <ol>
            <li><a epub:type="cover" href="cover.xhtml">Cover</a></li>
            <li><a epub:type="toc" href="nav.xhtml">Contents</a></li>
            </ol>
            </nav>
            """
        return document(title: "Contents", language: edition.publication.language, body: body)
    }

    private func articleDocument(_ article: Article, edition: EPUBEdition, pictures: PictureFiles) -> String {
        let content = article.content
        var header = "<header>\n<p class=\"section\">\(escape(content.section.name))</p>\n"
        header += "<h1>\(escape(content.headline))</h1>\n"
        if let summary = content.summary { header += "<p class=\"summary\">\(escape(summary))</p>\n" }
        if let byline = content.byline ?? byline(of: content) {
            header += "<p class=\"byline\">\(escape(byline))</p>\n"
        }
        if let page = content.edition.page {
            header += "<p class=\"page\">Page \(page.number)\(page.name.map { ", \(escape($0))" } ?? "")</p>\n"
        }
        header += "</header>\n"
        let picture: (BodyImage) -> String? = { image in pictures.files[image.url].map { "../" + $0.href } }
        let datelineIndex = content.body.firstIndex { if case .paragraph = $0 { true } else { false } }
        var blocks: [String] = []
        for (index, block) in content.body.enumerated() {
            var markup = HTMLBodyWriter.xhtml([block], picture: picture)
            if index == datelineIndex, let dateline = content.dateline, markup.hasPrefix("<p>") {
                markup = "<p><span class=\"dateline\">\(escape(dateline.printed))</span> " + markup.dropFirst(3)
            }
            blocks.append(markup)
        }
        var body = "<article>\n" + header + blocks.joined(separator: "\n") + "\n"
        if !article.corrections.isEmpty {
            body +=
                "<aside class=\"corrections\">\n"
                + article.corrections.map { "<p>\(escape($0.text))</p>" }.joined(separator: "\n") + "\n</aside>\n"
        }
        body += "</article>"
        return document(title: content.headline, language: content.language, body: body, head: "../")
    }

    private func byline(of content: ArticleContent) -> String? {
        content.authors.isEmpty ? nil : content.authors.map(\.name).joined(separator: ", ")
    }

    static func articleHref(_ id: Int64) -> String {
        "articles/\(id).xhtml"
    }

    /// Where the book holds the story with `id`'s document.
    public static func documentPath(of id: Int64) -> String {
        "EPUB/" + articleHref(id)
    }

    static let style = """
        body { font-family: serif; line-height: 1.45; margin: 0 5%; }
        h1 { font-size: 1.6em; line-height: 1.2; margin: 0.4em 0; }
        .section, .page { font-family: sans-serif; font-size: 0.8em; text-transform: uppercase; letter-spacing: 0.05em; }
        .summary { font-size: 1.1em; font-style: italic; }
        .byline { font-family: sans-serif; font-size: 0.9em; }
        .dateline { font-weight: bold; }
        figure { margin: 1em 0; }
        figure img { max-width: 100%; }
        figcaption { font-size: 0.85em; }
        .corrections { border-top: 1px solid; margin-top: 1.5em; font-size: 0.9em; }
        .cover { text-align: center; }
        .cover img { max-width: 100%; max-height: 100%; }

        """

    // MARK: - Text

    /// Without the characters XML 1.0 forbids, which stored text may hold and a reader would refuse.
    private func text(_ path: String, _ content: String) -> EPUBEntry {
        EPUBEntry(path: path, content: .deflating(Data(MarkupText.droppingForbiddenInXML(content).utf8)))
    }

    private func escape(_ text: String) -> String { MarkupText.escape(text) }
}

/// Where each picture the book holds goes, numbered in address order so the same pictures
/// always get the same names.
struct PictureFiles {
    struct File {
        var id: String
        var href: String
    }
    let files: [String: File]

    init(_ pictures: [String: EPUBPicture]) {
        var files: [String: File] = [:]
        for (number, address) in pictures.keys.sorted().enumerated() {
            guard let picture = pictures[address] else { continue }
            files[address] = File(
                id: "picture-\(number + 1)", href: "images/\(number + 1).\(picture.mediaType.fileExtension)")
        }
        self.files = files
    }
}
