import Broadsheet
import Foundation
import Hummingbird

/// A route's parameter: `.key` where the route is registered, `.value` where a link is written.
public enum Parameter<Value: PathValue>: Hashable, Sendable {
    case key
    case value(Value)

    func segment(_ name: String) -> PathSegment {
        switch self {
        case .key: .parameter(name, nil)
        case .value(let value): .parameter(name, value.pathText)
        }
    }

    /// The parameter followed by fixed text in the same segment: `{date}.epub`.
    func segment(_ name: String, suffix: String) -> PathSegment {
        switch self {
        case .key: .parameterWithSuffix(name, nil, suffix: suffix)
        case .value(let value): .parameterWithSuffix(name, value.pathText, suffix: suffix)
        }
    }
}

/// A value that can stand in a path segment, as the text a link spells it with.
public protocol PathValue: Hashable, Sendable {
    var pathText: String { get }
}

extension Int: PathValue { public var pathText: String { String(self) } }
extension Int64: PathValue { public var pathText: String { String(self) } }
extension String: PathValue { public var pathText: String { self } }
extension Slug: PathValue { public var pathText: String { rawValue } }
extension EditionDate: PathValue { public var pathText: String { iso } }

/// One segment of a path: fixed text, or a named parameter with the link's value (nil in a route).
enum PathSegment: Hashable, Sendable, ExpressibleByStringLiteral {
    case fixed(String)
    case parameter(String, String?)
    /// A parameter and fixed text after it, in one segment (a file's extension).
    case parameterWithSuffix(String, String?, suffix: String)

    init(stringLiteral text: String) { self = .fixed(text) }
}

extension SiteURL {
    /// The pattern the router matches, `/news/{id}/{slug}`, whether the parameters hold values or not.
    public var route: RouterPath { RouterPath(spelled { $0.pattern }) }

    /// The link as it travels in HTTP, JSON, feeds and sitemaps: every byte outside a path
    /// segment's ASCII characters percent-encoded (`/news/12/%D8%B4...`).
    public var path: String { spelled { $0.encoded(keepingNonASCII: false) } }

    /// The link as a page writes it in `href`: letters of every script stay readable, as browsers
    /// show them, and only ASCII that would end or bend a segment (`/ ? # % space`) is encoded.
    public var href: String { spelled { $0.encoded(keepingNonASCII: true) } }

    /// The absolute address on the publication's site.
    public func url(in publication: Publication) -> String { publication.url(path) }

    /// A listing's page: nil is the listing's own address (its newest stories), a number
    /// `…/page/{n}` (`ListingPages`).
    func path(page: Int?) -> String { paged(page).path }

    func href(page: Int?) -> String { paged(page).href }

    /// The address of page `page` of a section, topic or author listing; any other address as it is.
    func paged(_ page: Int?) -> SiteURL {
        guard let page else { return self }
        switch self {
        case .section(let slug): return .listingPage(.section(slug), .value(page))
        case .topic(let slug): return .listingPage(.topic(slug), .value(page))
        case .author(let slug): return .listingPage(.author(slug), .value(page))
        default: return self
        }
    }

    /// The link with a reader's search on it, `?q=harbour%20bridge`; the bare link for none.
    func href(searching text: String?) -> String {
        guard let text, !text.isEmpty else { return href }
        return "\(href)?q=\(text.addingPercentEncoding(withAllowedCharacters: SearchParameters.queryValue) ?? text)"
    }

    private func spelled(_ text: (PathSegment) -> String) -> String {
        "/" + segments.map(text).joined(separator: "/")
    }
}

extension PathSegment {
    var pattern: String {
        switch self {
        case .fixed(let text): text
        case .parameter(let name, _): "{\(name)}"
        case .parameterWithSuffix(let name, _, let suffix): "{\(name)}\(suffix)"
        }
    }

    func encoded(keepingNonASCII: Bool) -> String {
        switch self {
        case .fixed(let text): text
        // A route's own pattern where a value should be: no route answers it, and the tests say so.
        case .parameter(let name, nil): "{\(name)}"
        case .parameter(_, let text?): Self.encode(text, keepingNonASCII: keepingNonASCII)
        case .parameterWithSuffix(let name, nil, let suffix): "{\(name)}\(suffix)"
        case .parameterWithSuffix(_, let text?, let suffix):
            Self.encode(text, keepingNonASCII: keepingNonASCII) + suffix
        }
    }

    /// RFC 3986's `pchar` without `%` (unreserved, sub-delimiters, `:` and `@`), by byte value.
    private static let allowed: [Bool] = {
        let pchar = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@".utf8)
        return (0...255).map { pchar.contains(UInt8($0)) }
    }()

    /// On UTF-8 bytes: a character past ASCII is all bytes from 0x80, kept or escaped byte by byte.
    /// Most values (ids, slugs, dates) need nothing and come back as they are; every link of every
    /// page passes here.
    static func encode(_ text: String, keepingNonASCII: Bool) -> String {
        func kept(_ byte: UInt8) -> Bool { allowed[Int(byte)] || (keepingNonASCII && byte >= 0x80) }
        guard !text.utf8.allSatisfy(kept) else { return text }
        let digits = Array("0123456789ABCDEF".utf8)
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count * 3)
        for byte in text.utf8 {
            if kept(byte) {
                result.append(byte)
            } else {
                result.append(UInt8(ascii: "%"))
                result.append(digits[Int(byte >> 4)])
                result.append(digits[Int(byte & 0xF)])
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
