import Foundation
import Testing

/// The rules of IPTC's ninjs 2.0 JSON schema that our output can break, written out from the
/// specification: `uri` required and a URI, no property the schema does not define, each
/// property of its type, the enumerations, `date-time` formats, and the shape of each array's
/// objects (`value` required in headlines, descriptions and bodies).
enum NinjsSchemaRules {
    enum Kind {
        case string, uri, dateTime, number
        case enumeration(Set<String>)
        case objects(allowed: Set<String>, required: Set<String>, uris: Set<String> = [])
        case object(allowed: Set<String>, uris: Set<String> = [])
    }

    static let textObject = Kind.objects(allowed: ["role", "contenttype", "value"], required: ["value"])
    static let named = Kind.objects(allowed: ["name", "rel", "uri", "literal"], required: [], uris: ["uri"])

    static let properties: [String: Kind] = [
        "uri": .uri,
        "type": .enumeration(["text", "audio", "video", "picture", "graphic", "composite", "component"]),
        "representationtype": .enumeration(["full", "partial"]),
        "profile": .string, "version": .string,
        "firstcreated": .dateTime, "versioncreated": .dateTime, "contentcreated": .dateTime, "embargoed": .dateTime,
        "pubstatus": .enumeration(["usable", "withheld", "canceled"]),
        "urgency": .number, "copyrightholder": .string, "copyrightnotice": .string, "usageterms": .string,
        "ednote": .string, "language": .string,
        "descriptions": textObject, "headlines": textObject,
        "bodies": .objects(allowed: ["role", "contenttype", "charcount", "wordcount", "value"], required: ["value"]),
        "people": named, "subjects": named, "events": named, "objects": named,
        "organisations": .objects(allowed: ["name", "rel", "uri", "literal", "symbols"], required: [], uris: ["uri"]),
        "places": .objects(allowed: ["name", "rel", "uri", "literal"], required: [], uris: ["uri"]),
        "infosources": .objects(allowed: ["name", "role", "uri", "literal"], required: [], uris: ["role", "uri"]),
        "title": .string, "by": .string, "slugline": .string, "located": .string,
        "altids": .objects(allowed: ["role", "value"], required: []),
        "genres": .objects(allowed: ["name", "uri", "literal"], required: [], uris: ["uri"]),
        "standard": .object(allowed: ["name", "version", "schema"], uris: ["schema"]),
    ]

    /// Every way `json` breaks the rules, as "property: problem"; empty when it keeps them.
    static func violations(_ json: Data) -> [String] {
        guard let object = try? JSONSerialization.jsonObject(with: json) as? [String: Any] else {
            return ["the document is not a JSON object"]
        }
        var problems: [String] = []
        if object["uri"] == nil { problems.append("uri: required") }
        for (key, value) in object {
            guard let kind = properties[key] else {
                problems.append("\(key): not a ninjs 2.0 property")
                continue
            }
            problems += check(value, kind, at: key)
        }
        return problems
    }

    private static func check(_ value: Any, _ kind: Kind, at path: String) -> [String] {
        switch kind {
        case .string:
            return value is String ? [] : ["\(path): expected a string"]
        case .number:
            return value is NSNumber && !(value is String) ? [] : ["\(path): expected a number"]
        case .uri:
            return isURI(value) ? [] : ["\(path): expected a URI, found \(value)"]
        case .dateTime:
            return isDateTime(value) ? [] : ["\(path): expected an RFC 3339 date-time, found \(value)"]
        case .enumeration(let values):
            return (value as? String).map(values.contains) == true ? [] : ["\(path): '\(value)' is not allowed"]
        case .object(let allowed, let uris):
            guard let object = value as? [String: Any] else { return ["\(path): expected an object"] }
            return members(object, allowed: allowed, required: [], uris: uris, at: path)
        case .objects(let allowed, let required, let uris):
            guard let array = value as? [Any] else { return ["\(path): expected an array"] }
            return array.enumerated().flatMap { index, item -> [String] in
                guard let object = item as? [String: Any] else { return ["\(path)[\(index)]: expected an object"] }
                return members(object, allowed: allowed, required: required, uris: uris, at: "\(path)[\(index)]")
            }
        }
    }

    private static func members(
        _ object: [String: Any], allowed: Set<String>, required: Set<String>, uris: Set<String>, at path: String
    ) -> [String] {
        var problems = required.subtracting(object.keys).map { "\(path).\($0): required" }
        for (key, value) in object {
            if !allowed.contains(key) {
                problems.append("\(path).\(key): not allowed")
            } else if uris.contains(key) {
                if !isURI(value) { problems.append("\(path).\(key): expected a URI") }
            } else if key == "charcount" || key == "wordcount" {
                if !(value is NSNumber) { problems.append("\(path).\(key): expected a number") }
            } else if !(value is String) {
                problems.append("\(path).\(key): expected a string")
            }
        }
        return problems
    }

    /// RFC 3986: a scheme, a colon, and only characters a URI may hold.
    static func isURI(_ value: Any) -> Bool {
        guard let text = value as? String, let colon = text.firstIndex(of: ":") else { return false }
        let scheme = text[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter,
            scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
        else { return false }
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%")
        return text.allSatisfy { allowed.contains($0) }
    }

    /// RFC 3339 `date-time`: full date, `T`, full time with seconds, and a zone.
    static func isDateTime(_ value: Any) -> Bool {
        guard let text = value as? String else { return false }
        let pattern = #"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$"#
        return text.range(of: pattern, options: .regularExpression) != nil
    }
}

@Suite(.timeLimit(.minutes(10))) struct NinjsSchemaRulesTests {
    @Test func theRulesCatchWhatTheSchemaForbids() {
        let bad =
            #"{"headline": "x", "uri": "not a uri", "firstcreated": "2026-03-14", "pubstatus": "live", "headlines": [{"role": "main"}], "subjects": [{"name": 1}]}"#
        #expect(
            Set(NinjsSchemaRules.violations(Data(bad.utf8))) == [
                "headline: not a ninjs 2.0 property", "uri: expected a URI, found not a uri",
                "firstcreated: expected an RFC 3339 date-time, found 2026-03-14", "pubstatus: 'live' is not allowed",
                "headlines[0].value: required", "subjects[0].name: expected a string",
            ])
        #expect(NinjsSchemaRules.violations(Data(#"{"type": "text"}"#.utf8)) == ["uri: required"])
    }
}
