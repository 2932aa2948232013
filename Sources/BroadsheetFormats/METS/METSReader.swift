import Broadsheet
import Foundation

/// Reads an issue's METS file: its date, its pages in order with their ALTO and image files (the
/// physical `structMap`), and its articles with their areas (the logical `structMap`).
///
/// Both the usual METS/ALTO profile (`div TYPE="page"` with `ORDER` and `ORDERLABEL`, articles as
/// `div TYPE="ARTICLE"`) and the Library of Congress NDNP one (`np:page` divs, files by `USE`)
/// are read. A METS file is small beside its pages' OCR, so it is read as one tree, with the same
/// XML safety rules as every other reader.
public struct METSReader: Sendable {
    static let mods = XMLNamespace("http://www.loc.gov/mods/v3")

    public init() {}

    public func read(_ data: Data, file: String) throws(FormatError) -> METSIssue {
        let root = try XMLTreeReader().root(of: data, file: file, oneOf: ["mets"], format: "a METS file")
        var reading = METSReading(file: file, root: root)
        let files = try reading.files()
        let maps = root.children("structMap")
        let logical = maps.filter { $0.attributes["TYPE"]?.uppercased() == "LOGICAL" }
        guard
            let physical = maps.first(where: { map in
                map.attributes["TYPE"]?.uppercased() != "LOGICAL" && Self.firstPage(in: map) != nil
            })
        else {
            throw FormatError(
                file: file, line: root.line,
                message: "expected a physical <structMap> with <div TYPE=\"page\"> for each page, found none")
        }
        let pages = try reading.pages(in: physical, files: files)
        var articles: [METSArticle] = []
        for map in logical {
            articles += try reading.articles(in: map, pages: pages)
        }
        return METSIssue(date: reading.date(), title: reading.title(), pages: pages, articles: articles)
    }

    static func isPage(_ div: XMLTreeElement) -> Bool {
        guard let type = div.attributes["TYPE"]?.lowercased() else { return false }
        return type == "page" || type.hasSuffix(":page")
    }

    static func isArticle(_ div: XMLTreeElement) -> Bool {
        guard let type = div.attributes["TYPE"]?.lowercased() else { return false }
        return type == "article" || type.hasSuffix(":article")
    }

    private static func firstPage(in element: XMLTreeElement) -> XMLTreeElement? {
        for div in element.children("div") {
            if isPage(div) { return div }
            if let page = firstPage(in: div) { return page }
        }
        return nil
    }

    /// An attribute in the XLink namespace, whatever prefix the file gives it ("xlink:href").
    static func xlink(_ name: String, of element: XMLTreeElement) -> String? {
        element.attributes.first { $0.key == name || $0.key.hasSuffix(":" + name) }?.value
    }
}

/// One METS file being read: its file section, then its structure maps.
private struct METSReading {
    let file: String
    let root: XMLTreeElement
    /// Which page holds each file, by file ID.
    private var pageOfFile: [String: Int] = [:]
    /// The descriptive sections by ID, for the articles that name theirs.
    private let sections: [String: XMLTreeElement]

    init(file: String, root: XMLTreeElement) {
        self.file = file
        self.root = root
        var sections: [String: XMLTreeElement] = [:]
        for section in root.children("dmdSec") {
            if let id = section.attributes["ID"], sections[id] == nil { sections[id] = section }
        }
        self.sections = sections
    }

    /// Every file of the `fileSec` by ID, with its group's `USE` when it has none of its own.
    func files() throws(FormatError) -> [String: METSFile] {
        var files: [String: METSFile] = [:]
        guard let section = root.child("fileSec") else { return files }
        var groups = section.children("fileGrp").map { ($0, $0.attributes["USE"]) }
        while let (group, use) = groups.popLast() {
            groups += group.children("fileGrp").map { ($0, $0.attributes["USE"] ?? use) }
            for entry in group.children("file") {
                guard let id = entry.attributes["ID"] else { throw error(entry, "expected an ID on <file>") }
                guard let href = entry.child("FLocat").flatMap({ METSReader.xlink("href", of: $0) }) else {
                    throw error(entry, "expected <FLocat xlink:href=\"...\"> in <file ID=\"\(id)\">, found none")
                }
                files[id] = METSFile(
                    id: id, href: href, mimeType: entry.attributes["MIMETYPE"], use: entry.attributes["USE"] ?? use)
            }
        }
        return files
    }

    /// The page divs in document order, with the files their `fptr`s point at.
    mutating func pages(in map: XMLTreeElement, files: [String: METSFile]) throws(FormatError) -> [METSPage] {
        var pages: [METSPage] = []
        var index = 0
        var lineOfPage: [Int: Int] = [:]
        var divs: [XMLTreeElement] = []
        // Depth first, so pages keep their document order whatever divs (issue, section) hold them.
        func collect(_ element: XMLTreeElement) {
            for div in element.children("div") {
                if METSReader.isPage(div) { divs.append(div) } else { collect(div) }
            }
        }
        collect(map)
        for div in divs {
            index += 1
            let number: Int
            if let order = div.attributes["ORDER"] {
                guard let value = Int(order), PageReference.numbers.contains(value) else {
                    throw error(div, "expected ORDER as a page number from 1 to 10000, found '\(order)'")
                }
                number = value
            } else {
                guard PageReference.numbers.contains(index) else {
                    throw error(div, "the issue has more than \(PageReference.numbers.upperBound) pages")
                }
                number = index
            }
            if let earlier = lineOfPage[number] {
                throw error(div, "the page ORDER \(number) is given twice (also on line \(earlier))")
            }
            lineOfPage[number] = div.line
            var pageFiles: [METSFile] = []
            for id in fileIDs(in: div) {
                guard let found = files[id] else {
                    throw error(div, "a <fptr> names FILEID \"\(id)\", which the <fileSec> does not list")
                }
                pageFiles.append(found)
                pageOfFile[id] = number
            }
            pages.append(
                METSPage(number: number, label: div[attribute: "ORDERLABEL"], files: pageFiles, line: div.line))
        }
        return pages.sorted { $0.number < $1.number }
    }

