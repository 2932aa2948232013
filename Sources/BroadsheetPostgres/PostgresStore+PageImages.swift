import Broadsheet
import Foundation
import PostgresNIO

extension PostgresStore {
    public func printedPageImages() async throws -> [PrintedPageImage] {
        try await read("listing the printed pages' images") { session in
            try await session.rows(
                """
                SELECT e.date, e.region, p.number, p.image FROM printed_pages p
                JOIN editions e ON e.id = p.edition_id
                WHERE p.image IS NOT NULL ORDER BY e.date, e.region COLLATE "C", p.number
                """
            ).map { row in
                let region: String = try row("region")
                return PrintedPageImage(
                    date: try StoredTime.editionDate(try row("date")), region: region.isEmpty ? nil : region,
                    number: Int(try row("number") as Int32), image: try row("image"))
            }
        }
    }
}
