import Broadsheet
import Foundation
import GRDB

extension SQLiteStore {
    public func publicationSettings() async throws -> PublicationSettings {
        try await perform("reading the publication settings") {
            try await database.read { db in
                guard let text = try String.fetchOne(db, sql: "SELECT settings FROM publication_settings WHERE id = 1")
                else {
                    return PublicationSettings()
                }
                return try JSONDecoder().decode(PublicationSettings.self, from: Data(text.utf8))
            }
        }
    }

    public func savePublicationSettings(_ settings: PublicationSettings) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(settings), as: UTF8.self)
        try await perform("saving the publication settings") {
            try await database.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO publication_settings (id, settings) VALUES (1, ?)
                        ON CONFLICT (id) DO UPDATE SET settings = excluded.settings
                        """,
                    arguments: [text])
                try db.execute(sql: "UPDATE archive_version SET version = version + 1")
            }
        }
    }
}