    /// The FILEIDs of a div's `fptr`s and of the `area`s inside them.
    private func fileIDs(in div: XMLTreeElement) -> [String] {
        var ids: [String] = []
        for pointer in div.children("fptr") {
            if let id = pointer.attributes["FILEID"] { ids.append(id) }
            for area in areas(in: pointer) { if let id = area.attributes["FILEID"] { ids.append(id) } }
        }
        var seen = Set<String>()
        return ids.filter { seen.insert($0).inserted }
    }

    /// Every `area` below an element (inside `seq` and `par` too).
    private func areas(in element: XMLTreeElement) -> [XMLTreeElement] {
        var found: [XMLTreeElement] = []
        for child in element.elements {
            if child.name == "area" { found.append(child) } else { found += areas(in: child) }
        }
        return found
    }

    /// The article divs of a logical map, each with its areas.
    func articles(in map: XMLTreeElement, pages: [METSPage]) throws(FormatError) -> [METSArticle] {
        var articles: [METSArticle] = []
        var stack = Array(map.children("div").reversed())
        while let div = stack.popLast() {
            guard METSReader.isArticle(div) else {
                stack += div.children("div").reversed()
                continue
            }
            var areas: [METSArea] = []
            for (area, role) in articleAreas(div, role: .body) {
                guard let id = area.attributes["FILEID"] else { throw error(area, "expected a FILEID on <area>") }
                guard let page = pageOfFile[id] else {
                    throw error(
                        area, "the area's FILEID \"\(id)\" is not a file of any page in the physical <structMap>")
                }
                areas.append(METSArea(file: id, block: area[attribute: "BEGIN"], page: page, role: role))
            }
            let title = div[attribute: "LABEL"] ?? modsTitle(of: div)
            articles.append(METSArticle(id: div.attributes["ID"], title: title, areas: areas, line: div.line))
        }
        return articles
    }

    /// An article's areas in document order with the part each prints (from the nearest div
    /// that says, e.g. `TYPE="HEADING"`), without those of an article nested in it; an `fptr`
    /// naming a whole file counts as an area of it.
    private func articleAreas(_ div: XMLTreeElement, role: METSArea.Role) -> [(XMLTreeElement, METSArea.Role)] {
        var found: [(XMLTreeElement, METSArea.Role)] = []
        for child in div.elements {
            switch child.name {
            case "div" where !METSReader.isArticle(child):
                found += articleAreas(child, role: METSArea.Role(divType: child.attributes["TYPE"]) ?? role)
            case "fptr":
                let inner = areas(in: child)
                if inner.isEmpty, let id = child.attributes["FILEID"] {
                    found.append((XMLTreeElement(name: "area", attributes: ["FILEID": id], line: child.line), role))
                } else {
                    found += inner.map { ($0, role) }
                }
            default: continue
            }
        }
        return found
    }

    /// The MODS title of the dmdSec a div's DMDID names.
    private func modsTitle(of div: XMLTreeElement) -> String? {
        guard let ids = div.attributes["DMDID"]?.split(separator: " ") else { return nil }
        for id in ids {
            if let title = sections[String(id)]?.descendant("titleInfo", in: METSReader.mods)?.child("title")?
                .normalizedText
            {
                return title
            }
        }
        return nil
    }

    /// The first MODS `dateIssued` that reads as a day (`yyyy-mm-dd` or `yyyymmdd`).
    func date() -> EditionDate? {
        for section in root.children("dmdSec") {
            guard let issued = section.descendant("dateIssued", in: METSReader.mods)?.normalizedText else { continue }
            let day = issued.prefix(10)
            if let date = EditionDate(iso: day) { return date }
            let digits = issued.prefix(8)
            if digits.count == 8, digits.allSatisfy(\.isNumber), let year = Int(digits.prefix(4)),
                let month = Int(digits.dropFirst(4).prefix(2)),
                let date = EditionDate(year: year, month: month, day: Int(digits.suffix(2)) ?? 0)
            {
                return date
            }
        }
        return nil
    }

    /// The first MODS title of the file's descriptive sections.
    func title() -> String? {
        for section in root.children("dmdSec") {
            if let title = section.descendant("titleInfo", in: METSReader.mods)?.child("title")?.normalizedText {
                return title
            }
        }
        return nil
    }

    private func error(_ element: XMLTreeElement, _ message: String) -> FormatError {
        FormatError(file: file, line: element.line, message: "<\(element.name)>: \(message)")
    }
}
