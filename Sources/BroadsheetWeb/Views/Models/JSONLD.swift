import BroadsheetFormats

/// The schema.org objects a page's `<script type="application/ld+json">` holds, as search engines
/// read them. Optional fields are left out when nil.
enum JSONLD {
    static let context = "https://schema.org"

    struct NewsArticle: Encodable {
        var context = JSONLD.context
        var type = "NewsArticle"
        var headline: String
        var url: String
        var mainEntityOfPage: WebPage
        var datePublished: String
        var dateModified: String
        var inLanguage: String
        var isAccessibleForFree = true
        var articleSection: String
        var publisher: Agent
        var author: [Agent]
        var wordCount: Int
        var keywords: [String]?
        var description: String?
        var locationCreated: Place?
        var image: [String]?

        enum CodingKeys: String, CodingKey {
            case context = "@context"
            case type = "@type"
            case headline, url, mainEntityOfPage, datePublished, dateModified, inLanguage, isAccessibleForFree,
                articleSection, publisher, author, wordCount, keywords, description, locationCreated, image
        }
    }

    /// A person, an organization, or the publisher with its logo.
    struct Agent: Encodable {
        var type: String
        var name: String
        var url: String
        var logo: ImageObject? = nil

        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case name, url, logo
        }
    }

    struct ImageObject: Encodable {
        var type = "ImageObject"
        var url: String

        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case url
        }
    }

    struct WebPage: Encodable {
        var type = "WebPage"
        var id: String

        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case id = "@id"
        }
    }

    struct Place: Encodable {
        var type = "Place"
        var name: String

        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case name
        }
    }

    struct CollectionPage: Encodable {
        var context = JSONLD.context
        var type = "CollectionPage"
        var name: String
        var url: String
        var datePublished: String
        var isPartOf: WebSiteReference
        var publisher: Agent
        var mainEntity: ItemList

        enum CodingKeys: String, CodingKey {
            case context = "@context"
            case type = "@type"
            case name, url, datePublished, isPartOf, publisher, mainEntity
        }
    }

    struct WebSiteReference: Encodable {
        var type = "WebSite"
        var name: String
        var url: String

        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case name, url
        }
    }

    /// An edition's stories, or a breadcrumb trail.
    struct ItemList: Encodable {
        var context: String? = nil
        var type: String
        var itemListElement: [ListItem]

        enum CodingKeys: String, CodingKey {
            case context = "@context"
            case type = "@type"
            case itemListElement
        }
    }

    /// A story of a list (`url`) or a step of a breadcrumb trail (`item`).
    struct ListItem: Encodable {
        var type = "ListItem"
        var position: Int
        var name: String
        var url: String? = nil
        var item: String? = nil

        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case position, name, url, item
        }
    }

    struct WebSite: Encodable {
        var context = JSONLD.context
        var type = "WebSite"
        var name: String
        var url: String
        var inLanguage: String
        var publisher: Agent
        var potentialAction: SearchAction

        enum CodingKeys: String, CodingKey {
            case context = "@context"
            case type = "@type"
            case name, url, inLanguage, publisher, potentialAction
        }
    }

    struct SearchAction: Encodable {
        var type = "SearchAction"
        var target: EntryPoint
        var queryInput = "required name=search_term_string"

        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case target
            case queryInput = "query-input"
        }
    }

    struct EntryPoint: Encodable {
        var type = "EntryPoint"
        var urlTemplate: String

        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case urlTemplate
        }
    }
}

// Each object's members in the order of `JSONEncoder`'s sorted keys (`JSONText`).

extension JSONLD.NewsArticle: JSONLDObject {
    func write(to json: inout JSONText) {
        json.object { json in
            json.member("@context", context)
            json.member("@type", type)
            json.member("articleSection", articleSection)
            json.member("author", author)
            json.member("dateModified", dateModified)
            json.member("datePublished", datePublished)
            json.member("description", description)
            json.member("headline", headline)
            json.member("image", image)
            json.member("inLanguage", inLanguage)
            json.member("isAccessibleForFree", isAccessibleForFree)
            json.member("keywords", keywords)
            json.member("locationCreated", locationCreated)
            json.member("mainEntityOfPage", mainEntityOfPage)
            json.member("publisher", publisher)
            json.member("url", url)
            json.member("wordCount", wordCount)
        }
    }
}

extension JSONLD.Agent: JSONLDObject {
    func write(to json: inout JSONText) {
        json.object { json in
            json.member("@type", type)
            json.member("logo", logo)
            json.member("name", name)
            json.member("url", url)
        }
    }
}

extension JSONLD.ImageObject: JSONLDObject {
    func write(to json: inout JSONText) {
        json.object { json in
            json.member("@type", type)
            json.member("url", url)
        }
    }
}

extension JSONLD.WebPage: JSONLDObject {
    func write(to json: inout JSONText) {
        json.object { json in
            json.member("@id", id)
            json.member("@type", type)
        }
    }
}

extension JSONLD.Place: JSONLDObject {
    func write(to json: inout JSONText) {
        json.object { json in
            json.member("@type", type)
            json.member("name", name)
        }
    }
}

extension JSONLD.CollectionPage: JSONLDObject {
    func write(to json: inout JSONText) {
        json.object { json in
            json.member("@context", context)
            json.member("@type", type)
            json.member("datePublished", datePublished)
            json.member("isPartOf", isPartOf)
            json.member("mainEntity", mainEntity)
            json.member("name", name)
            json.member("publisher", publisher)
            json.member("url", url)
        }
    }
}

extension JSONLD.WebSiteReference: JSONLDObject {
    func write(to json: inout JSONText) {
        json.object { json in
            json.member("@type", type)
            json.member("name", name)
            json.member("url", url)
        }
    }
}

extension JSONLD.ItemList: JSONLDObject {
    func write(to json: inout JSONText) {
        json.object { json in
            json.member("@context", context)
            json.member("@type", type)
            json.member("itemListElement", itemListElement)
        }
    }
}

extension JSONLD.ListItem: JSONLDObject {
    func write(to json: inout JSONText) {
        json.object { json in
            json.member("@type", type)
            json.member("item", item)
            json.member("name", name)
            json.member("position", position)
            json.member("url", url)
        }
    }
}

extension JSONLD.WebSite: JSONLDObject {
    func write(to json: inout JSONText) {
        json.object { json in
            json.member("@context", context)
            json.member("@type", type)
            json.member("inLanguage", inLanguage)
            json.member("name", name)
            json.member("potentialAction", potentialAction)
            json.member("publisher", publisher)
            json.member("url", url)
        }
    }
}

extension JSONLD.SearchAction: JSONLDObject {
    func write(to json: inout JSONText) {
        json.object { json in
            json.member("@type", type)
            json.member("query-input", queryInput)
            json.member("target", target)
        }
    }
}

extension JSONLD.EntryPoint: JSONLDObject {
    func write(to json: inout JSONText) {
        json.object { json in
            json.member("@type", type)
            json.member("urlTemplate", urlTemplate)
        }
    }
}
