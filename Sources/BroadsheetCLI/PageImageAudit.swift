import Broadsheet
import BroadsheetImages
import Foundation

/// The part of `db check` that reads every printed page's image and its thumbnail from where they
/// are kept, and names the page (edition date and number) and the address of what is wrong.
enum PageImageAudit {
    /// The problems of `pages`' images in `images`; an image several pages share is read once.
    static func problems(of pages: [PrintedPageImage], in images: (any PageImageStore)?) async throws
        -> [StoreProblem]
    {
        guard let images else {
            return pages.isEmpty
                ? []
                : [
                    StoreProblem(
                        message:
                            "\(pages.count) printed pages have images, but where they are kept is not given: "
                            + "add --images DIR or s3://BUCKET/PREFIX to check them")
                ]
        }
        var found: [ImageAddress: [PageImageProblem]] = [:]
        var problems: [StoreProblem] = []
        for page in pages {
            guard let address = ImageAddress(page.image) else {
                problems.append(
                    StoreProblem(message: "\(page.pageName): '\(page.image)' is not a page image's address"))
                continue
            }
            if found[address] == nil { found[address] = try await images.check(address) }
            for problem in found[address] ?? [] {
                problems.append(StoreProblem(message: "\(page.pageName): \(problem) in \(images.location)"))
            }
        }
        return problems
    }
}
