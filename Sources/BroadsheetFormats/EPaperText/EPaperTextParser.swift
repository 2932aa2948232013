import Broadsheet
import Foundation

/// Reads Broadsheet's native exchange format, the plain-text article page of e-paper sites.
///
/// ```
/// E-Paper | April 29, 2025
/// Harbour bridge reopens after repairs
/// Commuters can expect shorter journeys this week.
/// Our Staff Reporter Published April 29, 2025 Updated April 29, 2025 10:32am
///
/// KARACHI: The bridge reopened on Monday ...
///
/// Published in Dawn, April 29th, 2025
///
/// Metropolitan
/// Infrastructure
/// ```
///
/// A file may hold several articles, each starting with its own `E-Paper |` line; each is read
/// on its own, so one bad article does not stop the others. Dates and times carry no zone and
/// are read in the publication's. Every non-blank line ends up somewhere: headline, summary,
/// credit, body, print line, a topic term, or page furniture (long lines after the print line).
public struct EPaperTextParser: Sendable {
    public let publication: Publication
    /// The headline to use for copy that prints none (`--headline`); it also replaces a printed one.
    public let suppliedHeadline: String?
    private let calendar: Calendar
    private let bylineReader: BylineReader
    private let terms: TermClassifier

    public init(publication: Publication, suppliedHeadline: String? = nil) {
        self.publication = publication
        let supplied = suppliedHeadline.map { EPaperLine.trimmed(Substring($0)) }
        self.suppliedHeadline = supplied.flatMap { $0.isEmpty ? nil : String($0) }
        self.calendar = Calendar.gregorian(in: publication.timeZone)
        self.bylineReader = publication.bylineReader
        self.terms = TermClassifier(publication: publication)
    }

    /// Each article of the file, or why it could not be read; one bad article does not stop the others.
    ///
    /// - Parameters:
    ///   - text: the whole file; `\n` or `\r\n` line ends, an optional byte order mark.
    ///   - file: the file's name as errors should show it ("-" for standard input).
    public func parse(_ text: String, file: String) -> [Result<ParsedArticle, FormatError>] {
        let copies = EPaperCopy.copies(in: EPaperLine.lines(of: text))
        guard !copies.isEmpty else {
            return [
                .failure(FormatError(file: file, line: nil, message: "the file is empty; expected an e-paper article"))
            ]
        }
        return copies.map { copy in
            do throws(EPaperProblem) {
                let (content, repairs) = try read(copy)
                return .success(ParsedArticle(content: content, line: copy.firstLine, repairs: repairs))
            } catch {
                return .failure(FormatError(file: file, line: error.line, message: error.message))
            }
        }
    }

    private func read(_ copy: EPaperCopy) throws(EPaperProblem) -> (ArticleContent, [IngestRepair]) {
        let editionDate = try copy.editionDate()
        let header = try EPaperHeader.read(copy, supplied: suppliedHeadline, calendar: calendar)
        let bodyLines = copy.lines[header.bodyStart...]
        var tail = try EPaperTail.read(bodyLines)
        // A photo caption before the first paragraph is the picture's, not the dateline's.
        var caption: EPaperCaption?
        if let first = bodyLines.firstIndex(where: { !$0.isBlank }),
            let read = EPaperCaption.read(bodyLines[first].text)
        {
            let rest = try EPaperTail.read(bodyLines[(first + 1)...])
            if !rest.paragraphs.isEmpty { (caption, tail) = (read, rest) }
        }
        var paragraphs = tail.paragraphs
        guard let first = paragraphs.first else {
            throw EPaperProblem(line: header.anchorLine, message: "expected body paragraphs after the headline")
        }
        var dateline: Dateline?
        if let opening = EPaperDatelineReader.read(Substring(first)) {
            dateline = opening.dateline
            paragraphs[0] = String(opening.text)
        }
        let published: Timestamp
        if let credit = header.credit {
            published = credit.published
        } else if let day = editionDate ?? tail.printLine?.date,
            let start = EPaperDates.timestamp(day, nil, calendar: calendar)
        {
            published = start
        } else {
            throw EPaperProblem(
                line: header.anchorLine,
                message: "expected a date: an 'E-Paper | April 29, 2025' line, a credit line like "
                    + "'Published April 29, 2025' or a print line like 'Published in Dawn, April 29th, 2025'")
        }
        let edition = EditionReference(
            publication: tail.printLine?.publication ?? publication.name,
            date: editionDate ?? tail.printLine?.date ?? EditionDate(published.instant, in: publication.timeZone),
            supplement: tail.printLine?.supplement)
        let body = (caption.map { [$0.block] } ?? []) + paragraphs.map(BodyBlock.paragraph)
        let (section, topics) = terms.classify(tail.terms)
        let byline = header.credit?.byline
        var content = ArticleContent(
            headline: header.headline, summary: header.summary, byline: byline,
            authors: byline.map { bylineReader.authors(in: $0) } ?? [], dateline: dateline, body: body,
            section: section, topics: topics, published: published, updated: header.credit?.updated,
            edition: edition,
            source: .epaper(publication: edition.publication, date: edition.date, headline: header.headline))
        content.language = language(of: content)
        let repairs = caption.map { [IngestRepair.captionLine("\($0.caption) — \($0.credit)")] } ?? []
        return (content, repairs)
    }

    /// `LanguageGuess` on the headline and body. Text without a byte of the Arabic script's
    /// blocks gets the fallback from `LanguageGuess` anyway, so that case skips its per-letter look-ups.
    private func language(of content: ArticleContent) -> String {
        let text = content.headline + " " + content.bodyText
        // In UTF-8, U+0600–U+077F start with a byte 0xD8–0xDD, and U+FB50–U+FDFF with 0xEF.
        let mayBeArabicScript = text.utf8.contains { (0xD8...0xDD).contains($0) || $0 == 0xEF }
        guard mayBeArabicScript else { return publication.language }
        return LanguageGuess.language(of: text, fallback: publication.language)
    }
}
