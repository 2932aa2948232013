import Broadsheet
import Foundation

/// A NewsML-G2 `packageItem` read as an edition's layout: the groups under its root group, in
/// order, are pages 1, 2, …; each `itemRef` in a page files that story on it.
///
/// Broadsheet keeps pages as each story's page reference, so a package can only place stories
/// that travel in the same message; the others are reported, never silently dropped.
struct NewsMLG2Package {
    let package: XMLTreeElement
    let zone: TimeZone

    init(_ package: XMLTreeElement, zone: TimeZone) {
        self.package = package
        self.zone = zone
    }

    struct Page {
        var number: Int
        var name: String?
        var items: [String]
    }

    /// The package's pages in order.
    var pages: [Page] {
        guard let groupSet = package.child("groupSet") else { return [] }
        let groups = groupSet.children("group")
        var byID: [String: XMLTreeElement] = [:]
        for group in groups { if let id = group[attribute: "id"] { byID[id] = group } }
        let root = groupSet[attribute: "root"].flatMap { byID[$0] }
        // The root's groupRefs give the page order; a flat package (items in the root) is one page.
        var pageGroups = root.map { $0.children("groupRef").compactMap { $0[attribute: "idref"].flatMap { byID[$0] } } }
        if pageGroups?.isEmpty ?? true { pageGroups = root.map { [$0] } ?? groups }
        return (pageGroups ?? []).enumerated().map { index, group in
            Page(
                number: index + 1,
                name: group.child("title")?.normalizedText ?? group[attribute: "role"].flatMap(Self.roleName),
                items: group.children("itemRef").compactMap { $0[attribute: "residref"] })
        }
    }

    /// "group:sport" → "Sport"; the generic roles name no page.
    private static func roleName(_ role: String) -> String? {
        let word = role.split(separator: ":").last.map(String.init) ?? role
        guard !["main", "page", "root", "group", "sidebar"].contains(word.lowercased()), !word.isEmpty else {
            return nil
        }
        return word.prefix(1).uppercased() + word.dropFirst()
    }

    /// The day the package is for: its contentCreated, else its firstCreated.
    var editionDate: EditionDate? {
        let text =
            package.path("contentMeta", "contentCreated")?.normalizedText
            ?? package.path("itemMeta", "firstCreated")?.normalizedText
        return text.flatMap { InternetDate.timestamp($0, zone: zone) }.map { EditionDate($0.instant, in: zone) }
    }

    /// Files the drafts the package refers to on its pages; what it could not place, as a problem.
    func file(_ drafts: inout [ArticleDraft]) -> XMLParseProblem? {
        var absent: [String] = []
        let day = editionDate
        let pages = self.pages
        // The first draft of each guid, found once rather than by a search per reference.
        var draftIndex: [String: Int] = [:]
        for (index, draft) in drafts.enumerated() {
            if let uri = draft.uri, draftIndex[uri] == nil { draftIndex[uri] = index }
        }
        WorkMeter.current?.count(drafts.count)
        for page in pages {
            for guid in page.items {
                guard let index = draftIndex[guid] else {
                    absent.append(guid)
                    continue
                }
                drafts[index].page = PageReference(number: page.number, name: page.name)
                if let day { drafts[index].editionDate = day }
            }
        }
        let guid = package[attribute: "guid"] ?? "without a guid"
        if pages.isEmpty {
            return XMLParseProblem(
                line: package.line, message: "packageItem \(guid) has no groupSet with groups; expected its pages")
        }
        guard !absent.isEmpty else { return nil }
        return XMLParseProblem(
            line: package.line,
            message: "packageItem \(guid) refers to \(absent.count) item(s) not in this message ("
                + absent.prefix(3).joined(separator: ", ") + (absent.count > 3 ? ", …" : "")
                + "); send them in the same newsMessage to file them on its pages")
    }
}
