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
