import GRDB

extension FetchRequest where RowDecoder == Row {
    /// Every row, each decoded as it is read. `fetchAll` copies the rows first, and a copied row
    /// finds a column by name by lowercasing the name of every column before it: for a listing's
    /// seventeen columns, a tenth of reading it. A row read from the statement looks names up in
    /// a table made once.
    func decodeAll<Value>(_ db: Database, _ decode: (Row) throws -> Value) throws -> [Value] {
        let rows = try fetchCursor(db)
        var values: [Value] = []
        while let row = try rows.next() { values.append(try decode(row)) }
        return values
    }
}
