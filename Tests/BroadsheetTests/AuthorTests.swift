import Broadsheet
import Testing

@Suite("Reading authors out of bylines", .timeLimit(.minutes(10)))
struct AuthorTests {
    let reader = BylineReader()

    @Test(arguments: [
        ("AFP", [Author(name: "AFP", kind: .agency)]),
        ("Reuters | AFP", [Author(name: "Reuters", kind: .agency), Author(name: "AFP", kind: .agency)]),
        ("reuters", [Author(name: "Reuters", kind: .agency)]),
        ("Our Staff Reporter", [Author(name: "Our Staff Reporter", kind: .staff)]),
        ("Our Correspondent", [Author(name: "Our Correspondent", kind: .staff)]),
        ("Newspaper Staff Reporter", [Author(name: "Newspaper Staff Reporter", kind: .staff)]),
        ("By Sana Mirza", [Author(name: "Sana Mirza", kind: .person)]),
        (
            "Sana Mirza and Omar Latif",
            [Author(name: "Sana Mirza", kind: .person), Author(name: "Omar Latif", kind: .person)]
        ),
        ("Omar Latif / APP", [Author(name: "Omar Latif", kind: .person), Author(name: "APP", kind: .agency)]),
        ("AFP | AFP", [Author(name: "AFP", kind: .agency)]),
    ])
    func creditsAreClassified(byline: String, authors: [Author]) {
        #expect(reader.authors(in: byline) == authors)
    }

    @Test func aPublicationAddsItsOwnAgencies() {
        let reader = BylineReader(agencies: BylineReader.defaultAgencies + ["Harbour News Service"])
        #expect(reader.authors(in: "Harbour News Service").first?.kind == .agency)
    }

    @Test func authorsHaveSlugsForTheirPages() {
        #expect(Author(name: "Our Staff Reporter", kind: .staff).slug.rawValue == "our-staff-reporter")
    }
}
