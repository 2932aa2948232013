import Broadsheet

/// Hugo shortcodes and Jekyll Liquid tags on a line of their own: `{{< figure src="..." >}}`,
/// `{{< youtube ID >}}`, `{% include note.html %}`.
///
/// A figure becomes an image and a video an embed; the other tags are template instructions,
/// not words, and are left out (what a paired shortcode wraps stays in the body as text).
enum MarkdownShortcode {
    /// What a line that is only a shortcode or Liquid tag stands for: nil when it is not one,
    /// an empty list when it stands for nothing a reader sees.
    static func blocks(_ line: Substring, links: HTMLLinkPolicy) -> [BodyBlock]? {
        let text = line.trimmingCharacters(in: .whitespaces)
        let inner: Substring
        if (text.hasPrefix("{{<") && text.hasSuffix(">}}")) || (text.hasPrefix("{{%") && text.hasSuffix("%}}")) {
            inner = text.dropFirst(3).dropLast(3)
        } else if text.hasPrefix("{%") && text.hasSuffix("%}") {
            return []
        } else {
            return nil
        }
        let (name, parameters) = parse(inner)
        switch name {
        case "figure", "img", "image":
            guard let url = links.resolve(parameters["src"] ?? parameters[""]) else {
                return [parameters["caption"], parameters["title"]].compactMap { $0 }.map(BodyBlock.paragraph)
            }
            return [
                .image(
                    BodyImage(
                        url: url, alt: parameters["alt"], caption: parameters["caption"] ?? parameters["title"],
                        credit: parameters["attr"] ?? parameters["credit"]))
            ]
        case "youtube":
            return (parameters["id"] ?? parameters[""]).map {
                [.embed(EmbedLink(url: "https://www.youtube.com/watch?v=\($0)", title: parameters["title"]))]
            } ?? []
        case "vimeo":
            return (parameters["id"] ?? parameters[""]).map {
                [.embed(EmbedLink(url: "https://vimeo.com/\($0)", title: parameters["title"]))]
            } ?? []
        default:
            return []
        }
    }

    /// `figure src="a.jpg" caption="A \"quoted\" caption"` → ("figure", ["src": ..., "caption": ...]);
    /// the first unnamed value is under "".
    private static func parse(_ inner: Substring) -> (String, [String: String]) {
        var rest = inner.drop(while: { $0 == " " })
        let name = String(rest.prefix(while: { $0 != " " })).lowercased()
        rest = rest.dropFirst(name.count)
        var parameters: [String: String] = [:]
        while true {
            rest = rest.drop(while: { $0 == " " })
            guard !rest.isEmpty else { break }
            var key = ""
            // `key=` only when the `=` comes before any space or quote: looked for within the word.
            let word = rest.prefix(while: { $0 != " " && $0 != "\"" && $0 != "=" })
            if word.endIndex < rest.endIndex, rest[word.endIndex] == "=" {
                key = String(word).lowercased()
                rest = rest[rest.index(after: word.endIndex)...]
            }
            var value = ""
            if let quote = rest.first, quote == "\"" || quote == "'" {
                rest = rest.dropFirst()
                while let character = rest.first, character != quote {
                    if character == "\\", let next = rest.dropFirst().first {
                        value.append(next)
                        rest = rest.dropFirst(2)
                    } else {
                        value.append(character)
                        rest = rest.dropFirst()
                    }
                }
                rest = rest.dropFirst()
            } else {
                value = String(rest.prefix(while: { $0 != " " }))
                rest = rest.dropFirst(value.count)
            }
            if parameters[key] == nil, !value.isEmpty { parameters[key] = HTMLBodyReader.plainText(value) }
        }
        return (name, parameters)
    }
}
