import Broadsheet
import Foundation

/// One day's paper as a book: what `EPUBWriter` is given.
public struct EPUBEdition: Sendable {
    public var publication: Publication
    public var date: EditionDate
    /// The edition's published articles in reading order: page by page where pages are known.
    public var articles: [Article]
    /// The front page as printed, for the cover; nil makes a cover of the front page's headlines.
    public var cover: EPUBPicture?
    /// Pictures the book holds, by the address the articles give them; a picture not here keeps
    /// its caption and credit but is not shown (a book may not fetch from the web).
    public var pictures: [String: EPUBPicture]

    public init(
        publication: Publication, date: EditionDate, articles: [Article], cover: EPUBPicture? = nil,
        pictures: [String: EPUBPicture] = [:]
    ) {
        self.publication = publication
        self.date = date
        self.articles = articles
        self.cover = cover
        self.pictures = pictures
    }

    /// The newest change among the articles, whole seconds: the same edition keeps the same date,
    /// so it is the same book.
    public var modified: Date {
        let newest = articles.map(\.content.versionInstant).max() ?? date.startOfDay(in: publication.timeZone)
        return Date(timeIntervalSince1970: newest.timeIntervalSince1970.rounded(.down))
    }
}

/// An image inside a book.
public struct EPUBPicture: Hashable, Sendable {
    public var bytes: Data
    public var mediaType: Kind

    public init(bytes: Data, mediaType: Kind) {
        self.bytes = bytes
        self.mediaType = mediaType
    }

    /// The image types every EPUB 3 reader shows (EPUB 3.2's core media types).
    public enum Kind: String, Hashable, Sendable {
        case jpeg = "image/jpeg"
        case png = "image/png"
        case gif = "image/gif"

        var fileExtension: String {
            switch self {
            case .jpeg: "jpg"
            case .png: "png"
            case .gif: "gif"
            }
        }
    }
}

/// A file of the book: its path inside the container and its bytes. `stored` files are kept
/// uncompressed (the `mimetype` file must be, and first).
public struct EPUBEntry: Hashable, Sendable {
    public var path: String
    public var bytes: Data
    public var stored: Bool
}
