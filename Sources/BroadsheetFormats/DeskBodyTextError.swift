/// Why the desk could not read a body a reporter typed, with the line to look at and what belongs there.
///
/// The desk shows `description` above the text box and keeps what was typed, so the reporter
/// fixes one line instead of retyping the story.
public enum DeskBodyTextError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Nothing but blank lines.
    case emptyBody
    /// A line opening with `![` that is not `![alt text](URL)`.
    case malformedImage(line: Int)
    /// `![alt text]()`: the picture's address is missing.
    case imageWithoutURL(line: Int)
    /// `Embed:` with no address after it.
    case embedWithoutURL(line: Int)
    /// An image or embed address that `LinkSafety` refuses (`javascript:`, `data:`).
    case unsafeURL(line: Int, url: String)
    /// A fence with no closing fence after it; `line` is where it opened.
    case unterminatedFence(line: Int, fence: String)
    /// A `Caption:` or `Credit:` line not under an image, or a `Title:` line not under an embed.
    case misplacedLine(line: Int, keyword: String, belongsUnder: String)
    /// A second `Caption:`, `Credit:` or `Title:` for the same image or embed.
    case repeatedLine(line: Int, keyword: String)
    /// `##`, `-`, `*` or `1.` with no text after it.
    case emptyMarker(line: Int, marker: String, expected: String)

    /// The 1-based line of the text, when the problem has one.
    public var line: Int? {
        switch self {
        case .emptyBody: nil
        case .malformedImage(let line), .imageWithoutURL(let line), .embedWithoutURL(let line),
            .unsafeURL(let line, _), .unterminatedFence(let line, _), .misplacedLine(let line, _, _),
            .repeatedLine(let line, _), .emptyMarker(let line, _, _):
            line
        }
    }

    /// What went wrong and what was expected; prefixed with `line N: ` when there is a line.
    public var description: String {
        guard let line else { return message }
        return "line \(line): \(message)"
    }

    private var message: String {
        switch self {
        case .emptyBody:
            "the body is empty; expected at least one paragraph"
        case .malformedImage:
            "expected an image written as ![alt text](URL)"
        case .imageWithoutURL:
            "the image has no address; expected ![alt text](URL) with the picture's URL between the parentheses"
        case .embedWithoutURL:
            "expected the embedded item's URL after 'Embed:'"
        case .unsafeURL(_, let url):
            "'\(url)' is not an address a story may point to; expected an http or https URL or a path"
        case .unterminatedFence(_, let fence):
            "the preformatted text opened here with \(fence) is never closed; expected a line of \(fence) after it"
        case .misplacedLine(_, let keyword, let belongsUnder):
            "a '\(keyword)' line belongs right under \(belongsUnder); "
                + "start the line with a backslash (\\\(keyword)) to keep it as text"
        case .repeatedLine(_, let keyword):
            "a second '\(keyword)' line for the same block; expected one at most"
        case .emptyMarker(_, let marker, let expected):
            "expected \(expected) after '\(marker)'"
        }
    }
}
