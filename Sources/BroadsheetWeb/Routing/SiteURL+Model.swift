import Broadsheet
import BroadsheetImages

// The address of each thing a reader can open, so no page spells one out by hand.

extension Article {
    /// The article page, `/news/42/harbour-bridge-reopens`.
    public var siteURL: SiteURL { .article(.value(id), .value(slug)) }
    /// `/news/42`, which a headline edit never moves.
    public var permalink: SiteURL { .permalink(.value(id)) }
}

extension ArticleSummary {
    public var siteURL: SiteURL { .article(.value(id), .value(slug)) }
}

extension ArticleStamp {
    public var siteURL: SiteURL { .article(.value(id), .value(slug)) }
}

extension Section {
    public var siteURL: SiteURL { .section(.value(slug)) }
}

extension Topic {
    public var siteURL: SiteURL { .topic(.value(slug)) }
}

extension Author {
    public var siteURL: SiteURL { .author(.value(slug)) }
}

extension EditionDate {
    public var siteURL: SiteURL { .edition(.value(self)) }
}

extension PrintedPage {
    /// The replica of the page, `/epaper/2025-04-29/3`.
    public var siteURL: SiteURL { .printedPage(.value(date), .value(number)) }

    /// The IIIF image service of the page's image, named by its digest; nil until it has one.
    public var imageService: SiteURL? {
        image.flatMap(ImageAddress.init).map { .imageService(.value($0.digest)) }
    }

    /// A small image of the whole page, for page strips and lists: the thumbnail kept at import
    /// (`PageThumbnail`), asked for at its exact size so it is answered from the kept file.
    public var thumbnail: SiteURL? {
        image.flatMap(ImageAddress.init).map {
            let size = PageThumbnail.size(pageWidth: width, pageHeight: height)
            return .image(.value(id: $0.digest, region: "full", size: "\(size.width),\(size.height)"))
        }
    }
}

extension Clipping {
    /// `/epaper/2025-04-29/3/clip/120,340,800,600`.
    public var siteURL: SiteURL { .clipping(.value(date), .value(page), .value(description)) }
}
