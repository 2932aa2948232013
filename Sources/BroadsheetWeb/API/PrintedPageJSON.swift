import Broadsheet

/// A printed page as the API gives it: its place and size, its IIIF image service and thumbnail,
/// and the published stories printed on it with their regions there.
///
/// Boxes are fractions of the page (top left 0, 0), so a client draws them over the image at any
/// size; `iiif_id` is the base of every image request for the page.
struct PrintedPageJSON: Encodable {
    let page: PrintedPage
    let articles: [PrintedStoryJSON]
    /// The page's words with their boxes, when asked for.
    let words: [WordBox]?
    let publication: Publication

    private enum CodingKeys: String, CodingKey {
        case number, label, width, height, url
        case iiifID = "iiif_id"
        case thumbnail, articles, words
    }

    /// The pages of an edition with the stories on each, from where the store says each was
    /// printed; stories that are not published (not in `stories`) are left out.
    static func pages(
        _ pages: [PrintedPage], printed: [Int64: PrintedArticle], stories: [ArticleSummary], publication: Publication
    ) -> [PrintedPageJSON] {
        pages.map { page in
            PrintedPageJSON(
                page: page,
                articles: PrintedStoryJSON.stories(
                    on: page.number, printed: printed, stories: stories, publication: publication),
                words: nil, publication: publication)
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(page.number, forKey: .number)
        try container.encode(page.displayLabel, forKey: .label)
        try container.encode(page.width, forKey: .width)
        try container.encode(page.height, forKey: .height)
        try container.encode(page.siteURL.url(in: publication), forKey: .url)
        try container.encode(page.imageService?.url(in: publication), forKey: .iiifID)
        try container.encode(page.thumbnail?.url(in: publication), forKey: .thumbnail)
        try container.encode(articles, forKey: .articles)
        if let words { try container.encode(words.map(WordJSON.init), forKey: .words) }
    }
}

/// A story on a printed page: enough to label and link its regions, and the pages it runs on
/// (a story that jumps names both).
struct PrintedStoryJSON: Encodable {
    let summary: ArticleSummary
    let printed: PrintedArticle
    /// The page whose regions are given.
    let page: Int
    let publication: Publication

    /// The published stories with a region on page `number`, in the order they are listed in
    /// the edition.
    static func stories(
        on number: Int, printed: [Int64: PrintedArticle], stories: [ArticleSummary], publication: Publication
    ) -> [PrintedStoryJSON] {
        stories.compactMap { story in
            guard let place = printed[story.id], place.pages.contains(number) else { return nil }
            return PrintedStoryJSON(summary: story, printed: place, page: number, publication: publication)
        }
    }

    private enum CodingKeys: String, CodingKey { case id, headline, url, pages, regions }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(summary.id, forKey: .id)
        try container.encode(summary.headline, forKey: .headline)
        try container.encode(summary.siteURL.url(in: publication), forKey: .url)
        try container.encode(printed.pages, forKey: .pages)
        try container.encode(printed.regions(on: page).map(RegionJSON.init), forKey: .regions)
    }
}

/// A region: its bounding box always, and its corners when it is a polygon.
struct RegionJSON: Encodable {
    let region: Region

    private enum CodingKeys: String, CodingKey { case page, x, y, width, height, polygon }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let bounds = region.bounds
        try container.encode(region.page, forKey: .page)
        try container.encode(PageFraction.rounded(bounds.x), forKey: .x)
        try container.encode(PageFraction.rounded(bounds.y), forKey: .y)
        try container.encode(PageFraction.rounded(bounds.width), forKey: .width)
        try container.encode(PageFraction.rounded(bounds.height), forKey: .height)
        switch region.shape {
        case .rectangle: try container.encodeNil(forKey: .polygon)
        case .polygon(let points):
            try container.encode(
                points.map { [PageFraction.rounded($0.x), PageFraction.rounded($0.y)] }, forKey: .polygon)
        }
    }
}

/// A printed word and its box (two for a word hyphenated across lines).
struct WordJSON: Encodable {
    let word: WordBox

    private struct BoxJSON: Encodable {
        let x, y, width, height: Double
    }

    private enum CodingKeys: String, CodingKey { case text, boxes }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(word.text, forKey: .text)
        try container.encode(
            word.boxes.map {
                BoxJSON(
                    x: PageFraction.rounded($0.x), y: PageFraction.rounded($0.y),
                    width: PageFraction.rounded($0.width), height: PageFraction.rounded($0.height))
            }, forKey: .boxes)
    }
}

/// Fractions of a page as JSON gives them: to a millionth, finer than any pixel of a page, so
/// `0.1 + 0.3` is written `0.4` and not with binary arithmetic's last digits.
enum PageFraction {
    static func rounded(_ value: Double) -> Double { (value * 1_000_000).rounded() / 1_000_000 }
}
