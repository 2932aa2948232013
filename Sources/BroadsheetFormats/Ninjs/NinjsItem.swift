import Broadsheet
import Foundation

/// One ninjs document's fields, whatever its version: 1.x (`headline`, `body_html`, `byline`,
/// `subject`), 2.x (`headlines`, `bodies`, `by`, `subjects`, `infosources`) and 3.x (the 2.x
/// fields in camelCase). Keys are lowercased first, so `versionCreated` is `versioncreated`.
struct NinjsItem {
    enum Body {
        case html(String)
        case text(String)
    }

    /// `uri`, else the `guid` some systems send instead; nil when there is neither.
    var uri: String?
    var headline: String
    var summary: String?
    /// Nil for an item with no body (a picture, a video, a brief of headline and description).
    var body: Body?
    /// `type`: "text", "picture", "video", ...; nil when not given.
    var type: String?
    var byline: String?
    var people: [String]
    var infosources: [String]
    /// A subject marked `rel: "section"`: how our own export names the section.
    var section: String?
    /// Subjects' names, but the section's: topics, or a configured section's name.
    var topics: [String]
    /// Genres' names: where a section may be named when no subject names one.
    var genres: [String]
    var located: String?
    var language: String?
    var firstCreated: String?
    var versionCreated: String?
    var pubStatus: String?
    /// `altids` by role: 2.x/3.x `[{role, value}]`, 1.x `{role: value}`.
    var altIDs: [String: String]
    /// Pictures sent as `associations`, their addresses not yet checked.
    var pictures: [BodyImage]

    init(_ fields: JSONFields) throws(JSONFieldError) {
        uri = try fields.firstString("uri", "guid")
        headline = try Self.headline(fields)
        summary = try Self.summary(fields)
        body = try Self.body(fields)
        type = try fields.string("type")?.lowercased()
        byline = try fields.firstString("by", "byline")
        people = try Self.authorNames(fields)
        infosources = try fields.names("infosources") + fields.names("infosource")
        let subjects = try fields.objects("subjects") + fields.objects("subject")
        var section: String?
        var topics: [String] = []
        for subject in subjects {
            guard let name = try subject.string("name") else { continue }
            if section == nil, try subject.string("rel")?.lowercased() == "section" {
                section = name
            } else {
                topics.append(name)
            }
        }
        self.section = section
        self.topics = topics
        genres = try fields.names("genres") + fields.names("genre")
        located = try fields.string("located")
        language = try fields.firstString("language", "lang")
        firstCreated = try fields.firstString("firstcreated", "contentcreated")
        versionCreated = try fields.string("versioncreated")
        pubStatus = try fields.string("pubstatus")
        altIDs = try Self.altIDs(fields)
        pictures = try NinjsPictures.images(fields, links: HTMLLinkPolicy(baseURL: nil))
        if type == "picture" || type == "graphic",
            let own = try NinjsPictures.own(fields, links: HTMLLinkPolicy(baseURL: nil))
        {
            pictures.insert(own, at: 0)
        }
    }

    /// 2.x `headlines` (the `main` one, else the first), or 1.x `headline`.
    private static func headline(_ fields: JSONFields) throws(JSONFieldError) -> String {
        if fields.has("headlines") {
            guard let chosen = try pick(try fields.objects("headlines"), roles: ["main", "headline"]) else {
                throw JSONFieldError("field 'headlines': expected a headline with a 'value', found none")
            }
            let text = try Self.text(chosen.requiredString("value"), contentType: chosen.string("contenttype"))
            guard !text.isEmpty else { throw JSONFieldError("field 'headlines': the headline is empty") }
            return text
        }
        let text = HTMLBodyReader.plainText(try fields.requiredString("headline"))
        guard !text.isEmpty else { throw JSONFieldError("field 'headline': the headline is empty") }
        return text
    }

    private static func summary(_ fields: JSONFields) throws(JSONFieldError) -> String? {
        if let chosen = try pick(try fields.objects("descriptions"), roles: ["summary", "abstract", "description"]),
            let value = try chosen.string("value")
        {
            return nonEmpty(try text(value, contentType: chosen.string("contenttype")))
        }
        if let text = try fields.string("description_text") { return nonEmpty(HTMLBodyReader.plainText(text)) }
        if let html = try fields.string("description_html") { return nonEmpty(HTMLBodyReader.plainText(html)) }
        return nil
    }

    private static func body(_ fields: JSONFields) throws(JSONFieldError) -> Body? {
        if fields.has("bodies") {
            guard let chosen = try pick(try fields.objects("bodies"), roles: ["main", "body"]) else {
                throw JSONFieldError("field 'bodies': expected a body with a 'value', found none")
            }
            let value = try chosen.requiredString("value")
            let type = try chosen.string("contenttype")?.lowercased()
            if let type { return type.contains("html") || type.contains("xml") ? .html(value) : .text(value) }
            return value.contains("<") ? .html(value) : .text(value)
        }
        if let html = try fields.firstString("body_html", "body_xhtml") { return .html(html) }
        if let text = try fields.string("body_text") { return .text(text) }
        return nil
    }

    /// Named people credited as authors: 2.x `people` with an author-like `rel`, 1.x `person` alike.
    private static func authorNames(_ fields: JSONFields) throws(JSONFieldError) -> [String] {
        var names: [String] = []
        for person in try fields.objects("people") + fields.objects("person") {
            let rel = try person.string("rel")?.lowercased() ?? ""
            guard rel.contains("author") || rel.contains("creator") || rel.contains("by"),
                let name = try person.string("name")
            else { continue }
            names.append(name)
        }
        return names
    }

    private static func altIDs(_ fields: JSONFields) throws(JSONFieldError) -> [String: String] {
        var ids: [String: String] = [:]
        if case .object(let map)? = fields.members["altids"] {
            for (role, value) in map { if case .string(let text) = value { ids[role] = text } }
            return ids
        }
        for id in try fields.objects("altids") {
            if let role = try id.string("role"), let value = try id.string("value"), ids[role] == nil {
                ids[role] = value
            }
        }
        return ids
    }

    /// The first entry with one of `roles`, else the first with a value.
    private static func pick(_ entries: [JSONFields], roles: [String]) throws(JSONFieldError) -> JSONFields? {
        var first: JSONFields?
        for entry in entries {
            guard try entry.string("value") != nil else { continue }
            if let role = try entry.string("role")?.lowercased(), roles.contains(role) { return entry }
            if first == nil { first = entry }
        }
        return first
    }

    /// A headline's or description's text: `text/plain` as written (whitespace collapsed),
    /// anything else (HTML, or no type given) with its markup removed and references decoded.
    private static func text(_ value: String, contentType: String?) -> String {
        guard contentType?.lowercased().hasPrefix("text/plain") == true else { return HTMLBodyReader.plainText(value) }
        return value.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private static func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }
}
