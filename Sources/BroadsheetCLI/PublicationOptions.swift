import ArgumentParser
import Broadsheet
import Foundation

/// The flags that describe the paper: its name, address, time zone, language and extra desks.
struct PublicationOptions: ParsableArguments {
    @Option(help: "The newspaper's name, shown in the masthead.")
    var publication: String?

    @Option(help: "The public address of the site, e.g. https://news.example.org.")
    var baseURL: String?

    @Option(help: "The time zone copy is printed in, e.g. Asia/Karachi (default: UTC).")
    var timezone: String?

    @Option(help: "The language of copy that does not say, as a BCP 47 tag (default: en).")
    var language: String = "en"

    @Option(name: .customLong("section"), help: "A section of this paper besides the common desks (repeatable).")
    var extraSections: [String] = []

    @Option(name: .customLong("agency"), help: "A wire agency besides the well-known ones (repeatable).")
    var extraAgencies: [String] = []

    /// The publication these flags describe; `fallbackName` and `fallbackZone` apply when a flag is absent.
    func publication(
        fallbackName: String = "Broadsheet", fallbackZone: String = "UTC", host: String = "127.0.0.1", port: Int = 8080
    ) throws -> Publication {
        let zoneName = timezone ?? fallbackZone
        guard let zone = TimeZone(identifier: zoneName) else {
            throw ValidationError("--timezone \(zoneName): not a time zone name; expected one like Asia/Karachi or Europe/London")
        }
        let base = baseURL ?? "http://\(host):\(port)"
        guard let url = URL(string: base), url.scheme == "http" || url.scheme == "https", url.host != nil else {
            throw ValidationError("--base-url \(base): expected an http:// or https:// address")
        }
        return Publication(
            name: publication ?? fallbackName, baseURL: base, timeZone: zone, language: language,
            sections: Publication.defaultSections + extraSections,
            agencies: BylineReader.defaultAgencies + extraAgencies)
    }
}
