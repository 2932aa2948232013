import Broadsheet
import BroadsheetImport
import Foundation
import Hummingbird

/// `/epaper/{date}.epub`: the edition as an EPUB book, for readers who take the paper to an
/// e-reader. Made from the archive on the first request and kept with the pages until it changes.
struct EditionBookController<Context: RequestContext> {
    let site: Site

    func addRoutes(to router: Router<Context>) {
        router.get(SiteURL.editionBook(.key).route, use: site.cached(book))
    }

    @Sendable func book(_ request: Request, context: Context) async throws -> CachedPage {
        guard let text = context.parameters.get("date"), let date = EditionDate(iso: text) else {
            throw HTTPError(.notFound, message: "Edition books are found by their date, as in /epaper/2025-04-29.epub.")
        }
        let exporter = Exporter(store: site.store, publication: site.publication, format: .epub)
        let book: (bytes: Data, articles: Int)
        do {
            book = try await exporter.book(
                of: date, reusing: EarlierBooks.current?.book(of: date), having: WalkedBooks.current?.take(date) ?? [:])
        } catch ExportError.noEdition {
            throw HTTPError(.notFound, message: "There is no edition of \(date.printed) in the archive.")
        }
        let name = "\(Slug(site.publication.name).rawValue)-\(date.iso).epub"
        return CachedPage(
            status: .ok,
            headers: [
                .contentType: "application/epub+zip",
                .contentDisposition: "attachment; filename=\"\(name)\"",
            ],
            body: ByteBuffer(data: book.bytes)
        ).tagged([SurrogateKey.edition(date)])
    }
}
