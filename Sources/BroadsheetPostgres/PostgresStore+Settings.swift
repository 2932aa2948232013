import Broadsheet
import Foundation
import PostgresNIO

extension PostgresStore {
    public func publicationSettings() async throws -> PublicationSettings {
        try await read("reading the publication settings") { session in
            guard
                let text = try await session.value(
                    "SELECT settings::text FROM publication_settings WHERE id = 1", as: String.self)
            else { return PublicationSettings() }
            return try JSONDecoder().decode(PublicationSettings.self, from: Data(text.utf8))
        }
    }

    public func savePublicationSettings(_ settings: PublicationSettings) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(settings), as: UTF8.self)
        try await write("saving the publication settings") { session in
            try await session.execute(
                """
                INSERT INTO publication_settings (id, settings) VALUES (1, \(text)::jsonb)
                ON CONFLICT (id) DO UPDATE SET settings = excluded.settings
                """)
            try await Self.bumpArchiveVersion(session)
        }
    }
}
