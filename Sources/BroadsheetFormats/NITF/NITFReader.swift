import Broadsheet
import Foundation

/// Reads NITF 3.x, the News Industry Text Format: one story per document.
///
/// ```xml
/// <nitf>
///   <head>
///     <title>Harbour bridge reopens</title>
///     <docdata><doc-id id-string="harbour-times-2025-0429-017"/><date.issue norm="20250429T103200+0500"/></docdata>
///   </head>
///   <body>
///     <body.head><hedline><hl1>Harbour bridge reopens</hl1></hedline><byline>By Sana Mirza</byline></body.head>
///     <body.content><p>The bridge reopened on Monday.</p></body.content>
///   </body>
/// </nitf>
/// ```
///
/// `doc-id` is the story's identity; `date.issue` (else `date.release`, else `pubdata`'s
/// `date.publication`) its publication time; `pubdata`'s `position.section`, `tobject.subject` and
/// `key-list` keywords its terms. Urgency is read by wire desks' systems, not by readers: it has no
/// place in an article and is not kept.
public struct NITFReader: ArticleReader {
    public var publication: Publication { desk.publication }
    private let desk: DraftDesk

    public init(publication: Publication) {
        self.init(publication: publication, receivedAt: Date())
    }

    /// `receivedAt` dates a story that gives no date of its own (`IngestRepair.missingDate`).
    public init(publication: Publication, receivedAt: Date) {
        desk = DraftDesk(
            publication: publication, receivedAt: receivedAt,
            fields: ArticleDraft.FieldNames(

                headline: "body.head/hedline/hl1 or head/title", uri: "head/docdata/doc-id's id-string",
                published: "head/docdata/date.issue's norm", body: "body/body.content"))
    }

    /// The document's story, or why it could not be read.
    public func read(_ data: Data, file: String) -> [Result<ParsedArticle, FormatError>] {
        do throws(FormatError) {
            let root = try XMLTreeReader().root(of: data, file: file, oneOf: ["nitf"], format: "an NITF document")
            return [desk.article(draft(from: root), file: file)]
        } catch {
            return [.failure(error)]
        }
    }

    /// What an `<nitf>` element says of its story; NewsML envelopes carrying NITF start from this.
    func draft(from nitf: XMLTreeElement, format: String = "nitf") -> ArticleDraft {
        var draft = ArticleDraft(format: format, line: nitf.line)
        let head = nitf.child("head")
        let docdata = head?.child("docdata")
        let bodyHead = nitf.path("body", "body.head")
        draft.uri = docdata?.child("doc-id")?[attribute: "id-string"]
        draft.headline = bodyHead?.path("hedline", "hl1")?.normalizedText ?? head?.child("title")?.normalizedText
        draft.summary =
            bodyHead?.child("abstract")?.normalizedText ?? bodyHead?.path("hedline", "hl2")?.normalizedText
        readCredit(bodyHead, into: &draft)
        readDates(head, into: &draft)
        draft.terms = terms(in: head)
        draft.language = nitf[attribute: "xml:lang"] ?? nitf.child("body")?[attribute: "xml:lang"]
        var body = nitf.path("body", "body.content").map(NITFBody.blocks(in:)) ?? []
        // The tagline ("Reporting by …") closes the copy; its words are kept after the body.
        if !body.isEmpty, let end = nitf.path("body", "body.end") { body += NITFBody.blocks(in: end) }
        if let dateline = bodyHead?.child("dateline") {
            draft.dateline = Self.dateline(dateline, agency: bodyHead?.child("distributor")?.normalizedText)
        } else {
            draft.dateline = PlainTextBody.dateline(openingFirstParagraphOf: &body)
        }
        draft.body = body
        return draft
    }

    private func readCredit(_ bodyHead: XMLTreeElement?, into draft: inout ArticleDraft) {
        let bylines = bodyHead?.children("byline") ?? []
        let printed = bylines.compactMap(\.normalizedText).joined(separator: " | ")
        draft.byline = printed.isEmpty ? nil : printed
        let persons = bylines.flatMap { $0.children("person") }.compactMap(\.normalizedText)
        let reader = publication.bylineReader
        var authors = persons.map { Author(name: $0, kind: .person) }
        if authors.isEmpty, !printed.isEmpty { authors = reader.authors(in: printed) }
        if let distributor = bodyHead?.child("distributor")?.normalizedText {
            var credited = Set(authors)
            for agency in reader.authors(in: distributor) where !credited.contains(agency) {
                let credit = Author(name: agency.name, kind: .agency)
                authors.append(credit)
                credited.insert(credit)
            }
        }
        draft.authors = authors
    }

    private func readDates(_ head: XMLTreeElement?, into draft: inout ArticleDraft) {
        let docdata = head?.child("docdata")
        let zone = publication.timeZone
        func date(_ element: XMLTreeElement?, _ attribute: String) -> Timestamp? {
            element?[attribute: attribute].flatMap { InternetDate.timestamp($0, zone: zone) }
        }
        let pubdata = head?.child("pubdata")
        let printed = date(pubdata, "date.publication")
        draft.published = date(docdata?.child("date.issue"), "norm") ?? date(docdata?.child("date.release"), "norm")
        draft.published = draft.published ?? printed
        draft.dateAbsent =
            docdata?.child("date.issue")?[attribute: "norm"] == nil
            && docdata?.child("date.release")?[attribute: "norm"] == nil
            && pubdata?[attribute: "date.publication"] == nil
        if let printed { draft.editionDate = EditionDate(printed.instant, in: zone) }
    }

    private func terms(in head: XMLTreeElement?) -> [String] {
        var terms: [String] = []
        if let section = head?.child("pubdata")?[attribute: "position.section"] { terms.append(section) }
        for tobject in head?.children("tobject") ?? [] {
            terms += tobject.children("tobject.subject").compactMap {
                $0[attribute: "tobject.subject.matter"] ?? $0[attribute: "tobject.subject.type"]
            }
        }
        let keywords = head?.path("docdata", "key-list")?.children("keyword") ?? []
        terms += keywords.compactMap { $0[attribute: "key"] ?? $0.normalizedText }
        return terms
    }

    /// `<dateline><location><city>KARACHI</city></location>, <story.date>April 29</story.date></dateline>`.
    static func dateline(_ element: XMLTreeElement, agency: String?) -> Dateline? {
        let date = element.child("story.date")?.normalizedText
        var place = element.child("location")?.normalizedText
        if place == nil {
            let text = element.normalizedText ?? ""
            let withoutDate = date.map { text.replacingOccurrences(of: $0, with: "") } ?? text
            place = XMLText.normalized(withoutDate.trimmingCharacters(in: CharacterSet(charactersIn: " ,:-")))
        }
        guard let place, !place.isEmpty else { return nil }
        let places = place.split(separator: "/").map { XMLText.normalized(String($0)) }
        if let date { return Dateline(places: places, date: date, agency: agency, style: .wire) }
        return Dateline(places: places, style: .colon)
    }
}
