import Broadsheet

/// Where a story was printed, kept in ninjs `altids` so an export read back keeps its edition.
///
/// ninjs has no field for a print edition; an alternative identifier ("page 3 of the April 29
/// edition") is the nearest it has, so we write one per part, with roles of our own:
/// `print-publication`, `print-edition` (yyyy-mm-dd), `print-region`, `print-supplement`,
/// `print-page` and `print-page-name`. Documents without them get the publication's edition of
/// the published day.
enum NinjsPrintReference {
    static func altIDs(_ edition: EditionReference) -> [NinjsDocument.AltID] {
        var ids = [
            NinjsDocument.AltID(role: "print-publication", value: edition.publication),
            NinjsDocument.AltID(role: "print-edition", value: edition.date.iso),
        ]
        if let region = edition.region { ids.append(.init(role: "print-region", value: region)) }
        if let supplement = edition.supplement { ids.append(.init(role: "print-supplement", value: supplement)) }
        if let page = edition.page {
            ids.append(.init(role: "print-page", value: String(page.number)))
            if let name = page.name { ids.append(.init(role: "print-page-name", value: name)) }
        }
        return ids
    }

    /// The edition the `altids` name, over `fallback` for the parts they leave out.
    static func edition(_ altIDs: [String: String], fallback: EditionReference) throws(JSONFieldError)
        -> EditionReference
    {
        var edition = fallback
        if let publication = altIDs["print-publication"] { edition.publication = publication }
        if let text = altIDs["print-edition"] {
            guard let date = EditionDate(iso: text) else {
                throw JSONFieldError("field 'altids': 'print-edition' expected a date as yyyy-mm-dd, found '\(text)'")
            }
            edition.date = date
        }
        edition.region = altIDs["print-region"]
        edition.supplement = altIDs["print-supplement"]
        if let text = altIDs["print-page"] {
            guard let number = Int(text), number > 0 else {
                throw JSONFieldError("field 'altids': 'print-page' expected a page number, found '\(text)'")
            }
            edition.page = PageReference(number: number, name: altIDs["print-page-name"])
        }
        return edition
    }
}
