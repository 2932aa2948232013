import Broadsheet
import Foundation

/// Reads a Markdown page with YAML front matter, as Hugo and Jekyll keep them: one file, one article.
///
/// Front matter fields, by their Hugo and Jekyll names:
/// - `title` the headline (else a leading `# heading`, else `--headline`);
/// - `date` (`publishDate`; else a Jekyll file name's `2026-03-14-` prefix) the published time,
///   `lastmod` (`last_modified_at`, `updated`) the updated one;
/// - `author` / `authors` the byline; `summary` (`description`, `excerpt`) the summary;
/// - `section`, else the first of `categories` that names a configured section, else the first
///   category, else a parent folder that names one, is the section; the other categories and
///   the `tags` are topics;
/// - `draft: true` (Jekyll: `published: false`) makes a draft;
/// - the story is identified as `markdown:<slug>`, the slug being `slug`, else the file's name.
public struct MarkdownReader: ArticleReader {
    public let publication: Publication
    public let suppliedHeadline: String?
    private let assembler: StoryAssembler

    public init(publication: Publication, suppliedHeadline: String? = nil) {
        self.publication = publication
        self.suppliedHeadline = suppliedHeadline.flatMap { $0.isEmpty ? nil : $0 }
        self.assembler = StoryAssembler(publication: publication)
    }

    public func read(_ data: Data, file: String) -> [Result<ParsedArticle, FormatError>] {
        let text: String
        switch FormatError.utf8Text(data, file: file) {
        case .success(let decoded): text = decoded
        case .failure(let error): return [.failure(error)]
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? $0.dropLast() : $0
        }
        guard lines.contains(where: { !MarkdownBlocks.isBlank($0) }) else {
            return [
                .failure(FormatError(file: file, line: nil, message: "the file is empty; expected a Markdown page"))
            ]
        }
        do throws(JSONFieldError) {
            return [.success(try article(lines, file: file))]
        } catch {
            return [.failure(FormatError(file: file, line: error.line ?? 1, message: error.message))]
        }
    }

    private func article(_ lines: [Substring], file: String) throws(JSONFieldError) -> ParsedArticle {
        let matter = try FrontMatter(lines)
        var body = MarkdownBlocks(links: HTMLLinkPolicy(baseURL: nil)).blocks(Array(lines[matter.bodyStart...]))
        var headline = try matter.string("title").map(MarkdownInline.text)
        if headline == nil, case .heading(let first)? = body.first,
            Self.startsWithTopHeading(lines[matter.bodyStart...])
        {
            headline = first
            body.removeFirst()
        }
        guard let headline = suppliedHeadline ?? headline, !headline.isEmpty else {
            throw JSONFieldError("field 'title': expected the headline, found nothing", line: 1)
        }
        guard !body.isEmpty else {
            throw JSONFieldError("expected the story after the front matter, found nothing", line: matter.bodyStart + 1)
        }
        let stem = Self.stem(of: file)
        guard let published = try date(matter, keys: ["date", "publishDate", "pubDate"], fallback: stem) else {
            throw JSONFieldError("field 'date': expected a date like '2026-03-14', found nothing", line: 1)
        }
        let updated = try date(matter, keys: ["lastmod", "last_modified_at", "updated", "modified"], fallback: nil)
        var categories = try matter.names("categories") + matter.names("category")
        var section = try matter.string("section")
        if section == nil,
            let index = categories.firstIndex(where: { assembler.section(named: $0) != nil })
                ?? categories.indices.first
        {
            // The category that is the section is not also a topic.
            section = categories.remove(at: index)
        }
        if section == nil, let folder = Self.folder(of: file), assembler.section(named: folder) != nil {
            section = folder
        }
        var slug = try matter.string("slug")
        if slug == nil { slug = stem == "-" || stem.isEmpty ? Slug(headline).rawValue : stem }
        var summary = try matter.string("summary")
        if summary == nil { summary = try matter.string("description") }
        if summary == nil { summary = try matter.string("excerpt") }
        let authors = try matter.names("authors") + matter.names("author")
        let tags = try matter.names("tags")
        let dateline = try matter.string("dateline")
        var language = try matter.string("language")
        if language == nil { language = try matter.string("lang") }
        let draft = try matter.bool("draft") == true
        let unpublished = try matter.bool("published") == false
        let story = StoryFields(
            uri: "markdown:" + (slug ?? ""), format: "markdown", headline: headline,
            summary: summary.map(MarkdownInline.text), body: body,
            authorNames: authors, section: section, terms: categories + tags, located: dateline,
            language: language, published: published, updated: updated)
        return ParsedArticle(
            content: assembler.content(story), line: 1, status: draft || unpublished ? .draft : .published)
    }

    /// The first of `keys` present, read in the publication's zone; else the date a Jekyll file
    /// name starts with.
    private func date(_ matter: FrontMatter, keys: [String], fallback stem: String?) throws(JSONFieldError)
        -> Timestamp?
    {
        for key in keys {
            guard let text = try matter.string(key) else { continue }
            guard let timestamp = DateTimeText.timestamp(text, in: publication.timeZone) else {
                throw JSONFieldError(
                    "field '\(key)': "
                        + DateTimeText.expectation(
                            "a date like '2026-03-14' or '2026-03-14T08:15:00+05:00'", found: text),
                    line: matter.line(of: key))
            }
            return timestamp
        }
        guard let stem, stem.count > 10 else { return nil }
        return DateTimeText.timestamp(String(stem.prefix(10)), in: publication.timeZone)
    }

    private static func startsWithTopHeading(_ lines: ArraySlice<Substring>) -> Bool {
        lines.first { !MarkdownBlocks.isBlank($0) }.map { $0.hasPrefix("# ") } ?? false
    }

    /// `content/sport/2026-03-14-rowing.md` → `2026-03-14-rowing`.
    static func stem(of file: String) -> String {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// `content/sport/rowing.md` → `sport`.
    static func folder(of file: String) -> String? {
        let parts = file.split(separator: "/")
        return parts.count >= 2 ? String(parts[parts.count - 2]) : nil
    }
}
