import Foundation

/// Where each address of the site lives in a static copy, so that nginx or any CDN, serving the
/// folder as it is, answers the server's own addresses: a page at `/news/12/slug` is
/// `news/12/slug/index.html`; a file with an extension (`/feed.xml`, `/static/style.css`) keeps
/// its name. Segments are stored decoded, as a web server decodes a request before it looks.
enum StaticLayout {
    /// The file name, relative to the folder, for `path` (as links spell it); nil for an address
    /// no file can stand for (`..`, an empty or hidden segment).
    static func file(for path: String, isPage: Bool) -> String? {
        var segments: [String] = []
        for raw in bare(path).utf8.split(separator: UInt8(ascii: "/")) {
            // Most segments hold no escape: Foundation's decoding of each was a fiftieth of an export.
            // Asked of the bytes, as the file system reads them: as characters, a dot with an
            // accent on it is not a dot, and Foundation's `contains` was a tenth of storing a file.
            let raw = Substring(raw)
            guard let segment = raw.utf8.contains(UInt8(ascii: "%")) ? raw.removingPercentEncoding : String(raw),
                let first = segment.utf8.first, first != UInt8(ascii: "."),
                !segment.utf8.contains(where: { $0 == UInt8(ascii: "/") || $0 == 0 })
            else { return nil }
            segments.append(segment)
        }
        if isPage && !(segments.last?.hasSuffix(".html") ?? false) { segments.append("index.html") }
        guard !segments.isEmpty else { return nil }
        return segments.joined(separator: "/")
    }

    /// Whether the last segment of `path` names a file (`feed.xml`), rather than a page.
    static func namesFile(_ path: some StringProtocol) -> Bool {
        guard let last = bare(path).utf8.split(separator: UInt8(ascii: "/")).last else { return false }
        return last.contains(UInt8(ascii: "."))
    }

    /// `path` without its query and fragment, found on its bytes: as characters, every link of
    /// every page was broken into grapheme clusters.
    static func bare<Path: StringProtocol>(_ path: Path) -> Path.SubSequence {
        let end = path.utf8.firstIndex { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? path.endIndex
        return path[..<end]
    }

    /// What a static copy holds where the server answers with a permanent redirect (`/news/12`):
    /// a page that sends the reader on, for hosts that cannot be told about redirects.
    static func redirectPage(to location: String, absolute: String) -> String {
        let href = HTMLText.escape(location)
        return """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>Moved</title>
            <link rel="canonical" href="\(HTMLText.escape(absolute))">
            <meta http-equiv="refresh" content="0; url=\(href)">
            <meta name="robots" content="noindex"></head>
            <body><p>This page has moved to <a href="\(href)">\(href)</a>.</p></body></html>

            """
    }
}
