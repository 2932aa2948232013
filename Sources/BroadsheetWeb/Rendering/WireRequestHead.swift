import HTTPTypes
import NIOCore

/// A request's head read straight off the socket, for `CachedPageWireHandler`: where the request
/// ends, and whether it is a plain GET that a cached page may answer without NIO's HTTP parser.
///
/// The reading is strict on purpose. Whatever it is not sure of (a bare line feed, a folded
/// header, chunked bodies, an upgrade, a malformed line) is `unsure`, and the handler then gives
/// the connection to NIO's parser for good, so the two can never disagree on where a request ends.
struct WireRequestHead: Equatable {
    enum Scan: Equatable {
        /// The head has not all arrived yet. Scanning may resume at `resume` when more has: what
        /// comes before it was read already, so a head arriving a byte at a time is not read
        /// again from its start each time.
        case incomplete(resume: Int)
        /// Not a head this reader vouches for: the HTTP parser must read the connection from here.
        case unsure
        case head(WireRequestHead)
    }

    /// Bytes of the head, its blank line included.
    var headLength: Int
    /// What `Content-Length` says follows the head; 0 without one.
    var bodyLength: Int
    /// The target of a GET a cached page may answer; nil sends the request through the codec.
    var answerableTarget: String?
    /// The request's headers a cached page's answer depends on (`CachedPage.answer(to:)`).
    var asks: HTTPFields
    /// HTTP/1.0, or a `Connection` header other than `keep-alive`: the connection may close after
    /// this request's answer, so nothing after it is answered early.
    var closesConnection = false

    /// The most a head may take before the reader stops waiting for its end and hands the
    /// connection to the parser, whose own limits then apply.
    static let longestHead = 16 * 1024

    /// `from` is where an earlier scan of the same head's first bytes said to resume.
    static func scan(_ buffer: ByteBuffer, from start: Int = 0) -> Scan {
        buffer.withUnsafeReadableBytes { scan(bytes: $0, from: start) }
    }

    static func scan(bytes: UnsafeRawBufferPointer, from start: Int = 0) -> Scan {
        let end: Int
        switch headEnd(bytes, from: start) {
        case .end(let found): end = found
        case .more(let resume): return .incomplete(resume: resume)
        case .bad: return .unsure
        }
        var lines = LineReader(bytes: bytes, end: end)
        guard let requestLine = lines.next(), let request = RequestLine(bytes, requestLine) else { return .unsure }
        var fields = Fields()
        while let line = lines.next() {
            guard fields.read(bytes, line) else { return .unsure }
        }
        guard !fields.unsure, !request.isConnect else { return .unsure }
        var answerable: String?
        if request.isGet, request.version11, fields.plain,
            bytes[request.target.lowerBound] == UInt8(ascii: "/")
        {
            let target = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[request.target]), as: UTF8.self)
            if !target.hasPrefix("/api/") { answerable = target }
        }
        var asks = HTTPFields()
        if answerable != nil {
            for (name, range) in fields.asked {
                asks.append(
                    HTTPField(
                        name: name,
                        value: String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)))
            }
        }
        return .head(
            WireRequestHead(
                headLength: end, bodyLength: fields.bodyLength ?? 0, answerableTarget: answerable, asks: asks,
                closesConnection: !request.version11 || fields.connectionOtherThanKeepAlive))
    }

    private enum HeadEnd {
        /// The offset just past the head's blank line.
        case end(Int)
        /// Not arrived yet; the last line end seen, where a later scan resumes.
        case more(Int)
        /// A line ends in anything but CRLF, or the head outgrew `longestHead`.
        case bad
    }

    private static func headEnd(_ bytes: UnsafeRawBufferPointer, from start: Int) -> HeadEnd {
        let count = bytes.count
        var index = min(max(0, start), count)
        // The CR ending the last whole line this scan saw.
        var lastLineEnd: Int?
        while index < count {
            let byte = bytes[index]
            if byte == .lineFeed { return .bad }
            if byte == .carriageReturn {
                guard index + 1 < count else { break }
                guard bytes[index + 1] == .lineFeed else { return .bad }
                if index + 3 < count, bytes[index + 2] == .carriageReturn {
                    return bytes[index + 3] == .lineFeed ? .end(index + 4) : .bad
                }
                if index + 2 < count, bytes[index + 2] == .lineFeed { return .bad }
                lastLineEnd = index
                index += 2
                continue
            }
            index += 1
        }
        guard count <= longestHead else { return .bad }
        // Resume inside a line that has a byte other than its CR already (it cannot be the blank
        // line); otherwise at the CR before it, so the blank line is seen whole.
        if let end = lastLineEnd, count - (end + 2) <= 1 { return .more(end) }
        if lastLineEnd == nil, start == 0, count <= 1 { return .more(0) }
        return .more(count > 0 && bytes[count - 1] == .carriageReturn ? count - 1 : count)
    }
}

/// The lines of a head, without their CRLF, up to its blank line.
private struct LineReader {
    let bytes: UnsafeRawBufferPointer
    let end: Int
    var start = 0

    init(bytes: UnsafeRawBufferPointer, end: Int) {
        self.bytes = bytes
        self.end = end
    }

