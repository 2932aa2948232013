import Broadsheet
import BroadsheetImages
import Foundation

/// An edition's printed pages as a IIIF Presentation 3.0 manifest: a canvas a page, painted with
/// the page image through our Image API service, and a range an article, so a viewer (Mirador,
/// the Universal Viewer) pages through the paper and lists its stories.
///
/// A canvas is the page image's size, so every box is in the image's pixels: an article's region
/// is `#xywh=` on its canvas (a polygon its exact outline, through an SVG selector), and a story
/// continued on another page is one range with parts on both canvases.
struct EditionManifest {
    /// A published story of the edition with where it was printed.
    struct PrintedStory {
        var summary: ArticleSummary
        var printed: PrintedArticle
    }

    let publication: Publication
    let date: EditionDate
    let pages: [PrintedPage]
    /// In the edition's reading order.
    let stories: [PrintedStory]

    var ids: IIIFIdentifiers { IIIFIdentifiers(publication: publication, date: date) }

    var language: String { publication.language }

    func manifest() -> IIIF.Manifest {
        let ids = self.ids
        let title = "\(publication.name), \(date.printed)"
        let storyCount = stories.count == 1 ? "1 story" : "\(stories.count) stories"
        let pageCount = pages.count == 1 ? "1 printed page" : "\(pages.count) printed pages"
        return IIIF.Manifest(
            id: ids.manifest,
            label: IIIF.text(title, language: language),
            summary: IIIF.text(
                "The edition of \(date.printed) as printed: \(pageCount), \(storyCount).", language: language),
            navDate: Self.navDate(date, in: publication.timeZone),
            viewingDirection: LanguageGuess.isRightToLeft(language) ? "right-to-left" : "left-to-right",
            homepage: [
                IIIF.Link(
                    id: publication.url(SiteURL.edition(.value(date)).path), type: "Text",
                    label: IIIF.text(title, language: language), format: "text/html", language: [language])
            ],
            thumbnail: pages.first.flatMap { thumbnail(of: $0) }.map { [$0] },
            rendering: [
                IIIF.Link(
                    id: publication.url(SiteURL.editionBook(.value(date)).path), type: "Text",
                    label: IIIF.text("\(title) as an EPUB book", language: language), format: "application/epub+zip",
                    language: [language])
            ],
            partOf: [IIIF.Link(id: ids.collection, type: "Collection")],
            service: [
                IIIF.Link(id: ids.search, type: "SearchService2", profile: "http://iiif.io/api/search/2/search")
            ],
            items: pages.map(canvas),
            structures: ranges().nilIfEmpty)
    }

    /// `navDate`: the edition's day at midnight where it is published, with that zone's offset,
    /// so a calendar shows the masthead's day and not the day before in UTC.
    static func navDate(_ date: EditionDate, in timeZone: TimeZone) -> String {
        let start = date.startOfDay(in: timeZone)
        let offset = timeZone.secondsFromGMT(for: start)
        let zone =
            offset == 0
            ? "Z"
            : String(format: "%@%02d:%02d", offset < 0 ? "-" : "+", abs(offset) / 3600, abs(offset) % 3600 / 60)
        return "\(date.iso)T00:00:00\(zone)"
    }

    func canvas(_ page: PrintedPage) -> IIIF.Canvas {
        let ids = self.ids
        let canvas = ids.canvas(page.number)
        var items: [IIIF.Annotation] = []
        if let image = imageService(of: page) {
            let body = IIIF.Link(
                id: "\(image.id)/full/max/0/default.jpg", type: "Image", format: "image/jpeg", width: page.width,
                height: page.height, service: [image])
            items.append(IIIF.Annotation(id: ids.painting(page.number), body: body, target: canvas))
        }
        let alto = publication.url(SiteURL.pageALTO(.value(date), .value(page.number)).path)
        let altoLabel = IIIF.text("The words of page \(page.displayLabel) as ALTO XML", language: language)
        return IIIF.Canvas(
            id: canvas, label: IIIF.text(page.displayLabel, language: "none"), width: page.width, height: page.height,
            navDate: Self.navDate(date, in: publication.timeZone),
            thumbnail: thumbnail(of: page).map { [$0] },
            rendering: [IIIF.Link(id: alto, type: "Text", label: altoLabel, format: "text/xml")],
            seeAlso: [
                IIIF.Link(
                    id: alto, type: "Dataset", label: altoLabel, format: "text/xml",
                    profile: "http://www.loc.gov/standards/alto/v4/alto.xsd")
            ],
            items: [IIIF.AnnotationPage(id: ids.paintingPage(page.number), items: items)])
    }

