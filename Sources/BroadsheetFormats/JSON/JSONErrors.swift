import Foundation

/// JSON that does not parse: what is wrong and where, as "column 26" of the line it is on.
struct JSONSyntaxError: Error {
    var message: String
    /// How many lines after the document's first the problem is (0: on its first line).
    var lineOffset = 0

    /// Asks Foundation's `JSONSerialization`, whose messages say what and where ("Invalid value
    /// around character 25", "Too many nested arrays or dictionaries"), and turns the character
    /// offset into a line and column.
    init(_ bytes: Data) {
        var problem = "it ends too soon or holds something that is not JSON"
        do {
            _ = try JSONSerialization.jsonObject(with: bytes, options: [.fragmentsAllowed])
        } catch {
            if let description = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String {
                problem = description
            }
        }
        if let range = problem.range(of: #" around (character|line) [0-9]+.*$"#, options: .regularExpression) {
            let digits = problem[range].drop(while: { !$0.isNumber }).prefix(while: \.isNumber)
            let offset = min(Int(digits) ?? 0, bytes.count)
            let before = bytes.prefix(offset)
            lineOffset = before.count(where: { $0 == 0x0A })
            let column = before.count - (before.lastIndex(of: 0x0A).map { $0 - before.startIndex + 1 } ?? 0) + 1
            problem = problem.replacingCharacters(in: range, with: " at column \(column)")
        }
        if problem.hasSuffix(".") { problem.removeLast() }
        message = "not valid JSON: " + problem.prefix(1).lowercased() + problem.dropFirst()
    }
}

/// A field of the wrong type, named the way the format spells it: "field 'headline': expected a string, found a number".
///
/// The JSON readers know a document's line; front matter knows each field's, and sets `line`.
struct JSONFieldError: Error {
    var message: String
    var line: Int?

    init(field: String, expected: String, found: JSONValue) {
        message = "field '\(field)': expected \(expected), found \(found.kind)"
    }

    init(_ message: String, line: Int? = nil) {
        self.message = message
        self.line = line
    }
}
