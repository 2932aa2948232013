/// A ninjs 2.0 document as we write it: only properties the 2.0 schema defines (it allows no
/// others), each of the type the schema gives. Absent values are left out.
struct NinjsDocument: Encodable, Hashable {
    struct Standard: Encodable, Hashable {
        var name = "ninjs"
        var version = "2.0"
        var schema = "http://www.iptc.org/std/ninjs/ninjs-schema_2.0.json"
    }

    /// A headline, description or body: the schema's `{role, contenttype, value}` objects.
    struct Text: Encodable, Hashable {
        var role: String
        var contenttype: String
        var value: String
    }

    /// A subject, person or info source: the schema's `{name, rel}` objects.
    struct Term: Encodable, Hashable {
        var name: String
        var rel: String?
    }

    var uri: String
    var standard = Standard()
    var type = "text"
    var representationtype = "full"
    var version: String?
    var firstcreated: String
    var versioncreated: String
    var pubstatus: String
    var language: String
    var headlines: [Text]
    var descriptions: [Text]?
    var bodies: [Text]
    var by: String?
    var located: String?
    var subjects: [Term]
    var people: [Term]?
    var infosources: [Term]?
    /// Where the story was printed (`print-edition`, `print-page`, ...): see `NinjsPrintReference`.
    var altids: [AltID]?

    struct AltID: Encodable, Hashable {
        var role: String
        var value: String
    }
}
