import Broadsheet
import Foundation

/// One NewsML-G2 `newsItem` as a draft story.
struct NewsMLG2Item {
    let publication: Publication

    func draft(from item: XMLTreeElement) -> ArticleDraft {
        var draft = ArticleDraft(format: "newsml", line: item.line)
        draft.uri = item[attribute: "guid"]
        let itemMeta = item.child("itemMeta")
        let contentMeta = item.child("contentMeta")
        let zone = publication.timeZone
        func date(_ name: String, in element: XMLTreeElement?) -> Timestamp? {
            element?.child(name)?.normalizedText.flatMap { InternetDate.timestamp($0, zone: zone) }
        }
        let versionCreated = date("versionCreated", in: itemMeta)
        draft.dateAbsent = [
            itemMeta?.child("firstCreated"), itemMeta?.child("versionCreated"), contentMeta?.child("contentCreated"),
        ]
        .allSatisfy { $0 == nil }
        draft.published =
            date("firstCreated", in: itemMeta) ?? date("contentCreated", in: contentMeta) ?? versionCreated
        draft.updated = versionCreated
        draft.status = Self.status(itemMeta?.child("pubStatus")?[attribute: "qcode"])
        draft.headline =
            contentMeta?.children("headline").first(where: { $0[attribute: "role"] == nil })?.normalizedText
            ?? contentMeta?.child("headline")?.normalizedText ?? contentMeta?.child("slugline")?.normalizedText
        draft.summary =
            contentMeta?.children("description").first(where: {
                ($0[attribute: "role"] ?? "drol:summary").hasSuffix("summary")
            })?.normalizedText
        draft.language =
            contentMeta?.child("language")?[attribute: "tag"] ?? item[attribute: "xml:lang"]
        readCredits(contentMeta, into: &draft)
        draft.terms = (contentMeta?.children("subject") ?? []).compactMap(Self.name)
        if let place = contentMeta?.child("located").flatMap(Self.name) {
            draft.dateline = Dateline(places: [place.uppercased()])
        }
        readContent(item.child("contentSet"), into: &draft)
        if draft.body.isEmpty, Self.holdsSportsML(item.child("contentSet")) { draft.kind = "sport" }
        if let itemClass = Self.itemClass(item), itemClass != "text", itemClass != "composite" {
            draft.kind = itemClass
            // A picture's caption is what its brief says of it.
            draft.summary =
                draft.summary
                ?? contentMeta?.children("description").first { $0[attribute: "role"]?.hasSuffix("caption") == true }?
                .normalizedText
        }
        return draft
    }

    /// Whether the content is SportsML (results, tables, line-ups): data, not text, so a brief.
    static func holdsSportsML(_ contentSet: XMLTreeElement?) -> Bool {
        (contentSet?.elements ?? []).contains { content in
            content.child("sports-content") != nil
                || content[attribute: "contenttype"]?.lowercased().contains("sportsml") == true
        }
    }

    /// The item's class without its scheme: "text", "picture", "video", ...; nil when not given.
    static func itemClass(_ item: XMLTreeElement) -> String? {
        item.path("itemMeta", "itemClass")?[attribute: "qcode"]?.split(separator: ":").last.map(String.init)
    }

    /// Whether the item is filed: a story (text, or no class given), or a picture, graphic, video
    /// or audio item with a headline of its own, which becomes a brief. Media items without one
    /// travel with the stories they illustrate and are not stories themselves.
    static func isFiled(_ item: XMLTreeElement) -> Bool {
        isStory(item) || item.path("contentMeta", "headline") != nil
    }

    /// Whether the item is a story: text (or no class given), not a picture, graphic, video or audio.
    static func isStory(_ item: XMLTreeElement) -> Bool {
        itemClass(item).map { $0 == "text" || $0 == "composite" } ?? true
    }

    /// `stat:usable` files as published, `stat:withheld` as a draft, `stat:canceled` retracts.
    static func status(_ qcode: String?) -> ArticleStatus {
        switch qcode?.split(separator: ":").last {
        case "withheld"?: .draft
        case "canceled"?, "cancelled"?: .retracted
        default: .published
        }
    }

    /// A concept's name: its `name` child, else its `literal`, else its `qcode`.
    static func name(_ concept: XMLTreeElement) -> String? {
        concept.child("name")?.normalizedText ?? concept[attribute: "literal"] ?? concept[attribute: "qcode"]
    }

    private func readCredits(_ contentMeta: XMLTreeElement?, into draft: inout ArticleDraft) {
        let reader = publication.bylineReader
        var authors: [Author] = []
        var credited: Set<Author> = []
        for credit in (contentMeta?.children("creator") ?? []) + (contentMeta?.children("contributor") ?? []) {
            guard let name = Self.name(credit) else { continue }
            for author in reader.authors(in: name) where credited.insert(author).inserted { authors.append(author) }
        }
        var slugs = Set(authors.map(\.slug))
        for source in contentMeta?.children("infoSource") ?? [] {
            guard let name = Self.name(source) else { continue }
            let agency = Author(name: name, kind: .agency)
            if slugs.insert(agency.slug).inserted { authors.append(agency) }
        }
        draft.authors = authors
        draft.byline = contentMeta?.child("by")?.normalizedText
    }

    /// The first content we can read: NITF or XHTML inline, else text; a remote content's
    /// address is the link of a brief.
    private func readContent(_ contentSet: XMLTreeElement?, into draft: inout ArticleDraft) {
        draft.link = contentSet?.children("remoteContent").lazy.compactMap { $0[attribute: "href"] }.first
        for content in contentSet?.elements ?? [] {
            let type = content[attribute: "contenttype"] ?? ""
            if content.name == "inlineXML", let nitf = content.child("nitf") {
                let story = NITFReader(publication: publication).draft(from: nitf, format: "newsml")
                draft.body = story.body
                draft.dateline = draft.dateline ?? story.dateline
                draft.headline = draft.headline ?? story.headline
                draft.summary = draft.summary ?? story.summary
                if draft.authors.isEmpty { draft.authors = story.authors }
                draft.byline = draft.byline ?? story.byline
                return
            }
            if content.name == "inlineXML", let html = content.child("html") ?? content.child("body") {
                draft.body = XHTMLBody.blocks(html, baseURL: nil)
                return
            }
            if content.name == "inlineData", type.isEmpty || type.hasPrefix("text/plain") {
                draft.body = PlainTextBody.blocks(from: content.text)
                return
            }
            if content.name == "inlineData", type.hasPrefix("text/html") || type.hasPrefix("application/xhtml") {
                draft.body = HTMLBodyReader().blocks(from: content.text)
                return
            }
        }
    }
}
