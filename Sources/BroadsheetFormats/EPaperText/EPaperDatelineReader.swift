import Broadsheet

/// Reads the dateline that may open a story's first paragraph.
///
/// - `SEOUL: text`, `WASHINGTON / MOSCOW: text`, `ST. PETERSBURG: text` → `.colon`
/// - `LONDON, April 28 (Reuters) - text` (or `–`, `—`) → `.wire`, with the date as printed
///
/// A place is written in capitals, at least two letters, with spaces, dots, hyphens and
/// apostrophes inside. A dateline with no text after it is not one.
enum EPaperDatelineReader {
    /// The dateline opening `paragraph` and the text after it, or nil when it opens with none.
    static func read(_ paragraph: Substring) -> (dateline: Dateline, text: Substring)? {
        var scanner = EPaperScanner(paragraph)
        var places: [String] = []
        while true {
            guard let place = readPlace(&scanner) else { return nil }
            places.append(String(place))
            var slash = scanner
            slash.skipSpaces()
            guard slash.consume("/") else { break }
            slash.skipSpaces()
            scanner = slash
        }
        if scanner.consume(":") {
            return text(after: &scanner).map { (Dateline(places: places, style: .colon), $0) }
        }
        guard scanner.consume(","), scanner.skipSpaces() else { return nil }
        return readWire(&scanner, places: places)
    }

    /// The rest of a wire dateline after `PLACE, `: `April 28 (Reuters) - text`.
    private static func readWire(_ scanner: inout EPaperScanner, places: [String]) -> (Dateline, Substring)? {
        let dateStart = scanner.index
        guard EPaperDates.month(named: scanner.readLetters()) != nil else { return nil }
        _ = scanner.consume(".")
        guard scanner.skipSpaces(), scanner.readNumber(maxDigits: 2) != nil, scanner.isAtWordBoundary else {
            return nil
        }
        let date = scanner.text[dateStart..<scanner.index]
        scanner.skipSpaces()
        guard scanner.consume("(") else { return nil }
        let agencyStart = scanner.index
        while let next = scanner.peek, next != ")", next != "(" { scanner.advance() }
        let agency = EPaperLine.trimmed(scanner.text[agencyStart..<scanner.index])
        guard !agency.isEmpty, scanner.consume(")") else { return nil }
        scanner.skipSpaces()
        guard scanner.consume(anyOf: ["-", "\u{2013}", "\u{2014}"]) else { return nil }
        return text(after: &scanner).map {
            (Dateline(places: places, date: String(date), agency: String(agency), style: .wire), $0)
        }
    }

    /// The paragraph's text after a dateline: at least one space, then something.
    private static func text(after scanner: inout EPaperScanner) -> Substring? {
        guard scanner.skipSpaces(), !scanner.isAtEnd else { return nil }
        return scanner.rest
    }

    /// A place in capitals: `SEOUL`, `DERA ISMAIL KHAN`, `ST. PETERSBURG`, `N'DJAMENA`.
    private static func readPlace(_ scanner: inout EPaperScanner) -> Substring? {
        guard let first = scanner.peek, first.isLetter, first.isUppercase else { return nil }
        let start = scanner.index
        var end = start
        var letters = 0
        while let next = scanner.peek {
            if next.isLetter {
                guard next.isUppercase else { return nil }
                letters += 1
            } else if !placePunctuation.contains(next) {
                break
            }
            scanner.advance()
            if next != " " { end = scanner.index }
        }
        // Spaces before a `/` or `:` belong to the separator, not the place.
        let place = scanner.text[start..<end]
        guard letters >= 2, let last = place.last, last.isLetter || last == "." else { return nil }
        scanner.move(to: end)
        return place
    }

    private static let placePunctuation: Set<Character> = [" ", ".", "-", "'", "\u{2019}"]
}
