import Broadsheet
import Testing

@Suite("Slugs", .timeLimit(.minutes(10)))
struct SlugTests {
    @Test(arguments: [
        ("Harbour bridge reopens after repairs", "harbour-bridge-reopens-after-repairs"),
        ("Pakistan's exports rise 5.2pc in March", "pakistans-exports-rise-5-2pc-in-march"),
        ("Café owners protest — again!", "cafe-owners-protest-again"),
        ("  Russia Ukraine War  ", "russia-ukraine-war"),
        ("WASHINGTON / MOSCOW", "washington-moscow"),
        ("شہر میں مشاعرہ", "شہر-میں-مشاعرہ"),
        ("!!!", ""),
    ])
    func slugsAreLowercaseWordsJoinedByHyphens(text: String, slug: String) {
        #expect(Slug(text).rawValue == slug)
    }

    @Test func longHeadlinesAreCutAtAWordBoundary() {
        let headline = String(repeating: "lengthy words ", count: 20)
        let slug = Slug(headline).rawValue
        #expect(slug.count <= Slug.maximumLength)
        #expect(!slug.hasSuffix("-"))
        #expect(slug.hasSuffix("words") || slug.hasSuffix("lengthy"))
    }

    @Test func theSameTextAlwaysGivesTheSameSlug() {
        #expect(Slug("Budget 2025: what changes") == Slug("Budget 2025: what changes"))
        #expect(Slug(verbatim: "as-is").rawValue == "as-is")
    }
}
