import Broadsheet
import Testing

@testable import BroadsheetWeb

/// A purge key names its slug in plain ASCII: a header value may hold nothing else.
@Suite("Surrogate keys", .timeLimit(.minutes(5)))
struct SurrogateKeyTests {
    @Test func aPlainSlugIsKeptAndAnyOtherIsPercentEncoded() {
        #expect(SurrogateKey.topic(Slug(verbatim: "harbour-2026")) == "topic-harbour-2026")
        #expect(SurrogateKey.section(Slug(verbatim: "کراچی")) == "section-%DA%A9%D8%B1%D8%A7%DA%86%DB%8C")
        #expect(SurrogateKey.author(Slug(verbatim: "sana_q")) == "author-sana%5Fq")
        #expect(SurrogateKey.author(Slug(verbatim: "Sana")) == "author-%53ana")
    }
}
