import Broadsheet
import Foundation

/// Writes articles in the e-paper text format, so that `EPaperTextParser` reads them back as they were.
///
/// ```
/// E-Paper | April 29, 2025
/// Headline
/// Summary
/// Byline Published April 29, 2025 8:15am Updated April 29, 2025 10:32am
///
/// DATELINE: first paragraph
///
/// next paragraph
///
/// Published in Dawn, Supplement, April 29th, 2025
///
/// Section
/// Topic
/// ```
///
/// The format knows only paragraphs, so headings, quotes and the other blocks are written as
/// paragraphs (see `paragraphs(of:)`); line breaks inside a field become spaces. Reading the text
/// back gives the same content whenever the content is one the format can hold: paragraph bodies,
/// whole-minute times, a section the publication has configured, short topics, the language the
/// text itself shows, and the authors and source the parser derives from the byline and the edition.
public struct EPaperTextWriter: Sendable {
    public let publication: Publication
    private let calendar: Calendar

    public init(publication: Publication) {
        self.publication = publication
        self.calendar = Calendar.gregorian(in: publication.timeZone)
    }

    /// One article, ending with a newline.
    public func write(_ content: ArticleContent) -> String {
        var lines = ["E-Paper | " + content.edition.date.printed, Self.singleLine(content.headline)]
        if let summary = content.summary.map(Self.singleLine), !summary.isEmpty { lines.append(summary) }
        lines.append(
            EPaperCredit.printed(
                byline: content.byline.map(Self.singleLine), published: content.published, updated: content.updated,
                calendar: calendar))
        var dateline = content.dateline
        for block in content.body {
            // A photo caption stands before the first paragraph; the dateline opens the paragraph.
            let isCaption = if case .image(let image) = block { EPaperCaption.printed(image) != nil } else { false }
            for paragraph in Self.paragraphs(of: block) {
                var text = Self.singleLine(paragraph)
                guard !text.isEmpty else { continue }
                if !isCaption, let printed = dateline?.printed {
                    text = printed + " " + text
                    dateline = nil
                }
                lines.append("")
                lines.append(text)
            }
        }
        let printLine = EPaperPrintLine(
            publication: Self.singleLine(content.edition.publication),
            supplement: content.edition.supplement.map(Self.singleLine).flatMap { $0.isEmpty ? nil : $0 },
            date: content.edition.date)
        lines.append("")
        lines.append(printLine.printed)
        lines.append("")
        lines.append(Self.singleLine(content.section.name))
        lines.append(contentsOf: content.topics.map { Self.singleLine($0.name) })
        return lines.joined(separator: "\n") + "\n"
    }

    /// Several articles in one file, a blank line between them.
    public func write(_ contents: [ArticleContent]) -> String {
        contents.map(write).joined(separator: "\n")
    }

    /// The paragraphs a block prints as: a list item each (`1. ` or `• ` before it), an image's
    /// caption and credit (nothing for a picture without words), an embed's title and address.
    static func paragraphs(of block: BodyBlock) -> [String] {
        switch block {
        case .paragraph(let text), .heading(let text), .quote(let text), .preformatted(let text):
            return [text]
        case .list(let list):
            return list.items.enumerated().map { list.ordered ? "\($0.offset + 1). \($0.element)" : "• \($0.element)" }
        case .image(let image):
            return [EPaperCaption.printed(image) ?? image.text]
        case .embed(let embed):
            return [embed.title.map { "\($0) (\(embed.url))" } ?? embed.url]
        }
    }

    /// The text on one line: each run of whitespace that breaks a line becomes one space, and
    /// the ends are trimmed (the parser trims them too).
    static func singleLine(_ text: String) -> String {
        guard text.contains(where: \.isNewline) else { return String(EPaperLine.trimmed(Substring(text))) }
        let words = text.split(whereSeparator: \.isNewline).map { EPaperLine.trimmed($0) }.filter { !$0.isEmpty }
        return words.joined(separator: " ")
    }
}
