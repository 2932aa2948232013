import Mustache

/// The printed page on `page.mustache`: its picture, a link over each story where it is printed,
/// the search's hits where their words stand, and links that enlarge a part of the page.
///
/// Positions are percentages of the page, drawn in an SVG whose view box is 100 × 100 and
/// stretched over the picture, so they stay on their words at any size without inline styles
/// (which the Content-Security-Policy forbids).
struct ReplicaModel {
    /// "Page 3 of the April 29, 2025 edition, as printed".
    var alt: String
    /// The picture without JavaScript: a width the page column shows, others in `srcset`.
    var image: String
    var srcset: String
    /// The smaller picture a narrow screen gets.
    var phone_image: String
    /// The picture's size at `image`, for the browser to keep its place before it loads.
    var width: Int
    var height: Int
    /// The page image's IIIF service and its size in pixels, for the zooming viewer.
    var service: String
    var info: String
    var full_width: Int
    var full_height: Int
    var regions: [RegionLinkModel]
    var hits: [HitBoxModel]
    var has_hits: Bool
    var zooms: [ZoomLinkModel]
}

/// One story's link over the page: each of its shapes on this page, named by its headline.
struct RegionLinkModel {
    var url: String
    var headline: String
    var shapes: [RegionShapeModel]
}

/// A rectangle (`x`, `y`, `width`, `height`) or a polygon (`points`), in percent of the page.
struct RegionShapeModel {
    var rectangle: Bool
    var x: String
    var y: String
    var width: String
    var height: String
    /// "x,y x,y x,y" for a polygon; empty for a rectangle.
    var points: String
}

/// Where a word of a search hit is printed, in percent of the page.
struct HitBoxModel {
    var x: String
    var y: String
    var width: String
    var height: String
    /// The words of the hit as printed.
    var text: String
}

/// A link to a part of the page enlarged: a quarter, or a story.
struct ZoomLinkModel {
    var name: String
    var url: String
}

/// A page in the thumbnail strip.
struct ThumbnailModel {
    var url: String
    var number: Int
    var label: String
    /// The thumbnail picture; empty for a page without an image.
    var image: Maybe<String>
    var current: Bool
}

/// A story on this page that runs on another one: "Continued on page 12", "Continued from page 1".
struct JumpModel {
    var headline: String
    var article_url: String
    var note: String
    var page_url: String
}

/// What `?q=` found on the page.
struct PageSearchModel {
    var query: String
    /// "2 places on this page match", or that none do.
    var summary: String
    var found: Bool
    var search_url: String
}

extension ReplicaModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "alt": self.alt
        case "image": self.image
        case "srcset": self.srcset
        case "phone_image": self.phone_image
        case "width": self.width
        case "height": self.height
        case "service": self.service
        case "info": self.info
        case "full_width": self.full_width
        case "full_height": self.full_height
        case "regions": self.regions
        case "hits": self.hits
        case "has_hits": self.has_hits
        case "zooms": self.zooms
        default: nil
        }
    }
}

extension RegionLinkModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "url": self.url
        case "headline": self.headline
        case "shapes": self.shapes
        default: nil
        }
    }
}

extension RegionShapeModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "rectangle": self.rectangle
        case "x": self.x
        case "y": self.y
        case "width": self.width
        case "height": self.height
        case "points": self.points
        default: nil
        }
    }
}

extension HitBoxModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "x": self.x
        case "y": self.y
        case "width": self.width
        case "height": self.height
        case "text": self.text
        default: nil
        }
    }
}

extension ZoomLinkModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "url": self.url
        default: nil
        }
    }
}

extension ThumbnailModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "url": self.url
        case "number": self.number
        case "label": self.label
        case "image": self.image
        case "current": self.current
        default: nil
        }
    }
}

extension JumpModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "headline": self.headline
        case "article_url": self.article_url
        case "note": self.note
        case "page_url": self.page_url
        default: nil
        }
    }
}

extension PageSearchModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "query": self.query
        case "summary": self.summary
        case "found": self.found
        case "search_url": self.search_url
        default: nil
        }
    }
}