    mutating func next() -> Range<Int>? {
        var index = start
        while index + 1 < end, bytes[index] != .carriageReturn { index += 1 }
        guard index > start else { return nil }
        defer { start = index + 2 }
        return start..<index
    }
}

/// `GET /target HTTP/1.1`, checked as strictly as the parser would.
private struct RequestLine {
    var isGet = false
    var isConnect = false
    var target: Range<Int>
    var version11: Bool

    init?(_ bytes: UnsafeRawBufferPointer, _ line: Range<Int>) {
        var index = line.lowerBound
        while index < line.upperBound, bytes[index].isTokenByte { index += 1 }
        guard index > line.lowerBound, index < line.upperBound, bytes[index] == .space else { return nil }
        let method = UnsafeRawBufferPointer(rebasing: bytes[line.lowerBound..<index])
        isGet = method.elementsEqual("GET".utf8)
        isConnect = method.elementsEqual("CONNECT".utf8)
        index += 1
        let targetStart = index
        while index < line.upperBound, bytes[index] > .space, bytes[index] < 0x7F { index += 1 }
        guard index > targetStart, index < line.upperBound, bytes[index] == .space else { return nil }
        target = targetStart..<index
        let version = UnsafeRawBufferPointer(rebasing: bytes[(index + 1)..<line.upperBound])
        if version.elementsEqual("HTTP/1.1".utf8) {
            version11 = true
        } else if version.elementsEqual("HTTP/1.0".utf8) {
            version11 = false
        } else {
            return nil
        }
    }
}

/// What the header lines say about a request's framing and its answer.
private struct Fields {
    var bodyLength: Int?
    /// Set by anything whose framing the reader does not vouch for.
    var unsure = false
    /// False once a header means the request's answer is not the cached page's alone.
    var plain = true
    var connectionSeen = false
    var connectionOtherThanKeepAlive = false
    var asked: [(HTTPField.Name, Range<Int>)] = []

    /// Reads one header line; false when it is not a well-formed `name: value`.
    mutating func read(_ bytes: UnsafeRawBufferPointer, _ line: Range<Int>) -> Bool {
        var index = line.lowerBound
        while index < line.upperBound, bytes[index].isTokenByte { index += 1 }
        guard index > line.lowerBound, index < line.upperBound, bytes[index] == .colon else { return false }
        let name = line.lowerBound..<index
        index += 1
        var valueEnd = line.upperBound
        while index < valueEnd, bytes[index] == .space || bytes[index] == .tab { index += 1 }
        while valueEnd > index, bytes[valueEnd - 1] == .space || bytes[valueEnd - 1] == .tab { valueEnd -= 1 }
        for position in index..<valueEnd {
            let byte = bytes[position]
            guard byte >= .space || byte == .tab, byte != 0x7F else { return false }
        }
        note(name: name, value: index..<valueEnd, bytes)
        return true
    }

    private mutating func note(name: Range<Int>, value: Range<Int>, _ bytes: UnsafeRawBufferPointer) {
        func named(_ expected: StaticString) -> Bool {
            expected.utf8CodeUnitCount == name.count
                && expected.withUTF8Buffer { expected in
                    zip(expected, bytes[name]).allSatisfy { $0 == $1.asciiLowercased }
                }
        }
        switch name.count {
        case 14 where named("content-length"):
            let digits = bytes[value]
            guard bodyLength == nil, !digits.isEmpty, digits.count <= 12, digits.allSatisfy(\.isDigit) else {
                unsure = true
                return
            }
            bodyLength = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
            plain = false
        case 17 where named("transfer-encoding"), 7 where named("upgrade"):
            unsure = true
        case 13 where named("authorization"), 6 where named("expect"):
            plain = false
        case 10 where named("connection"):
            let keepAlive = UnsafeRawBufferPointer(rebasing: bytes[value]).map(\.asciiLowercased)
                .elementsEqual("keep-alive".utf8)
            if connectionSeen || !keepAlive {
                plain = false
                connectionOtherThanKeepAlive = true
            }
            connectionSeen = true
        case 15 where named("accept-encoding"):
            asked.append((.acceptEncoding, value))
        case 13 where named("if-none-match"):
            asked.append((.ifNoneMatch, value))
        case 17 where named("if-modified-since"):
            asked.append((.ifModifiedSince, value))
        default:
            break
        }
    }
}

extension UInt8 {
    fileprivate static let lineFeed = UInt8(ascii: "\n")
    fileprivate static let carriageReturn = UInt8(ascii: "\r")
    fileprivate static let space = UInt8(ascii: " ")
    fileprivate static let tab = UInt8(ascii: "\t")
    fileprivate static let colon = UInt8(ascii: ":")

    fileprivate var isDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }

    fileprivate var asciiLowercased: UInt8 {
        self >= UInt8(ascii: "A") && self <= UInt8(ascii: "Z") ? self + 32 : self
    }

    /// RFC 9110's `tchar`: what a method or a header name is made of.
    fileprivate var isTokenByte: Bool {
        switch self {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "!#$%&'*+-.^_`|~".utf8.contains(self)
        }
    }
}
