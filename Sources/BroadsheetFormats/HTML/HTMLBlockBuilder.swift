import Broadsheet

/// Builds body blocks from HTML tokens in one pass, keeping only a stack of open elements.
///
/// Text collects in a buffer until an element that ends a block opens or closes; the buffer then
/// goes where the open elements say: a caption, a list item, preformatted text, a heading, a
/// quote, or a paragraph. Unclosed elements are closed at the end, stray end tags are ignored.
///
/// Every step is constant work or pays for itself: the innermost open element of each role and
/// the open elements of each name are known without walking the stack, and text that keeps
/// joining one block (a quote's paragraphs, a list item's, a caption's) is joined once, when the
/// block is done, so no input makes the work grow faster than its size.
struct HTMLBlockBuilder {
    private struct OpenElement {
        var name: String
        var role: HTMLElementRole
        var serial: Int
    }

    private struct ListState {
        var ordered: Bool
        var items: [String] = []
        /// The texts of the item being read, joined when it ends.
        var current: [String] = []
    }

    private struct FigureState {
        var mediaIndex: Int?
        var caption: [String] = []
        var credit: [String] = []
    }

    /// Which kinds of link-only text the buffer holds, for turning `<p><a href>…</a></p>` into an embed.
    private enum LinkOnly {
        case nothing, link(String), other
    }

    /// Deeper nesting than this is hostile or broken; its structure is ignored, its text kept.
    static let maximumDepth = 512

    let links: HTMLLinkPolicy
    private(set) var blocks: [BodyBlock] = []
    private var buffer = HTMLTextBuffer()
    private var open: [OpenElement] = []
    private var serial = 0
    /// The places in `open` of the open elements of each role, by `HTMLElementRole.counter`.
    private var openByRole = [[Int]](repeating: [], count: HTMLElementRole.counters)
    /// How many open elements have each name, so a stray end tag costs nothing.
    private var openNames: [String: Int] = [:]
    private var list: ListState?
    private var figure: FigureState?
    private var linkOnly = LinkOnly.nothing
    /// The quote or preformatted element the last block came from, so its later text joins that block.
    private var mergeableSerial: Int?
    /// The image block the next caption or credit outside a figure belongs to.
    private var captionableImage: Int?
    /// A `<video>` or `<audio>` without `src`, waiting for its `<source>`.
    private var mediaAwaitingSource = false
    /// Text that joins the last block (a quote's or pre's next paragraph), kept apart until the
    /// block is done.
    private var pendingMerge: [String] = []
    /// Captions and credits for `captionableImage`, likewise.
    private var pendingCaption: [String] = []
    private var pendingCredit: [String] = []
    private let meter = WorkMeter.current

    init(links: HTMLLinkPolicy) {
        self.links = links
    }

    mutating func take(_ token: HTMLToken) {
        meter?.count()
        switch token {
        case .text(let text):
            guard count(.dropped) == 0 else { return }
            if count(.anchor(href: nil)) == 0, text.contains(where: { !HTMLTextBuffer.isSpace($0) }) {
                linkOnly = .other
            }
            buffer.append(text, preservingSpace: count(.preformatted) > 0 && list == nil)
        case .start(let name, let attributes):
            start(name, attributes)
        case .end(let name):
            end(name)
        }
    }

    /// Closes what is still open and gives the blocks.
    mutating func finish() -> [BodyBlock] {
        while !open.isEmpty { pop() }
        flush()
        seal()
        return blocks
    }

    // MARK: - Elements

    private mutating func start(_ name: String, _ attributes: [String: String]) {
        switch name {
        case "br": return buffer.lineBreak()
        case "hr": return flush()
        case "img": return image(attributes)
        case "iframe", "embed": return embed(links.resolve(attributes["src"]), title: attributes["title"])
        case "source":
            if mediaAwaitingSource, let url = links.resolve(attributes["src"]) {
                mediaAwaitingSource = false
                embed(url, title: nil)
            }
            return
        default: break
        }
        guard !HTMLElementRole.neverOpen.contains(name) else { return }
        let role: HTMLElementRole
        if name == "a" {
            role = .anchor(href: links.resolve(attributes["href"]))
        } else {
            role = HTMLElementRole.of(
                name, classes: HTMLElementRole.classes(attributes["class"]), inFigure: figure != nil)
        }
        guard open.count < Self.maximumDepth else {
            if role != .inline { flush() }
            return
        }
        opening(role)
        serial += 1
        openByRole[role.counter].append(open.count)
        open.append(OpenElement(name: name, role: role, serial: serial))
        openNames[name, default: 0] += 1
        switch name {
        case "video", "audio":
            if let url = links.resolve(attributes["src"]) {
                embed(url, title: attributes["title"])
            } else {
                mediaAwaitingSource = true
            }
        case "object":
            embed(links.resolve(attributes["data"]), title: attributes["title"])
        default: break
        }
    }

