import ArgumentParser
import Broadsheet
import Foundation

/// The flags that describe the paper: its name, address, time zone, language and extra desks.
///
/// The archive remembers them: a flag given once is saved, and later commands that leave it out
/// use the saved value, so an import and a server never disagree about the paper's time zone.
struct PublicationOptions: ParsableArguments {
    @Option(help: "The newspaper's name, shown in the masthead (remembered by the archive).")
    var publication: String?

    @Option(help: "The public address of the site, e.g. https://news.example.org (remembered).")
    var baseURL: String?

    @Option(help: "The time zone copy is printed in, e.g. Asia/Karachi (remembered; at first UTC).")
    var timezone: String?

    @Option(help: "The language of copy that does not say, as a BCP 47 tag (remembered; at first en).")
    var language: String?

    @Option(
        name: .customLong("section"), help: "A section of this paper besides the common desks (repeatable; remembered)."
    )
    var extraSections: [String] = []

    @Option(name: .customLong("agency"), help: "A wire agency besides the well-known ones (repeatable; remembered).")
    var extraAgencies: [String] = []

    /// What the flags say, nothing more.
    var given: PublicationSettings {
        PublicationSettings(
            name: publication, baseURL: baseURL, timeZone: timezone, language: language,
            extraSections: extraSections.isEmpty ? nil : extraSections,
            extraAgencies: extraAgencies.isEmpty ? nil : extraAgencies)
    }

    /// The publication from the flags over what `store` remembers over `defaults`; flags that were
    /// given are saved for next time once they check out.
    func publication(
        remembering store: any ArchiveReading & StoreMaintenance, defaults: PublicationSettings = PublicationSettings(),
        host: String = "127.0.0.1",
        port: Int = 8080
    ) async throws -> Publication {
        let stored = try await store.publicationSettings()
        let settings = given.over(stored).over(defaults)
        let publication = try Self.publication(settings, host: host, port: port)
        let remembered = given.over(stored)
        if remembered != stored { try await store.savePublicationSettings(remembered) }
        return publication
    }

    /// The publication from the flags alone (and `defaults`), for commands without an archive.
    func publication(defaults: PublicationSettings = PublicationSettings()) throws -> Publication {
        try Self.publication(given.over(defaults), host: "127.0.0.1", port: 8080)
    }

    static func publication(_ settings: PublicationSettings, host: String, port: Int) throws -> Publication {
        let zoneName = settings.timeZone ?? "UTC"
        guard let zone = TimeZone(identifier: zoneName) else {
            throw ValidationError(
                "--timezone \(zoneName): not a time zone name; expected one like Asia/Karachi or Europe/London")
        }
        let base = settings.baseURL ?? "http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(port)"
        guard let url = URL(string: base), url.scheme == "http" || url.scheme == "https", url.host != nil else {
            throw ValidationError("--base-url \(base): expected an http:// or https:// address")
        }
        return Publication(
            name: settings.name ?? "Broadsheet", baseURL: base, timeZone: zone, language: settings.language ?? "en",
            sections: Publication.defaultSections + (settings.extraSections ?? []),
            agencies: BylineReader.defaultAgencies + (settings.extraAgencies ?? []))
    }
}
