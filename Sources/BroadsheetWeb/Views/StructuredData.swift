import Broadsheet
import BroadsheetFormats
import Foundation

/// schema.org JSON-LD and the OpenGraph and Twitter tags that search engines and link previews
/// read: `NewsArticle` for a story, `CollectionPage` for an edition, `WebSite` with its search,
/// and breadcrumbs.
struct StructuredData {
    let publication: Publication

    /// The publisher as schema.org names it, with the logo theme folders can replace.
    var publisher: JSONLD.Agent {
        JSONLD.Agent(
            type: "NewsMediaOrganization", name: publication.name, url: absolute(.front),
            logo: JSONLD.ImageObject(url: absolute(.staticFile(.value("logo.svg")))))
    }

    func newsArticle(_ article: Article) -> JSONLD.NewsArticle {
        let content = article.content
        let url = absolute(article.siteURL)
        return JSONLD.NewsArticle(
            headline: String(content.headline.prefix(110)), url: url, mainEntityOfPage: JSONLD.WebPage(id: url),
            datePublished: DateDisplay.rfc3339(content.published.instant),
            dateModified: DateDisplay.rfc3339(article.lastModified), inLanguage: content.language,
            articleSection: content.section.name, publisher: publisher,
            author: content.authors.isEmpty ? [publisher] : content.authors.map(author),
            wordCount: content.body.reduce(0) { $0 + Self.wordCount($1.text) },
            keywords: content.topics.isEmpty ? nil : content.topics.map(\.name), description: content.summary,
            locationCreated: content.dateline.map { JSONLD.Place(name: $0.place) },
            image: leadImageURL(content).map { [$0] })
    }

    /// A person is a `Person`; an agency ("AFP") or a staff line ("Our Staff Reporter") an
    /// `Organization`. Each links to its page on the site.
    func author(_ author: Author) -> JSONLD.Agent {
        JSONLD.Agent(
            type: author.kind == .person ? "Person" : "Organization", name: author.name,
            url: absolute(author.siteURL))
    }

    func collectionPage(_ edition: Edition, address: SiteURL) -> JSONLD.CollectionPage {
        JSONLD.CollectionPage(
            name: "E-Paper | \(edition.date.printed)", url: absolute(address), datePublished: edition.date.iso,
            isPartOf: JSONLD.WebSiteReference(name: publication.name, url: absolute(.front)), publisher: publisher,
            mainEntity: JSONLD.ItemList(
                type: "ItemList",
                itemListElement: edition.articles.enumerated().map { index, article in
                    JSONLD.ListItem(position: index + 1, name: article.headline, url: absolute(article.siteURL))
                }))
    }

    var webSite: JSONLD.WebSite {
        JSONLD.WebSite(
            name: publication.name, url: absolute(.front), inLanguage: publication.language, publisher: publisher,
            potentialAction: JSONLD.SearchAction(
                target: JSONLD.EntryPoint(urlTemplate: absolute(.search) + "?q={search_term_string}")))
    }

    /// Home › ... › the page itself; `trail` holds names and addresses.
    func breadcrumbs(_ trail: [(name: String, address: SiteURL)]) -> JSONLD.ItemList {
        JSONLD.ItemList(
            context: JSONLD.context, type: "BreadcrumbList",
            itemListElement: trail.enumerated().map { index, crumb in
                JSONLD.ListItem(position: index + 1, name: crumb.name, item: absolute(crumb.address))
            })
    }

    /// OpenGraph and Twitter card tags of an article, as `property` (or `name`) and `content`.
    func articleMeta(_ article: Article) -> [MetaTagModel] {
        let content = article.content
        var meta: [(String, String)] = [
            ("og:type", "article"), ("og:title", content.headline), ("og:url", absolute(article.siteURL)),
            ("og:site_name", publication.name), ("og:locale", content.language),
            ("article:published_time", DateDisplay.rfc3339(content.published.instant)),
            ("article:modified_time", DateDisplay.rfc3339(article.lastModified)),
            ("article:section", content.section.name),
        ]
        meta += content.topics.map { ("article:tag", $0.name) }
        meta += content.authors.map { ("article:author", absolute($0.siteURL)) }
        let description = content.summary ?? content.body.first?.text
        if let description { meta.append(("og:description", String(description.prefix(300)))) }
        let image = leadImageURL(content)
        if let image {
            meta.append(("og:image", image))
            if let alt = content.leadImage?.alt { meta.append(("og:image:alt", alt)) }
        }
        meta += [
            ("twitter:card", image == nil ? "summary" : "summary_large_image"), ("twitter:title", content.headline),
        ]
        if let description { meta.append(("twitter:description", String(description.prefix(200)))) }
        // OpenGraph names its tags with `property`, Twitter with `name`.
        return meta.map { tag, content in
            tag.hasPrefix("twitter:")
                ? MetaTagModel(property: nil, name: Maybe(tag), content: content)
                : MetaTagModel(property: Maybe(tag), name: nil, content: content)
        }
    }

    /// JSON for a `<script type="application/ld+json">`: no `<` survives, so no `</script>`
    /// in a headline can end the element.
    static func script(_ object: some JSONLDObject) -> String {
        var json = JSONText(forScript: true)
        object.write(to: &json)
        return String(decoding: json.bytes, as: UTF8.self)
    }

    /// How many words `text` has, as a reader counts them: runs of anything between white space.
    static func wordCount(_ text: String) -> Int {
        var text = text
        return text.withUTF8(wordCount(utf8:))
    }

    /// `wordCount` on the text's bytes: walking its scalars was a hundred-and-fiftieth of an
    /// export. White space beyond ASCII (U+0085, U+00A0, U+1680, U+2000 to U+3000) always starts
    /// with one of four bytes, so only a scalar starting with one of them is decoded.
    private static func wordCount(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var inWord = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            var isSpace = false
            switch byte {
            case UInt8(ascii: " "), 0x09...0x0D: isSpace = true
            case 0xC2, 0xE1, 0xE2, 0xE3:
                var decoder = UTF8()
                var rest = bytes[index...].makeIterator()
                if case .scalarValue(let scalar) = decoder.decode(&rest), scalar.properties.isWhitespace {
                    isSpace = true
                    index += UTF8.width(scalar) - 1
                }
            default: break
            }
            if isSpace {
                inWord = false
            } else if !inWord {
                inWord = true
                count += 1
            }
            index += 1
        }
        return count
    }

    private func absolute(_ address: SiteURL) -> String { address.url(in: publication) }

    private func leadImageURL(_ content: ArticleContent) -> String? {
        content.leadImage.flatMap { BodyHTML.absolute($0.url, baseURL: publication.baseURL) }
    }
}