    private mutating func end(_ name: String) {
        // The walk down the stack is paid for by the elements it closes.
        guard openNames[name, default: 0] > 0, let index = open.lastIndex(where: { $0.name == name }) else {
            // A stray `</p>` is an empty paragraph and a stray `</br>` a line break, as in browsers.
            if name == "p" { flush() }
            if name == "br" { buffer.lineBreak() }
            return
        }
        meter?.count(open.count - index)
        while open.count > index { pop() }
    }

    private mutating func opening(_ role: HTMLElementRole) {
        switch role {
        case .inline:
            break
        case .anchor(let href):
            if case .nothing = linkOnly, buffer.isEmpty, let href {
                linkOnly = .link(href)
            } else {
                linkOnly = .other
            }
        case .cell:
            buffer.separate(" | ")
        case .item:
            flush()
            finishItem()
        case .list:
            flush()
            finishItem()
            if list == nil, case .list(let ordered) = role { list = ListState(ordered: ordered) }
        case .figure:
            flush()
            if figure == nil { figure = FigureState() }
        default:
            flush()
        }
    }

    private mutating func pop() {
        guard let element = open.last else { return }
        switch element.role {
        case .inline, .anchor, .cell:
            break
        default:
            flush()
        }
        open.removeLast()
        openByRole[element.role.counter].removeLast()
        openNames[element.name, default: 1] -= 1
        switch element.role {
        case .item:
            finishItem()
        case .list:
            finishItem()
            if count(.list(ordered: false)) == 0, let finished = list {
                list = nil
                if !finished.items.isEmpty { emit(.list(BodyList(ordered: finished.ordered, items: finished.items))) }
            }
        case .figure where count(.figure) == 0:
            finishFigure()
        case .boundary where ["video", "audio"].contains(element.name):
            mediaAwaitingSource = false
        default:
            break
        }
    }

    private func count(_ role: HTMLElementRole) -> Int { openByRole[role.counter].count }

    /// The innermost open element with `role`.
    private func innermost(_ role: HTMLElementRole) -> OpenElement? {
        openByRole[role.counter].last.map { open[$0] }
    }

    // MARK: - Where text goes

    /// Sends the buffer's text where the open elements say.
    private mutating func flush() {
        let preformatted = count(.preformatted) > 0 && list == nil
        let link = linkOnly
        linkOnly = .nothing
        guard let text = buffer.take(preservingSpace: preformatted) else {
            if count(.caption) == 0, count(.credit) == 0, list == nil, case .link(let url) = link {
                embed(url, title: nil)
            }
            return
        }
        if count(.caption) > 0 || count(.credit) > 0 {
            caption(text, isCredit: count(.credit) > 0)
        } else if list != nil {
            list?.current.append(text)
        } else if preformatted {
            merge(.preformatted(text), into: innermost(.preformatted)?.serial)
        } else if count(.heading) > 0 {
            emit(.heading(text))
        } else if let quote = innermost(.quote) {
            merge(.quote(text), into: quote.serial)
        } else if case .link(let url) = link {
            embed(url, title: text)
        } else {
            for paragraph in Self.paragraphs(text) { emit(.paragraph(paragraph)) }
        }
    }

