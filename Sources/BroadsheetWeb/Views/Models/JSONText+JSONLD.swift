import BroadsheetFormats

/// JSON-LD's own members: JSON-LD is written straight into its bytes (`JSONText`, fit for a
/// `<script>`), as `JSONEncoder` with sorted keys and unescaped slashes writes it. Each `JSONLD`
/// object writes its members in the order sorted keys give (`StructuredDataTests` checks every one
/// against the encoder).
extension JSONText {
    mutating func member(_ name: StaticString, _ value: (some JSONLDObject)?) {
        guard let value else { return }
        member(name) { value.write(to: &$0) }
    }

    mutating func member(_ name: StaticString, _ values: [String]?) {
        guard let values else { return }
        member(name) { $0.array(values) { $0.string($1) } }
    }

    mutating func member(_ name: StaticString, _ values: [some JSONLDObject]) {
        member(name) { $0.array(values) { $1.write(to: &$0) } }
    }
}

/// A schema.org object that writes its own members, in sorted order.
protocol JSONLDObject: Encodable {
    func write(to json: inout JSONText)
}
