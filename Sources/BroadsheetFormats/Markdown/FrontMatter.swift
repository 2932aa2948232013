import Foundation
import Yams

/// The YAML between the `---` lines that open a Hugo or Jekyll page, read with Yams.
///
/// Values are read as the text written (a date stays `2026-03-14` to be read in the publication's
/// zone, not turned into an instant by YAML's rules). Each value knows its line in the file, so
/// errors can point at it.
struct FrontMatter {
    /// Where the body starts, as an index into the file's lines.
    let bodyStart: Int
    private let mapping: Node.Mapping?
    /// The 1-based file line of the front matter's first YAML line.
    private let firstLine: Int

    /// Front matter bigger than this is not a page's metadata.
    static let maximumSize = 256 * 1024

    /// Splits `lines` into front matter and body; a file that does not start with `---` has none.
    init(_ lines: [Substring]) throws(JSONFieldError) {
        guard let first = lines.first, first.trimmingCharacters(in: .whitespaces) == "---" else {
            if lines.first?.trimmingCharacters(in: .whitespaces) == "+++" {
                throw JSONFieldError("TOML front matter ('+++') is not read; write it as YAML between '---' lines")
            }
            self.bodyStart = 0
            self.mapping = nil
            self.firstLine = 1
            return
        }
        guard
            let close = lines.dropFirst().firstIndex(where: {
                ["---", "..."].contains($0.trimmingCharacters(in: .whitespaces))
            })
        else {
            throw JSONFieldError("the front matter opened on line 1 is never closed: expected a '---' line")
        }
        let yaml = lines[1..<close].joined(separator: "\n")
        guard yaml.utf8.count <= Self.maximumSize else {
            throw JSONFieldError("the front matter is over \(Self.maximumSize / 1024) KB; expected a page's metadata")
        }
        if let line = Self.lineNestedTooDeep(lines[1..<close]) {
            throw JSONFieldError(
                "the front matter nests lists or mappings more than \(Self.maximumDepth) deep", line: line + 1)
        }
        self.bodyStart = close + 1
        self.firstLine = 2
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            let (problem, line) = Self.describe(error)
            throw JSONFieldError("the front matter is not valid YAML: \(problem)", line: line.map { $0 + 1 })
        } catch {
            throw JSONFieldError("the front matter is not valid YAML: \(error)")
        }
        switch node {
        case nil: self.mapping = nil
        case .mapping(let mapping): self.mapping = mapping
        case .some: throw JSONFieldError("the front matter is not a mapping of 'field: value' lines")
        }
    }

    /// Deeper `[` / `{` nesting than this is not a page's metadata (and would make the YAML
    /// reader recurse as deep).
    static let maximumDepth = 32

    /// The 1-based front matter line where flow nesting passes `maximumDepth`, if it does.
    private static func lineNestedTooDeep(_ lines: ArraySlice<Substring>) -> Int? {
        var depth = 0
        var quote: Character?
        for (offset, line) in lines.enumerated() {
            for character in line {
                if let open = quote {
                    if character == open { quote = nil }
                } else if character == "\"" || character == "'" {
                    quote = character
                } else if character == "[" || character == "{" {
                    depth += 1
                    if depth > maximumDepth { return offset + 1 }
                } else if character == "]" || character == "}" {
                    depth = max(0, depth - 1)
                }
            }
        }
        return nil
    }

    /// The file line a field's value is on (the front matter's first line when unknown).
    func line(of key: String) -> Int {
        guard let mark = node(key)?.mark else { return firstLine }
        return firstLine + mark.line - 1
    }

    /// A text value; a list is an error naming the field.
    func string(_ key: String) throws(JSONFieldError) -> String? {
        switch node(key) {
        case nil: return nil
        case .scalar(let scalar):
            if scalar.tag == Tag(.null) || (scalar.style == .plain && ["", "~", "null"].contains(scalar.string)) {
                return nil
            }
            let text = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
            return text.isEmpty ? nil : text
        case .some:
            throw JSONFieldError("field '\(key)': expected text, found a list or mapping", line: line(of: key))
        }
    }

    func bool(_ key: String) throws(JSONFieldError) -> Bool? {
        guard let text = try string(key) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw JSONFieldError("field '\(key)': expected true or false, found '\(text)'", line: line(of: key))
        }
    }

    /// A list of names: `[a, b]`, one name, or mappings with a `name` (`authors: [{name: ...}]`).
    /// Nested lists are not followed, so aliases cannot make it expand.
    func names(_ key: String) throws(JSONFieldError) -> [String] {
        switch node(key) {
        case nil: return []
        case .scalar: return try string(key).map { [$0] } ?? []
        case .sequence(let sequence): return sequence.compactMap(Self.name)
        case .mapping: return Self.name(node(key)!).map { [$0] } ?? []
        case .alias: return []
        }
    }

    private static func name(_ node: Node) -> String? {
        switch node {
        case .scalar(let scalar):
            let text = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
            return text.isEmpty ? nil : text
        case .mapping(let mapping):
            guard case .scalar(let scalar)? = mapping["name"] ?? mapping["title"] else { return nil }
            return scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        default:
            return nil
        }
    }

    private func node(_ key: String) -> Node? {
        mapping?[key]
    }

    /// The problem and its line in the YAML, when libYAML gives one.
    private static func describe(_ error: YamlError) -> (String, Int?) {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return ("\(problem) at column \(mark.column)", mark.line)
        default:
            return ("\(error)", nil)
        }
    }
}
