import Broadsheet
import BroadsheetFormats
import BroadsheetImages
import Foundation
import NIOPosix

extension PrintedEditionImporter {
    /// Files what `packages` hold: each issue (on `date` when given) and each batch's issues.
    public func importPackages(_ packages: [PrintedPackage], date: EditionDate? = nil) async throws -> Summary {
        var summary = Summary()
        for package in packages {
            switch package {
            case .issue(let mets): summary.merge(try await importIssue(mets, date: date))
            case .batch(let file): summary.merge(try await importBatch(file))
            }
        }
        return summary
    }

    /// Files an NDNP batch's issues one by one: an issue that cannot be read is reported in
    /// `failed` and files nothing, and the others go in.
    public func importBatch(_ file: URL) async throws -> Summary {
        let folder = PackageFolder(of: file)
        let data = try folder.read(file, line: nil)
        let batch: NDNPBatch
        do throws(FormatError) {
            batch = try NDNPBatchReader().read(data, file: file.path)
        } catch {
            throw PrintedImportError.malformed(error)
        }
        var summary = Summary()
        for issue in batch.issues {
            do {
                let mets = try folder.file(issue.path, line: issue.line)
                summary.merge(try await importIssue(mets, fallbackDate: issue.date))
            } catch let error as PrintedImportError {
                summary.failed.append(error.description)
            }
        }
        return summary
    }

    /// Files one issue: its pages with their words and images, the articles its METS marks out as
    /// stories with their regions, and the edition's other stories where their text is found.
    ///
    /// Everything is read and checked first (`METSIssueLoader`); an article that cannot be a story
    /// is reported in `articles.failed` with its line, and the rest go in. A METS article whose
    /// headline is that of a story already filed from another format is that story: it gets the
    /// regions, and no copy of it is filed.
    public func importIssue(_ mets: URL, date: EditionDate? = nil, fallbackDate: EditionDate? = nil) async throws
        -> Summary
    {
        let issue = try await METSIssueLoader().load(mets, date: date, fallbackDate: fallbackDate)
        let stories = METSStoryReader(publication: publication).stories(
            of: issue.issue, date: issue.date, pages: issue.altoPages, file: mets.path)
        var pages: [ScannedPage] = []
        for page in issue.pages {
            pages.append(ScannedPage(page: try await keep(page), words: page.alto?.words ?? []))
        }
        var summary = Summary()
        summary.editions = [issue.date]
        let filed = try await filedHeadlines(of: issue.date)
        try await file(pages, into: &summary)
        var placed: [(id: Int64, printed: PrintedArticle)] = []
        var toSave: [METSStory] = []
        for result in stories {
            switch result {
            case .success(let story):
                if let id = filed[Slug(story.article.content.headline)] {
                    placed.append((id, story.printed))
                } else {
                    toSave.append(story)
                }
            case .failure(let error):
                summary.articles.failed.append(ImportNotice(file: error.file, line: error.line, reason: error.message))
            }
        }
        let outcomes = try await store.save(toSave.map(\.article.content), status: .published)
        for (story, outcome) in zip(toSave, outcomes) {
            switch outcome {
            case .success(let saved):
                summary.articles.record(saved, file: mets.path, line: story.article.line)
                placed.append((saved.articleID, story.printed))
            case .failure(let error):
                summary.articles.failed.append(
                    ImportNotice(file: mets.path, line: story.article.line, reason: error.description))
            }
        }
        for (id, printed) in placed {
            try await store.savePrintedArticle(printed, articleID: id)
            summary.marked[id] = printed.pages
        }
        try await findStories(of: issue.date, on: pages, skipping: Set(placed.map(\.id)), into: &summary)
        return summary
    }

    /// Keeps a page's image in the image folder (on NIO's thread pool: it reads and hashes the
    /// file) and gives the page its address.
    private func keep(_ page: IssueOnDisk.Page) async throws -> PrintedPage {
        let images = self.images
        let address = try await images.keep(page.image)
        let printed = page.page
        return try PrintedPage(
            date: printed.date, number: printed.number, label: printed.label, width: printed.width,
            height: printed.height, image: address.description)
    }

    /// The edition's stories filed from other formats, by their headline's slug.
    private func filedHeadlines(of date: EditionDate) async throws -> [Slug: Int64] {
        var filed: [Slug: Int64] = [:]
        for story in try await store.edition(on: date)?.articles ?? [] {
            guard let article = try await store.article(id: story.id), article.content.source.format != "mets"
            else { continue }
            filed[Slug(article.content.headline)] = article.id
        }
        return filed
    }
}
