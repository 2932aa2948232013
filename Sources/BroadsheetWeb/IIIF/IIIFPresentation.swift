import Foundation

/// The resources of the IIIF Presentation API 3.0 that our manifests, collection and content
/// search answers use, as JSON-LD: one type a resource, the spec's names as keys, absent
/// properties left out.
///
/// Only what Broadsheet writes is modelled; an optional property is nil when we have nothing
/// true to say (no `rights` without a licence on file), since a wrong value is worse than none.
enum IIIF {
    static let presentationContext = "http://iiif.io/api/presentation/3/context.json"
    static let searchContext = "http://iiif.io/api/search/2/context.json"
    static let presentationMediaType = "application/ld+json;profile=\"\(presentationContext)\""
    static let searchMediaType = "application/ld+json;profile=\"\(searchContext)\""

    /// A string in one language, as `label` and `summary` hold it: `{"en": ["..."]}`.
    typealias LanguageMap = [String: [String]]

    static func text(_ value: String, language: String) -> LanguageMap {
        [language.isEmpty ? "none" : language: [value]]
    }

    /// A link to another resource: a homepage, a rendering, a thumbnail, a service, a reference.
    struct Link: Encodable, Hashable {
        var id: String
        var type: String
        var label: LanguageMap?
        var format: String?
        var profile: String?
        var language: [String]?
        var width: Int?
        var height: Int?
        var service: [Link]?
    }

    struct Collection: Encodable {
        var context = IIIF.presentationContext
        var id: String
        var type = "Collection"
        var label: LanguageMap
        var summary: LanguageMap?
        var homepage: [Link]?
        var items: [CollectionItem]

        enum CodingKeys: String, CodingKey {
            case context = "@context"
            case id, type, label, summary, homepage, items
        }
    }

    /// A manifest as a collection refers to it.
    struct CollectionItem: Encodable {
        var id: String
        var type = "Manifest"
        var label: LanguageMap
        var navDate: String
        var thumbnail: [Link]?
    }

    struct Manifest: Encodable {
        var context = IIIF.presentationContext
        var id: String
        var type = "Manifest"
        var label: LanguageMap
        var summary: LanguageMap?
        var navDate: String
        var behavior = ["paged"]
        var viewingDirection: String
        var requiredStatement: LabelValue?
        var rights: String?
        var homepage: [Link]
        var thumbnail: [Link]?
        var rendering: [Link]?
        var partOf: [Link]?
        var service: [Link]
        var items: [Canvas]
        var structures: [Range]?

        enum CodingKeys: String, CodingKey {
            case context = "@context"
            case id, type, label, summary, navDate, behavior, viewingDirection, requiredStatement, rights, homepage
            case thumbnail, rendering, partOf, service, items, structures
        }
    }

    struct LabelValue: Encodable {
        var label: LanguageMap
        var value: LanguageMap
    }

    struct Canvas: Encodable {
        var id: String
        var type = "Canvas"
        var label: LanguageMap
        var width: Int
        var height: Int
        var navDate: String
        var thumbnail: [Link]?
        var rendering: [Link]?
        var seeAlso: [Link]?
        var items: [AnnotationPage]
    }

    struct AnnotationPage: Encodable {
        var id: String
        var type = "AnnotationPage"
        var items: [Annotation]
    }

    /// An annotation painting a page image on its canvas.
    struct Annotation: Encodable {
        var id: String
        var type = "Annotation"
        var motivation = "painting"
        var body: Link
        var target: String
    }

    /// One article: the parts of canvases it is printed on, in reading order.
    struct Range: Encodable {
        var id: String
        var type = "Range"
        var label: LanguageMap
        var items: [RangeItem]
        var homepage: [Link]?
    }

    /// A part of a canvas: the canvas's id with a `#xywh=` fragment, or the region's exact outline.
    enum RangeItem: Encodable {
        case fragment(id: String)
        case outline(id: String, source: String, svg: String)

        func encode(to encoder: any Encoder) throws {
            switch self {
            case .fragment(let id):
                try Link(id: id, type: "Canvas").encode(to: encoder)
            case .outline(let id, let source, let svg):
                try OutlineResource(id: id, source: Link(id: source, type: "Canvas"), selector: SVGSelector(value: svg))
                    .encode(to: encoder)
            }
        }
    }

    struct OutlineResource: Encodable {
        var id: String
        var type = "SpecificResource"
        var source: Link
        var selector: SVGSelector
    }

    struct SVGSelector: Encodable {
        var type = "SvgSelector"
        var value: String
    }
}
