import Foundation

/// Reads a stored `ArticleContent` straight off its JSON bytes, without `JSONDecoder`: every page,
/// feed entry and book chapter reads a story's content, and Foundation's decoder took about
/// 130 µs for one of 4.5 KB.
///
/// It answers only what it is sure of: the same value `JSONDecoder` gives, or nil for anything
/// else (a missing or repeated field, a type it does not expect, a number it would have to
/// guess at), which `ContentCoding.decode` then hands to `JSONDecoder` for its answer or its
/// error. Fields it does not know are skipped, as `JSONDecoder` skips them.
struct ContentJSONReader {
    /// Why the bytes were left to `JSONDecoder`; no more is said, since it says it better.
    struct Unsure: Error {}

    private let bytes: UnsafeBufferPointer<UInt8>
    private var at = 0
    /// How many unknown values the reader is inside (`skipValue`).
    private var skipping = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// How deep an unknown field's values may nest before the content is left to `JSONDecoder`.
    static let deepestSkipped = 32

    // The fields each part has, as its `Codable` conformance names them.
    private static let contentFields: [String] = [
        "headline", "summary", "byline", "authors", "dateline", "body", "section", "topics", "language", "published",
        "updated", "edition", "source",
    ]
    private static let authorFields: [String] = ["name", "slug", "kind"]
    private static let datelineFields: [String] = ["places", "date", "agency", "style"]
    private static let namedFields: [String] = ["name", "slug"]
    private static let timestampFields: [String] = ["instant", "precision"]
    private static let editionFields: [String] = ["publication", "date", "region", "supplement", "page"]
    private static let pageFields: [String] = ["number", "name"]
    private static let sourceFields: [String] = ["format", "uri"]
    private static let blockFields: [String] = [
        "type", "text", "ordered", "items", "url", "alt", "caption", "credit", "title",
    ]

    /// The content `text` holds, or nil when `JSONDecoder` is to say.
    static func content(_ text: String) -> ArticleContent? {
        var text = text
        return text.withUTF8 { bytes in
            var reader = ContentJSONReader(bytes)
            reader.skipSpace()
            guard let content = try? reader.content() else { return nil }
            reader.skipSpace()
            return reader.at == bytes.count ? content : nil
        }
    }

    // MARK: The content's parts, as their `Codable` conformances read them

    private mutating func content() throws(Unsure) -> ArticleContent {
        var headline: String?
        var summary: String?
        var byline: String?
        var authors: [Author]?
        var dateline: Dateline?
        var body: [BodyBlock]?
        var section: Section?
        var topics: [Topic]?
        var language: String?
        var published: Timestamp?
        var updated: Timestamp?
        var edition: EditionReference?
        var source: ArticleSource?
        try fields(Self.contentFields) { reader, key throws(Unsure) in
            switch key {
            case "headline": headline = try reader.string()
            case "summary": summary = try reader.optional { r throws(Unsure) in try r.string() }
            case "byline": byline = try reader.optional { r throws(Unsure) in try r.string() }
            case "authors": authors = try reader.array { r throws(Unsure) in try r.author() }
            case "dateline": dateline = try reader.optional { r throws(Unsure) in try r.dateline() }
            case "body": body = try reader.array { r throws(Unsure) in try r.block() }
            case "section":
                section = try reader.named { name, slug in Section(name: name, slug: slug) }
            case "topics":
                topics = try reader.array { r throws(Unsure) in
                    try r.named { name, slug in Topic(name: name, slug: slug) }
                }
            case "language": language = try reader.string()
            case "published": published = try reader.timestamp()
            case "updated": updated = try reader.optional { r throws(Unsure) in try r.timestamp() }
            case "edition": edition = try reader.edition()
            case "source": source = try reader.source()
            default: throw Unsure()
            }
        }
        guard let headline, let authors, let body, let section, let topics, let language, let published,
            let edition, let source
        else { throw Unsure() }
        return ArticleContent(
            headline: headline, summary: summary, byline: byline, authors: authors, dateline: dateline,
            body: body, section: section, topics: topics, language: language, published: published,
            updated: updated, edition: edition, source: source)
    }

    private mutating func author() throws(Unsure) -> Author {
        var name: String?
        var slug: String?
        var kind: Author.Kind?
        try fields(Self.authorFields) { reader, key throws(Unsure) in
            switch key {
            case "name": name = try reader.string()
            case "slug": slug = try reader.string()
            case "kind": kind = Author.Kind(rawValue: try reader.string())
            default: throw Unsure()
            }
        }
        guard let name, let slug, let kind else { throw Unsure() }
        return Author(name: name, slug: slug, kind: kind.rawValue)
    }

