import Foundation

/// Any JSON value, read without a fixed shape: the JSON formats differ by version and by sender,
/// so readers look fields up and report the ones of the wrong type by name.
enum JSONValue: Hashable, Sendable, Decodable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let array = try? container.decode([JSONValue].self) {
            self = .array(array)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// Parses one JSON text, or says where it stops being JSON.
    static func parse(_ data: some Collection<UInt8>) throws(JSONSyntaxError) -> JSONValue {
        let bytes = Data(data)
        do {
            return try JSONDecoder().decode(JSONValue.self, from: bytes)
        } catch {
            throw JSONSyntaxError(bytes)
        }
    }

    /// "a string", "a number", ...: how messages name what was found.
    var kind: String {
        switch self {
        case .string: "a string"
        case .number: "a number"
        case .bool: "true or false"
        case .null: "null"
        case .array: "an array"
        case .object: "an object"
        }
    }

    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members[key]
    }

    var objectMembers: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The same value with every object key lowercased, so `versionCreated` and
    /// `versioncreated` are one field. The first spelling met wins.
    var lowercasingKeys: JSONValue {
        switch self {
        case .object(let members):
            var lowered: [String: JSONValue] = [:]
            for key in members.keys.sorted() {
                let lower = key.lowercased()
                if lowered[lower] == nil { lowered[lower] = members[key]!.lowercasingKeys }
            }
            return .object(lowered)
        case .array(let values):
            return .array(values.map(\.lowercasingKeys))
        default:
            return self
        }
    }
}

/// JSON that does not parse: what is wrong and where, as "column 26" of the line it is on.
struct JSONSyntaxError: Error {
    var message: String
    /// How many lines after the document's first the problem is (0: on its first line).
    var lineOffset = 0

    /// Asks Foundation's `JSONSerialization`, whose messages say what and where ("Invalid value
    /// around character 25", "Too many nested arrays or dictionaries"), and turns the character
    /// offset into a line and column.
    init(_ bytes: Data) {
        var problem = "it ends too soon or holds something that is not JSON"
        do {
            _ = try JSONSerialization.jsonObject(with: bytes, options: [.fragmentsAllowed])
        } catch {
            if let description = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String {
                problem = description
            }
        }
        if let range = problem.range(of: #" around (character|line) [0-9]+.*$"#, options: .regularExpression) {
            let digits = problem[range].drop(while: { !$0.isNumber }).prefix(while: \.isNumber)
            let offset = min(Int(digits) ?? 0, bytes.count)
            let before = bytes.prefix(offset)
            lineOffset = before.count(where: { $0 == 0x0A })
            let column = before.count - (before.lastIndex(of: 0x0A).map { $0 - before.startIndex + 1 } ?? 0) + 1
            problem = problem.replacingCharacters(in: range, with: " at column \(column)")
        }
        if problem.hasSuffix(".") { problem.removeLast() }
        message = "not valid JSON: " + problem.prefix(1).lowercased() + problem.dropFirst()
    }
}

/// A field of the wrong type, named the way the format spells it: "field 'headline': expected a string, found a number".
///
/// The JSON readers know a document's line; front matter knows each field's, and sets `line`.
struct JSONFieldError: Error {
    var message: String
    var line: Int?

    init(field: String, expected: String, found: JSONValue) {
        message = "field '\(field)': expected \(expected), found \(found.kind)"
    }

    init(_ message: String, line: Int? = nil) {
        self.message = message
        self.line = line
    }
}

/// Typed look-ups in one JSON object, each naming the field when its value has the wrong type.
///
/// A missing field and `null` are both "absent"; an empty string is absent too where a value is optional.
struct JSONFields {
    let members: [String: JSONValue]
    /// Put before field names in messages ("items[2].").
    let path: String

    init(_ members: [String: JSONValue], path: String = "") {
        self.members = members
        self.path = path
    }

    func has(_ key: String) -> Bool {
        if let value = members[key], value != .null { return true }
        return false
    }

    func string(_ key: String) throws(JSONFieldError) -> String? {
        switch members[key] {
        case nil, .null: return nil
        case .string(let text): return text.isEmpty ? nil : text
        case .some(let other): throw JSONFieldError(field: path + key, expected: "a string", found: other)
        }
    }

    /// An id, which senders write as a string or a whole number (42 is read as "42").
    func identifier(_ key: String) throws(JSONFieldError) -> String? {
        if case .number(let number) = members[key], number == number.rounded(), abs(number) < 1e15 {
            return String(Int64(number))
        }
        return try string(key)
    }

    /// The first of several spellings that is present.
    func firstString(_ keys: String...) throws(JSONFieldError) -> String? {
        for key in keys {
            if let text = try string(key) { return text }
        }
        return nil
    }

    func requiredString(_ key: String) throws(JSONFieldError) -> String {
        guard let text = try string(key)?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
            throw JSONFieldError("field '\(path + key)': expected a string, found \(members[key]?.kind ?? "nothing")")
        }
        return text
    }

    func bool(_ key: String) throws(JSONFieldError) -> Bool? {
        switch members[key] {
        case nil, .null: return nil
        case .bool(let value): return value
        case .number(let number): return number != 0
        case .some(let other): throw JSONFieldError(field: path + key, expected: "true or false", found: other)
        }
    }

    func array(_ key: String) throws(JSONFieldError) -> [JSONValue] {
        switch members[key] {
        case nil, .null: return []
        case .array(let values): return values
        case .some(let other): throw JSONFieldError(field: path + key, expected: "an array", found: other)
        }
    }

    func object(_ key: String) throws(JSONFieldError) -> JSONFields? {
        switch members[key] {
        case nil, .null: return nil
        case .object(let members): return JSONFields(members, path: path + key + ".")
        case .some(let other): throw JSONFieldError(field: path + key, expected: "an object", found: other)
        }
    }

    /// The objects of an array field, each with its place in messages (`subjects[1].name`).
    func objects(_ key: String) throws(JSONFieldError) -> [JSONFields] {
        var objects: [JSONFields] = []
        for (index, value) in try array(key).enumerated() {
            guard case .object(let members) = value else {
                throw JSONFieldError(field: "\(path)\(key)[\(index)]", expected: "an object", found: value)
            }
            objects.append(JSONFields(members, path: "\(path)\(key)[\(index)]."))
        }
        return objects
    }

    /// An array of strings, or of objects with a `name` (or `value`) string: the two ways feeds list tags.
    func names(_ key: String) throws(JSONFieldError) -> [String] {
        var names: [String] = []
        for (index, value) in try array(key).enumerated() {
            switch value {
            case .string(let text): names.append(text)
            case .object(let members):
                let item = JSONFields(members, path: "\(path)\(key)[\(index)].")
                if let name = try item.string("name") {
                    names.append(name)
                } else if let value = try item.string("value") {
                    names.append(value)
                }
            default:
                throw JSONFieldError(field: "\(path)\(key)[\(index)]", expected: "a string or an object", found: value)
            }
        }
        return names
    }
}