    /// `<br><br>` is how old markup separates paragraphs.
    private static func paragraphs(_ text: String) -> [String] {
        var previous: UInt8 = 0
        let hasBlankLine = text.utf8.contains { byte in
            defer { previous = byte }
            return byte == 0x0A && previous == 0x0A
        }
        guard hasBlankLine else { return [text] }
        return text.components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .newlines) }
            .filter { !$0.isEmpty }
    }

    private mutating func caption(_ text: String, isCredit: Bool) {
        if figure != nil {
            if isCredit { figure?.credit.append(text) } else { figure?.caption.append(text) }
            return
        }
        guard let index = captionableImage, case .image = blocks[index] else {
            return emit(.paragraph(text))
        }
        if isCredit { pendingCredit.append(text) } else { pendingCaption.append(text) }
    }

    private mutating func finishItem() {
        // In place: a copy of the list would copy its items once per item.
        guard let parts = list?.current, !parts.isEmpty else { return }
        list?.current.removeAll()
        let item = parts.joined(separator: " ")
        meter?.count(parts.count)
        if !item.isEmpty { list?.items.append(item) }
    }

    private mutating func finishFigure() {
        guard let state = figure else { return }
        figure = nil
        let caption = state.caption.isEmpty ? nil : state.caption.joined(separator: " ")
        let credit = state.credit.isEmpty ? nil : state.credit.joined(separator: " ")
        if let index = state.mediaIndex {
            switch blocks[index] {
            case .image(var image):
                image.caption = caption
                image.credit = credit
                blocks[index] = .image(image)
                return
            case .embed(var embed) where embed.title == nil:
                embed.title = [caption, credit].compactMap { $0 }.joined(separator: " ")
                blocks[index] = .embed(embed)
                return
            default:
                break
            }
        }
        for text in [caption, credit].compactMap({ $0 }) { emit(.paragraph(text)) }
    }

    // MARK: - Blocks

    private mutating func image(_ attributes: [String: String]) {
        guard let url = links.imageSource(attributes) else { return }
        // A 1×1 picture is a tracking pixel, not part of the story.
        if attributes["width"] == "1", attributes["height"] == "1" { return }
        // A linked picture is a picture, not a link-only paragraph.
        linkOnly = .other
        flush()
        // `<noscript>` often repeats a lazy-loaded picture in the same place: one picture, not two.
        let samePlace = figure != nil ? figure?.mediaIndex : captionableImage
        if let index = samePlace, index == blocks.count - 1, case .image(let previous) = blocks[index],
            previous.url == url
        {
            return
        }
        let alt = attributes["alt"].flatMap(Self.oneLine)
        emit(.image(BodyImage(url: url, alt: alt)))
        if figure != nil, figure?.mediaIndex == nil { figure?.mediaIndex = blocks.count - 1 }
        captionableImage = figure == nil ? blocks.count - 1 : nil
    }

    private mutating func embed(_ url: String?, title: String?) {
        guard let url else { return }
        linkOnly = .other
        flush()
        emit(.embed(EmbedLink(url: url, title: title.flatMap(Self.oneLine))))
        if figure != nil, figure?.mediaIndex == nil { figure?.mediaIndex = blocks.count - 1 }
    }

    private mutating func emit(_ block: BodyBlock) {
        seal()
        blocks.append(block)
        mergeableSerial = nil
        captionableImage = nil
    }

    /// Appends to the previous block when it came from the same `<blockquote>` or `<pre>`.
    private mutating func merge(_ block: BodyBlock, into owner: Int?) {
        if let owner, owner == mergeableSerial, let last = blocks.last {
            switch (last, block) {
            case (.quote, .quote(let text)), (.preformatted, .preformatted(let text)):
                pendingMerge.append(text)
                return
            default:
                break
            }
        }
        emit(block)
        mergeableSerial = owner
    }

    /// Joins the text kept apart for the last block and the captioned picture into them.
    private mutating func seal() {
        if !pendingMerge.isEmpty, let last = blocks.last {
            let text = ([last.text] + pendingMerge).joined(separator: "\n")
            meter?.count(pendingMerge.count)
            pendingMerge.removeAll()
            switch last {
            case .quote: blocks[blocks.count - 1] = .quote(text)
            case .preformatted: blocks[blocks.count - 1] = .preformatted(text)
            default: break
            }
        }
        guard !pendingCaption.isEmpty || !pendingCredit.isEmpty else { return }
        if let index = captionableImage, case .image(var image) = blocks[index] {
            meter?.count(pendingCaption.count + pendingCredit.count)
            if !pendingCaption.isEmpty { image.caption = pendingCaption.joined(separator: " ") }
            if !pendingCredit.isEmpty { image.credit = pendingCredit.joined(separator: " ") }
            blocks[index] = .image(image)
        }
        pendingCaption.removeAll()
        pendingCredit.removeAll()
    }

    /// An attribute's text with its whitespace collapsed; nil when there is none.
    static func oneLine(_ text: String) -> String? {
        var buffer = HTMLTextBuffer()
        buffer.append(Array(text.utf8)[...], preservingSpace: false)
        return buffer.take()
    }
}

extension HTMLElementRole {
    static let counters = 13

    /// The index of the counter an open element of this role adds to (whatever its payload).
    fileprivate var counter: Int {
        switch self {
        case .inline: 0
        case .boundary: 1
        case .heading: 2
        case .quote: 3
        case .list: 4
        case .item: 5
        case .figure: 6
        case .caption: 7
        case .credit: 8
        case .preformatted: 9
        case .anchor: 10
        case .cell: 11
        case .dropped: 12
        }
    }
}