    /// The page image's Image API service, when the page has an image.
    func imageService(of page: PrintedPage) -> IIIF.Link? {
        guard let address = page.image.flatMap(ImageAddress.init) else { return nil }
        return IIIF.Link(
            id: publication.url(SiteURL.imageService(.value(address.digest)).path), type: "ImageService3",
            profile: "level2")
    }

    /// A small image of the page, 200 pixels wide.
    func thumbnail(of page: PrintedPage) -> IIIF.Link? {
        guard let service = imageService(of: page) else { return nil }
        let width = min(200, page.width)
        let height = max(1, Int((Double(page.height) * Double(width) / Double(page.width)).rounded()))
        return IIIF.Link(
            id: "\(service.id)/full/\(width),/0/default.jpg", type: "Image", format: "image/jpeg", width: width,
            height: height, service: [service])
    }

    /// A range a story, its parts in reading order; a story whose pages are not in the manifest
    /// has none.
    func ranges() -> [IIIF.Range] {
        let pagesByNumber = Dictionary(pages.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        return stories.compactMap { story in
            let range = ids.range(story.summary.id)
            let parts = story.printed.regions.enumerated().compactMap { index, region in
                pagesByNumber[region.page].map { part(region, on: $0, id: "\(range)/part/\(index + 1)") }
            }
            guard !parts.isEmpty else { return nil }
            let summary = story.summary
            return IIIF.Range(
                id: range, label: IIIF.text(summary.headline, language: summary.language),
                items: parts,
                homepage: [
                    IIIF.Link(
                        id: publication.url(summary.siteURL.path), type: "Text",
                        label: IIIF.text(summary.headline, language: summary.language), format: "text/html",
                        language: [summary.language])
                ])
        }
    }

    /// One region of a story on its canvas, in the page image's pixels; `id` names an outline.
    func part(_ region: Region, on page: PrintedPage, id: String) -> IIIF.RangeItem {
        let canvas = ids.canvas(page.number)
        switch region.shape {
        case .rectangle(let box):
            let pixels = box.scaled(width: page.width, height: page.height)
            return .fragment(id: "\(canvas)#xywh=\(pixels.x),\(pixels.y),\(pixels.width),\(pixels.height)")
        case .polygon(let corners):
            let points = corners.map { corner in
                "\(Int((corner.x * Double(page.width)).rounded())),\(Int((corner.y * Double(page.height)).rounded()))"
            }
            let svg =
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><polygon points=\"\(points.joined(separator: " "))\"/></svg>"
            return .outline(id: id, source: canvas, svg: svg)
        }
    }
}

/// The ids of an edition's IIIF resources. The manifest, the collection, the search and the ALTO
/// are served; canvases, annotations and ranges are only embedded, so their ids (which the spec
/// asks to be HTTP URIs) sit under the edition's address without being answered there.
struct IIIFIdentifiers {
    let publication: Publication
    let date: EditionDate

    var manifest: String { publication.url(SiteURL.editionManifest(.value(date)).path) }
    var collection: String { publication.url(SiteURL.iiifCollection.path) }
    var search: String { publication.url(SiteURL.editionSearch(.value(date)).path) }

    /// Where the edition's embedded resources are named from: the manifest's folder.
    private var root: String {
        let manifest = self.manifest
        return String(manifest[..<(manifest.lastIndex(of: "/") ?? manifest.endIndex)])
    }

    func canvas(_ page: Int) -> String { "\(root)/canvas/\(page)" }
    func paintingPage(_ page: Int) -> String { "\(root)/canvas/\(page)/page" }
    func painting(_ page: Int) -> String { "\(root)/canvas/\(page)/image" }
    func range(_ article: Int64) -> String { "\(root)/range/\(article)" }
    func hit(_ page: Int, _ index: Int) -> String { "\(root)/canvas/\(page)/hit/\(index)" }
}

extension Array {
    fileprivate var nilIfEmpty: Self? { isEmpty ? nil : self }
}
