import Broadsheet
import Foundation

/// One day's paper as a book: what `EPUBWriter` is given.
public struct EPUBEdition: Sendable {
    public var publication: Publication
    public var date: EditionDate
    /// The edition's published stories in reading order: page by page where pages are known.
    public var stories: [EPUBStory]
    /// The front page as printed, for the cover; nil makes a cover of the front page's headlines.
    public var cover: EPUBPicture?
    /// Pictures the book holds, by the address the articles give them; a picture not here keeps
    /// its caption and credit but is not shown (a book may not fetch from the web).
    public var pictures: [String: EPUBPicture]

    public init(
        publication: Publication, date: EditionDate, stories: [EPUBStory], cover: EPUBPicture? = nil,
        pictures: [String: EPUBPicture] = [:]
    ) {
        self.publication = publication
        self.date = date
        self.stories = stories
        self.cover = cover
        self.pictures = pictures
    }

    /// A book written whole from `articles`.
    public init(
        publication: Publication, date: EditionDate, articles: [Article], cover: EPUBPicture? = nil,
        pictures: [String: EPUBPicture] = [:]
    ) {
        self.init(
            publication: publication, date: date,
            stories: articles.map { EPUBStory(summary: ArticleSummary($0), document: .article($0)) }, cover: cover,
            pictures: pictures)
    }

    /// The newest change among the stories, whole seconds: the same edition keeps the same date,
    /// so it is the same book.
    public var modified: Date {
        let newest =
            stories.map { ($0.summary.updated ?? $0.summary.published).instant }.max()
            ?? date.startOfDay(in: publication.timeZone)
        return Date(timeIntervalSince1970: newest.timeIntervalSince1970.rounded(.down))
    }
}

/// A story as its book holds it: what the contents and the cover list of it (its summary), and
/// its own document.
public struct EPUBStory: Sendable {
    public var summary: ArticleSummary
    public var document: Document

    public init(summary: ArticleSummary, document: Document) {
        self.summary = summary
        self.document = document
    }

    public enum Document: Sendable {
        /// Written from the article.
        case article(Article)
        /// Taken as an earlier book of the edition packed it, the story being unchanged since: a
        /// repeat export makes a book for every edition with a changed story. Only for a book
        /// without pictures, which are numbered across the edition.
        case packed(EPUBPackedFile)
    }
}

/// A file as a ZIP holds it deflated, with what its headers say of it.
public struct EPUBPackedFile: Hashable, Sendable {
    public var deflated: Data
    public var crc32: UInt32
    /// Its length before deflating.
    public var size: Int

    public init(deflated: Data, crc32: UInt32, size: Int) {
        self.deflated = deflated
        self.crc32 = crc32
        self.size = size
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

/// A file of the book: its path inside the container and what goes there.
public struct EPUBEntry: Hashable, Sendable {
    public var path: String
    public var content: Content

    public enum Content: Hashable, Sendable {
        /// Bytes written now, to be deflated.
        case deflating(Data)
        /// Bytes kept uncompressed: the `mimetype` file must be, and first.
        case stored(Data)
        /// A file taken from an earlier book as it was packed there.
        case packed(EPUBPackedFile)
    }

    /// The file's bytes when written now; nil when taken packed.
    public var bytes: Data? {
        switch content {
        case .deflating(let bytes), .stored(let bytes): bytes
        case .packed: nil
        }
    }
}