    private mutating func dateline() throws(Unsure) -> Dateline {
        var places: [String]?
        var date: String?
        var agency: String?
        var style: Dateline.Style?
        try fields(Self.datelineFields) { reader, key throws(Unsure) in
            switch key {
            case "places": places = try reader.array { r throws(Unsure) in try r.string() }
            case "date": date = try reader.optional { r throws(Unsure) in try r.string() }
            case "agency": agency = try reader.optional { r throws(Unsure) in try r.string() }
            case "style": style = Dateline.Style(rawValue: try reader.string())
            default: throw Unsure()
            }
        }
        guard let places, let style else { throw Unsure() }
        return Dateline(places: places, date: date, agency: agency, style: style)
    }

    /// A section or a topic: a name and the slug it was filed under.
    private mutating func named<Term>(_ make: (String, String) -> Term) throws(Unsure) -> Term {
        var name: String?
        var slug: String?
        try fields(Self.namedFields) { reader, key throws(Unsure) in
            switch key {
            case "name": name = try reader.string()
            case "slug": slug = try reader.string()
            default: throw Unsure()
            }
        }
        guard let name, let slug else { throw Unsure() }
        return make(name, slug)
    }

    private mutating func timestamp() throws(Unsure) -> Timestamp {
        var instant: Date?
        var precision: Timestamp.Precision?
        try fields(Self.timestampFields) { reader, key throws(Unsure) in
            switch key {
            case "instant": instant = Date(timeIntervalSince1970: try reader.double())
            case "precision": precision = Timestamp.Precision(rawValue: try reader.string())
            default: throw Unsure()
            }
        }
        guard let instant, let precision else { throw Unsure() }
        return Timestamp(instant, precision: precision)
    }

    private mutating func edition() throws(Unsure) -> EditionReference {
        var publication: String?
        var date: EditionDate?
        var region: String?
        var supplement: String?
        var page: PageReference?
        try fields(Self.editionFields) { reader, key throws(Unsure) in
            switch key {
            case "publication": publication = try reader.string()
            case "date": date = EditionDate(iso: try reader.string())
            case "region": region = try reader.optional { r throws(Unsure) in try r.string() }
            case "supplement": supplement = try reader.optional { r throws(Unsure) in try r.string() }
            case "page": page = try reader.optional { r throws(Unsure) in try r.page() }
            default: throw Unsure()
            }
        }
        guard let publication, let date else { throw Unsure() }
        return EditionReference(
            publication: publication, date: date, region: region, supplement: supplement, page: page)
    }

    private mutating func page() throws(Unsure) -> PageReference {
        var number: Int?
        var name: String?
        try fields(Self.pageFields) { reader, key throws(Unsure) in
            switch key {
            case "number": number = try reader.integer()
            case "name": name = try reader.optional { r throws(Unsure) in try r.string() }
            default: throw Unsure()
            }
        }
        guard let number else { throw Unsure() }
        return PageReference(number: number, name: name)
    }

    private mutating func source() throws(Unsure) -> ArticleSource {
        var format: String?
        var uri: String?
        try fields(Self.sourceFields) { reader, key throws(Unsure) in
            switch key {
            case "format": format = try reader.string()
            case "uri": uri = try reader.string()
            default: throw Unsure()
            }
        }
        guard let format, let uri else { throw Unsure() }
        return ArticleSource(format: format, uri: uri)
    }

