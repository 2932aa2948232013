import Broadsheet
import Foundation
import GRDB

extension SQLiteStore {
    public func printedPageImages() async throws -> [PrintedPageImage] {
        try await perform("listing the printed pages' images") {
            try await database.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT e.date, e.region, p.number, p.image FROM printed_pages p
                        JOIN editions e ON e.id = p.edition_id
                        WHERE p.image IS NOT NULL ORDER BY e.date, e.region, p.number
                        """
                ).map { row in
                    let region: String = try row.decode(forColumn: "region")
                    return PrintedPageImage(
                        date: try StoredTime.editionDate(try row.decode(String.self, forColumn: "date")),
                        region: region.isEmpty ? nil : region, number: try row.decode(forColumn: "number"),
                        image: try row.decode(forColumn: "image"))
                }
            }
        }
    }
}
