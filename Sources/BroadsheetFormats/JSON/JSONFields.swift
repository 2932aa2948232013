import Foundation

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
