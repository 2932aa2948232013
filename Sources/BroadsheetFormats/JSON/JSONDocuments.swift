import Foundation

/// Splits a JSON file into the documents it holds, each with the line it starts on, without
/// parsing them: one document, an array of documents, or JSON lines (one document a line).
///
/// Each document is then parsed on its own, so a broken one is reported with its line and the
/// others still go in.
struct JSONDocuments {
    /// One document's bytes and its 1-based line in the file.
    struct Document {
        var bytes: ArraySlice<UInt8>
        var line: Int
        /// Set when the file's structure, not the document, is broken (an array never closed).
        var problem: String?
    }

    /// The documents, or an empty list for a file with nothing but whitespace.
    static func split(_ bytes: [UInt8]) -> [Document] {
        var scanner = Scanner(bytes: bytes)
        scanner.skipWhitespace()
        guard !scanner.isAtEnd else { return [] }
        if bytes[scanner.index] == UInt8(ascii: "[") { return scanner.arrayElements() }
        // A first line that is a whole object (`{...}`) means JSON lines: each line is read on
        // its own, so a truncated line cannot swallow the lines after it.
        let firstLineEnd = bytes[scanner.index...].firstIndex(of: 0x0A) ?? bytes.count
        let firstLine = bytes[scanner.index..<firstLineEnd].reversed().drop(while: Scanner.isWhitespace)
        if bytes[scanner.index] == UInt8(ascii: "{"), firstLine.first == UInt8(ascii: "}") {
            return lines(bytes, after: scanner.index)
        }
        var documents: [Document] = []
        while true {
            scanner.skipWhitespace()
            guard !scanner.isAtEnd else { return documents }
            let start = scanner.index
            let document = scanner.value()
            guard scanner.index == start else {
                documents.append(document)
                continue
            }
            // A stray `]`, `}` or `,` ends a value before one starts: taken as a document of its
            // own, reported and passed. Left where it was, it was read again without end, a
            // document each time, until the server ran out of memory.
            scanner.index += 1
            documents.append(Document(bytes: bytes[start..<scanner.index], line: document.line))
        }
    }

    /// The line each element of a top-level object's array field starts on (`items` of a feed),
    /// so messages about one element can name its line; empty when there is no such array.
    static func elementLines(ofField key: String, in bytes: [UInt8]) -> [Int] {
        var scanner = Scanner(bytes: bytes)
        scanner.skipWhitespace()
        guard !scanner.isAtEnd, bytes[scanner.index] == UInt8(ascii: "{") else { return [] }
        scanner.index += 1
        let wanted = Array("\"\(key)\"".utf8)
        while true {
            scanner.skipWhitespace()
            guard !scanner.isAtEnd, bytes[scanner.index] == UInt8(ascii: "\"") else { return [] }
            let name = scanner.value().bytes
            scanner.skipWhitespace()
            guard !scanner.isAtEnd, bytes[scanner.index] == UInt8(ascii: ":") else { return [] }
            scanner.index += 1
            scanner.skipWhitespace()
            guard !scanner.isAtEnd else { return [] }
            if name.elementsEqual(wanted), bytes[scanner.index] == UInt8(ascii: "[") {
                return scanner.arrayElements().filter { $0.problem == nil }.map(\.line)
            }
            _ = scanner.value()
            scanner.skipWhitespace()
            guard !scanner.isAtEnd, bytes[scanner.index] == UInt8(ascii: ",") else { return [] }
            scanner.index += 1
        }
    }

    /// The line each element of the first array field named `key`, at any depth, starts on
    /// (`db[0].data.posts` of a Ghost export); empty when there is none.
    static func elementLines(ofFirstField key: String, in bytes: [UInt8]) -> [Int] {
        let wanted = Array("\"\(key)\"".utf8)
        var scanner = Scanner(bytes: bytes)
        var inString = false
        var stringStart = 0
        while scanner.index < bytes.count {
            let byte = bytes[scanner.index]
            if inString {
                if byte == UInt8(ascii: "\\") {
                    scanner.index += 1
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    if bytes[stringStart...scanner.index].elementsEqual(wanted) {
                        var after = scanner
                        after.index += 1
                        after.skipWhitespace()
                        if after.index < bytes.count, bytes[after.index] == UInt8(ascii: ":") {
                            after.index += 1
                            after.skipWhitespace()
                            if after.index < bytes.count, bytes[after.index] == UInt8(ascii: "[") {
                                return after.arrayElements().filter { $0.problem == nil }.map(\.line)
                            }
                        }
                    }
                }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
                stringStart = scanner.index
            }
            if scanner.index < bytes.count, bytes[scanner.index] == 0x0A { scanner.line += 1 }
            scanner.index += 1
        }
        return []
    }

    /// JSON lines: every non-blank line from `start` on is a document.
    private static func lines(_ bytes: [UInt8], after start: Int) -> [Document] {
        var documents: [Document] = []
        var line = 1 + bytes[..<start].count(where: { $0 == 0x0A })
        var lineStart = start
        for index in start...bytes.count where index == bytes.count || bytes[index] == 0x0A {
            let text = bytes[lineStart..<index]
            if text.contains(where: { !Scanner.isWhitespace($0) }) {
                documents.append(Document(bytes: text, line: line))
            }
            line += 1
            lineStart = index + 1
        }
        return documents
    }

    /// Walks JSON text tracking strings and nesting, to find where values start and end.
    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        var line = 1

        var isAtEnd: Bool { index >= bytes.count }