    /// A body block as `BodyBlock.init(from:)` reads one: its `type`, then the fields that type has.
    private mutating func block() throws(Unsure) -> BodyBlock {
        var type: String?
        var text: String?
        var ordered: Bool?
        var items: [String]?
        var url: String?
        var alt: String?
        var caption: String?
        var credit: String?
        var title: String?
        try fields(Self.blockFields) { reader, key throws(Unsure) in
            switch key {
            case "type": type = try reader.string()
            // Each field is read as the type that uses it reads it; a value of another shape leaves
            // the block to `JSONDecoder`, which may not look at it.
            case "text": text = try reader.optional { r throws(Unsure) in try r.string() }
            case "ordered": ordered = try reader.optional { r throws(Unsure) in try r.bool() }
            case "items":
                items = try reader.optional { r throws(Unsure) in try r.array { r throws(Unsure) in try r.string() } }
            case "url": url = try reader.optional { r throws(Unsure) in try r.string() }
            case "alt": alt = try reader.optional { r throws(Unsure) in try r.string() }
            case "caption": caption = try reader.optional { r throws(Unsure) in try r.string() }
            case "credit": credit = try reader.optional { r throws(Unsure) in try r.string() }
            case "title": title = try reader.optional { r throws(Unsure) in try r.string() }
            default: throw Unsure()
            }
        }
        switch type {
        case "paragraph": if let text { return .paragraph(text) }
        case "heading": if let text { return .heading(text) }
        case "quote": if let text { return .quote(text) }
        case "preformatted": if let text { return .preformatted(text) }
        case "list": if let items { return .list(BodyList(ordered: ordered ?? false, items: items)) }
        case "image":
            if let url { return .image(BodyImage(url: url, alt: alt, caption: caption, credit: credit)) }
        case "embed": if let url { return .embed(EmbedLink(url: url, title: title)) }
        default: break
        }
        throw Unsure()
    }

    // MARK: JSON's values

