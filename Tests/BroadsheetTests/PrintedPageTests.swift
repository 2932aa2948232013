import Broadsheet
import Testing

/// The printed page's values refuse what cannot be on a page, naming the field.
@Suite("Printed pages, boxes and regions", .timeLimit(.minutes(10)))
struct PrintedPageTests {
    static let day = EditionDate(year: 2025, month: 4, day: 29)!

    @Test func aPageKeepsItsPlaceSizeAndImage() throws {
        let page = try PrintedPage(
            date: Self.day, number: 3, label: " A3 ", width: 4000, height: 6000, image: "sha256-ab12")
        #expect(page.label == "A3" && page.displayLabel == "A3")
        #expect(try PrintedPage(date: Self.day, number: 4, label: "  ", width: 1, height: 1).displayLabel == "4")
    }

    @Test(arguments: [
        (0, 100, 100, "sha256-1", "page.number"), (10_001, 100, 100, "sha256-1", "page.number"),
        (1, 0, 100, "sha256-1", "page.width"), (1, 100, 70_000, "sha256-1", "page.height"),
        (1, 100, 100, "../etc/passwd", "page.image"), (1, 100, 100, "", "page.image"),
    ])
    func badPagesNameTheField(number: Int, width: Int, height: Int, image: String, field: String) {
        #expect {
            try PrintedPage(date: Self.day, number: number, width: width, height: height, image: image)
        } throws: { error in
            guard case .invalid(let named, _)? = error as? PrintedPageError else { return false }
            return named == field
        }
    }

    @Test func boxesFromPageUnitsAreNormalised() throws {
        let box = try PageBox(left: 200, top: 300, width: 400, height: 150, pageWidth: 2000, pageHeight: 3000)
        #expect(box == (try PageBox(x: 0.1, y: 0.1, width: 0.2, height: 0.05)))
        let pixels = box.scaled(width: 1000, height: 1500)
        #expect(pixels.x == 100 && pixels.y == 150 && pixels.width == 200 && pixels.height == 75)
        let other = try PageBox(x: 0.5, y: 0.5, width: 0.5, height: 0.5)
        #expect(box.union(other) == (try PageBox(x: 0.1, y: 0.1, width: 0.9, height: 0.9)))
    }

    @Test(arguments: [
        (0.9, 0.1, 0.2, 0.1, "must lie inside the page"), (-0.1, 0.1, 0.2, 0.1, "must lie inside the page"),
        (0.1, 0.1, 0, 0.1, "must have a width and a height above 0"),
        (0.1, 0.1, 0.2, -0.1, "must have a width and a height above 0"),
        (Double.nan, 0.1, 0.2, 0.1, "must be a finite number"),
    ])
    func badBoxesAreRefused(x: Double, y: Double, width: Double, height: Double, reason: String) {
        #expect {
            try PageBox(x: x, y: y, width: width, height: height, field: "region.box")
        } throws: { error in
            guard case .invalid(let field, let said)? = error as? PrintedPageError else { return false }
            return field.hasPrefix("region.box") && said.contains(reason)
        }
    }

    @Test func aBoxPastThePageInItsOwnUnitSaysWhere() {
        #expect(
            throws: PrintedPageError.invalid(
                field: "word",
                reason: "must lie inside the page (100.0 × 100.0), not from (90.0, 10.0) to (110.0, 20.0)")
        ) {
            try PageBox(left: 90, top: 10, width: 20, height: 10, pageWidth: 100, pageHeight: 100, field: "word")
        }
    }

    @Test func polygonsNeedAnArea() throws {
        let corners = try [(0.1, 0.1), (0.5, 0.1), (0.5, 0.3), (0.3, 0.3), (0.3, 0.6), (0.1, 0.6)].map {
            try PagePoint(x: $0.0, y: $0.1)
        }
        let region = try Region(page: 2, shape: .polygon(corners))
        #expect(region.bounds == (try PageBox(x: 0.1, y: 0.1, width: 0.4, height: 0.5)))
        let line = try [(0.1, 0.1), (0.2, 0.2), (0.3, 0.3)].map { try PagePoint(x: $0.0, y: $0.1) }
        #expect(throws: PrintedPageError.self) { try Region(page: 2, shape: .polygon(line)) }
        #expect(throws: PrintedPageError.self) { try Region(page: 2, shape: .polygon(Array(corners.prefix(2)))) }
        #expect(throws: PrintedPageError.self) { try PagePoint(x: 1.2, y: 0.5) }
        #expect(throws: PrintedPageError.self) { try Region(page: 0, box: .whole) }
    }

    @Test func aContinuedArticleKnowsItsPagesInRunningOrder() throws {
        let box = try PageBox(x: 0.5, y: 0.1, width: 0.4, height: 0.3)
        let story = try PrintedArticle(regions: [
            try Region(page: 1, box: box), try Region(page: 1, box: .whole), try Region(page: 12, box: box),
        ])
        #expect(story.pages == [1, 12] && story.firstPage == 1)
        #expect(story.regions(on: 12).count == 1)
        #expect(throws: PrintedPageError.invalid(field: "article.regions", reason: "must hold at least one region")) {
            try PrintedArticle(regions: [])
        }
    }

    @Test func aHyphenatedWordKeepsBothParts() throws {
        let first = try PageBox(x: 0.8, y: 0.1, width: 0.1, height: 0.02)
        let second = try PageBox(x: 0.5, y: 0.13, width: 0.1, height: 0.02)
        let word = try WordBox(text: "harbour", boxes: [first, second])
        #expect(word.bounds == first.union(second))
        #expect(throws: PrintedPageError.self) { try WordBox(text: " ", box: first) }
        #expect(throws: PrintedPageError.self) { try WordBox(text: "tide", boxes: []) }
    }
}

@Suite("A clipping of a printed page", .timeLimit(.minutes(10)))
struct ClippingTests {
    static let page = try! PrintedPage(
        date: EditionDate(year: 2025, month: 4, day: 29)!, number: 3, width: 1000, height: 1500)

    @Test func readsItsRectangleAndWritesItBack() throws {
        let clipping = try Clipping("100,200,300,400", on: Self.page)
        #expect(clipping.description == "100,200,300,400")
        #expect(clipping.page == 3 && clipping.date == Self.page.date)
        let story = try PageBox(x: 0.1, y: 0.1, width: 0.2, height: 0.1)
        #expect(clipping.overlaps(story, pageWidth: 1000, pageHeight: 1500))
        #expect(
            !clipping.overlaps(try PageBox(x: 0.5, y: 0.5, width: 0.1, height: 0.1), pageWidth: 1000, pageHeight: 1500))
    }

    @Test(arguments: ["", "1,2,3", "a,b,c,d", "0,0,10,10", "900,0,200,100", "-5,0,100,100", "0,0,1000,1501"])
    func aRectangleThatIsNotOnThePageIsNamed(text: String) {
        #expect(throws: PrintedPageError.self) { try Clipping(text, on: Self.page) }
    }

    @Test func aStorysClippingKeepsAMarginWithinThePage() throws {
        let clipping = Clipping(around: try PageBox(x: 0, y: 0.5, width: 0.3, height: 0.2), on: Self.page)
        #expect(clipping.description == "0,745,305,310")
    }
}