        static func isWhitespace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
        }

        mutating func skipWhitespace(stoppingAtNewline: Bool = false) {
            while index < bytes.count, Self.isWhitespace(bytes[index]) {
                if bytes[index] == 0x0A {
                    if stoppingAtNewline { return }
                    line += 1
                }
                index += 1
            }
        }

        /// One value from here: up to its closing bracket, or to the next top-level comma,
        /// bracket or line end for a bare value. Text that never closes runs to the end.
        mutating func value() -> Document {
            let start = index
            let startLine = line
            var depth = 0
            var inString = false
            while index < bytes.count {
                let byte = bytes[index]
                if inString {
                    if byte == UInt8(ascii: "\\") {
                        index += 1
                    } else if byte == UInt8(ascii: "\"") {
                        inString = false
                        // A string on its own (an object's key) ends at its closing quote.
                        if depth == 0, index > start, bytes[start] == UInt8(ascii: "\"") {
                            index += 1
                            return Document(bytes: bytes[start..<index], line: startLine)
                        }
                    }
                } else {
                    switch byte {
                    case UInt8(ascii: "\""):
                        inString = true
                    case UInt8(ascii: "{"), UInt8(ascii: "["):
                        depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        if depth == 0 { return Document(bytes: bytes[start..<index], line: startLine) }
                        depth -= 1
                        if depth == 0 {
                            index += 1
                            return Document(bytes: bytes[start..<index], line: startLine)
                        }
                    case UInt8(ascii: ",") where depth == 0, 0x0A where depth == 0:
                        return Document(bytes: bytes[start..<index], line: startLine)
                    default:
                        break
                    }
                }
                if byte == 0x0A { line += 1 }
                index += 1
            }
            return Document(bytes: bytes[start..<min(index, bytes.count)], line: startLine)
        }

        /// The elements of a top-level array; text after the closing bracket is one more
        /// "document", so it is reported rather than ignored.
        mutating func arrayElements() -> [Document] {
            index += 1
            var documents: [Document] = []
            while true {
                skipWhitespace()
                guard !isAtEnd else {
                    documents.append(
                        Document(bytes: [], line: line, problem: "the file ends inside the array: expected ']'"))
                    return documents
                }
                if bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    skipWhitespace()
                    if !isAtEnd { documents.append(Document(bytes: bytes[index...], line: line)) }
                    return documents
                }
                let element = value()
                if !element.bytes.isEmpty { documents.append(element) }
                skipWhitespace()
                if !isAtEnd, bytes[index] == UInt8(ascii: ",") {
                    index += 1
                } else if !isAtEnd, bytes[index] != UInt8(ascii: "]") {
                    // Something the value did not take (a stray `}`): report it as its own document.
                    let stray = index
                    index += 1
                    documents.append(Document(bytes: bytes[stray..<index], line: line))
                }
            }
        }
    }
}

extension JSONDocuments {
    /// Reads every document of a JSON file with `make`, each failure with its line: the
    /// common half of the JSON readers.
    ///
    /// - Parameters:
    ///   - expecting: what a document should be, for messages ("a ninjs document").
    ///   - lowercasingKeys: look fields up case-blind (ninjs 3.x spells 2.x fields in camelCase).
    static func read(
        _ data: Data, file: String, expecting: String, lowercasingKeys: Bool = true,
        _ make: (JSONFields, Int) throws(JSONFieldError) -> ParsedArticle
    ) -> [Result<ParsedArticle, FormatError>] {
        let text: String
        switch FormatError.utf8Text(data, file: file) {
        case .success(let decoded): text = decoded
        case .failure(let error): return [.failure(error)]
        }
        let documents = split(Array(text.utf8))
        guard !documents.isEmpty else {
            return [.failure(FormatError(file: file, line: nil, message: "the file is empty; expected \(expecting)"))]
        }
        return documents.map { document in
            if let problem = document.problem {
                return .failure(FormatError(file: file, line: document.line, message: problem))
            }
            do throws(JSONSyntaxError) {
                var value = try JSONValue.parse(document.bytes)
                if lowercasingKeys { value = value.lowercasingKeys }
                guard let members = value.objectMembers else {
                    return .failure(
                        FormatError(
                            file: file, line: document.line,
                            message: "expected \(expecting) (a JSON object), found \(value.kind)"))
                }
                do throws(JSONFieldError) {
                    return .success(try make(JSONFields(members), document.line))
                } catch {
                    return .failure(FormatError(file: file, line: document.line, message: error.message))
                }
            } catch {
                return .failure(
                    FormatError(file: file, line: document.line + error.lineOffset, message: error.message))
            }
        }
    }
}

extension JSONDocuments {
    /// A file that is one JSON document (a feed, an export) parsed whole, with its bytes for
    /// finding lines; or the error for an empty file, bytes that are not UTF-8, or JSON that
    /// does not parse.
    static func whole(_ data: Data, file: String, expecting: String) -> Result<(JSONValue, [UInt8]), FormatError> {
        let bytes: [UInt8]
        switch FormatError.utf8Text(data, file: file) {
        case .success(let text): bytes = Array(text.utf8)
        case .failure(let error): return .failure(error)
        }
        guard bytes.contains(where: { !Scanner.isWhitespace($0) }) else {
            return .failure(FormatError(file: file, line: nil, message: "the file is empty; expected \(expecting)"))
        }
        do throws(JSONSyntaxError) {
            return .success((try JSONValue.parse(bytes), bytes))
        } catch {
            return .failure(FormatError(file: file, line: 1 + error.lineOffset, message: error.message))
        }
    }
}