    /// Calls `read` with the key of each field among `known`, the reader standing at its value, and
    /// steps over the others. A known key seen twice is left to `JSONDecoder`.
    private mutating func fields(
        _ known: [String], _ read: (inout Self, String) throws(Unsure) -> Void
    ) throws(Unsure) {
        try expect(UInt8(ascii: "{"))
        skipSpace()
        if peek() == UInt8(ascii: "}") {
            at += 1
            return
        }
        var seen: UInt32 = 0
        while true {
            skipSpace()
            let key = try string()
            skipSpace()
            try expect(UInt8(ascii: ":"))
            skipSpace()
            if let index = known.firstIndex(where: { key == $0 }) {
                guard seen & 1 << index == 0 else { throw Unsure() }
                seen |= 1 << index
                try read(&self, key)
            } else {
                try skipValue()
            }
            skipSpace()
            switch next() {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "}"): return
            default: throw Unsure()
            }
        }
    }

    private mutating func array<Element>(_ read: (inout Self) throws(Unsure) -> Element) throws(Unsure) -> [Element] {
        try expect(UInt8(ascii: "["))
        skipSpace()
        var elements: [Element] = []
        if peek() == UInt8(ascii: "]") {
            at += 1
            return elements
        }
        while true {
            skipSpace()
            elements.append(try read(&self))
            skipSpace()
            switch next() {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "]"): return elements
            default: throw Unsure()
            }
        }
    }

    /// `null` as nil, as `decodeIfPresent` reads it; else what `read` reads.
    private mutating func optional<Value>(_ read: (inout Self) throws(Unsure) -> Value) throws(Unsure) -> Value? {
        if peek() == UInt8(ascii: "n") {
            try literal("null")
            return nil
        }
        return try read(&self)
    }

    private mutating func bool() throws(Unsure) -> Bool {
        if peek() == UInt8(ascii: "t") {
            try literal("true")
            return true
        }
        try literal("false")
        return false
    }

    /// A whole number as JSON writes one: digits, with a minus sign or not.
    private mutating func integer() throws(Unsure) -> Int {
        let start = at
        if peek() == UInt8(ascii: "-") { at += 1 }
        let digits = at
        while at < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[at]) { at += 1 }
        // A leading zero, a fraction or an exponent: `JSONDecoder` decides what those mean.
        guard at > digits, at - digits <= 18, bytes[digits] != UInt8(ascii: "0") || at - digits == 1,
            !isNumberPart(peek())
        else { throw Unsure() }
        var value = 0
        for index in digits..<at { value = value * 10 + Int(bytes[index] - UInt8(ascii: "0")) }
        return bytes[start] == UInt8(ascii: "-") ? -value : value
    }

    /// A number as JSON writes one, read as `Double` reads its text.
    private mutating func double() throws(Unsure) -> Double {
        let start = at
        while at < bytes.count, isNumberPart(bytes[at]) { at += 1 }
        guard at > start, isJSONNumber(start..<at),
            let value = Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)),
            value.isFinite
        else { throw Unsure() }
        return value
    }

    private func isNumberPart(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e")
            || byte == UInt8(ascii: "E")
    }

    /// JSON's number grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private func isJSONNumber(_ range: Range<Int>) -> Bool {
        var index = range.lowerBound
        func digits() -> Int {
            let start = index
            while index < range.upperBound, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                index += 1
            }
            return index - start
        }
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < range.upperBound else { return false }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else if digits() == 0 {
            return false
        }
        if index < range.upperBound, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return false }
        }
        if index < range.upperBound, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < range.upperBound, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard digits() > 0 else { return false }
        }
        return index == range.upperBound
    }

    /// A string, its escapes read; one that is not well-formed JSON is left to `JSONDecoder`.
    private mutating func string() throws(Unsure) -> String {
        try expect(UInt8(ascii: "\""))
        let start = at
        while at < bytes.count {
            let byte = bytes[at]
            if byte == UInt8(ascii: "\"") {
                defer { at += 1 }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") { return try escapedString(from: start) }
            guard byte >= 0x20 else { throw Unsure() }
            at += 1
        }
        throw Unsure()
    }

    /// The rest of a string that has an escape in it, from its first character at `start`.
    private mutating func escapedString(from start: Int) throws(Unsure) -> String {
        var text = Array(bytes[start..<at])
        while at < bytes.count {
            let byte = bytes[at]
            at += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: text, as: UTF8.self)
            case UInt8(ascii: "\\"):
                switch next() {
                case UInt8(ascii: "\""): text.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): text.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "/"): text.append(UInt8(ascii: "/"))
                case UInt8(ascii: "b"): text.append(0x08)
                case UInt8(ascii: "f"): text.append(0x0C)
                case UInt8(ascii: "n"): text.append(0x0A)
                case UInt8(ascii: "r"): text.append(0x0D)
                case UInt8(ascii: "t"): text.append(0x09)
                case UInt8(ascii: "u"): text.append(contentsOf: String(try escapedScalar()).utf8)
                default: throw Unsure()
                }
            default:
                guard byte >= 0x20 else { throw Unsure() }
                text.append(byte)
            }
        }
        throw Unsure()
    }

    /// The scalar after `\u`: four hex digits, or two such escapes for a pair of surrogates.
    private mutating func escapedScalar() throws(Unsure) -> Unicode.Scalar {
        let unit = try hexUnit()
        if (0xD800..<0xDC00).contains(unit) {
            try literal("\\u")
            let low = try hexUnit()
            guard (0xDC00..<0xE000).contains(low) else { throw Unsure() }
            let value = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
            guard let scalar = Unicode.Scalar(value) else { throw Unsure() }
            return scalar
        }
        guard let scalar = Unicode.Scalar(UInt32(unit)) else { throw Unsure() }
        return scalar
    }

    private mutating func hexUnit() throws(Unsure) -> UInt16 {
        guard at + 4 <= bytes.count else { throw Unsure() }
        var unit: UInt16 = 0
        for _ in 0..<4 {
            let byte = bytes[at]
            at += 1
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw Unsure()
            }
            unit = unit << 4 | UInt16(digit)
        }
        return unit
    }

    /// Steps over a value of a field no part of the content has.
    private mutating func skipValue() throws(Unsure) {
        // Content has no field nested deeper; past this, a value is not stepped over by recursion
        // that could run out of stack, but left to `JSONDecoder`, which limits its depth.
        guard skipping < Self.deepestSkipped else { throw Unsure() }
        skipping += 1
        defer { skipping -= 1 }
        switch peek() {
        case UInt8(ascii: "{"): try fields([]) { _, _ throws(Unsure) in }
        case UInt8(ascii: "["): _ = try array { r throws(Unsure) in try r.skipValue() }
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"), UInt8(ascii: "f"): _ = try bool()
        case UInt8(ascii: "n"): try literal("null")
        default: _ = try double()
        }
    }

    // MARK: Bytes

    private func peek() -> UInt8? { at < bytes.count ? bytes[at] : nil }

    private mutating func next() -> UInt8? {
        guard at < bytes.count else { return nil }
        defer { at += 1 }
        return bytes[at]
    }

    private mutating func expect(_ byte: UInt8) throws(Unsure) {
        guard next() == byte else { throw Unsure() }
    }

    private mutating func literal(_ word: StaticString) throws(Unsure) {
        let count = word.utf8CodeUnitCount
        guard at + count <= bytes.count,
            UnsafeBufferPointer(start: word.utf8Start, count: count).elementsEqual(bytes[at..<at + count])
        else { throw Unsure() }
        at += count
    }

    private mutating func skipSpace() {
        while at < bytes.count {
            switch bytes[at] {
            case 0x20, 0x0A, 0x0D, 0x09: at += 1
            default: return
            }
        }
    }
}
