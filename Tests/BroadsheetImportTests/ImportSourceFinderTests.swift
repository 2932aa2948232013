import BroadsheetImport
import Foundation
import Testing

@Suite("Finding the files to import", .timeLimit(.minutes(10)))
struct ImportSourceFinderTests {
    @Test func foldersAreWalkedRecursivelyInNameOrder() throws {
        let folder = try CopyFolder()
        try folder.write("2025-04-29/page-10.txt", "x")
        try folder.write("2025-04-29/page-2.txt", "x")
        try folder.write("2025-04-28/front.txt", "x")
        try folder.write("2025-04-28/.draft.txt", "x")
        try folder.write("2025-04-28/scan.pdf", "x")
        let (sources, missing) = ImportSourceFinder.sources(for: [folder.path])
        #expect(missing.isEmpty)
        #expect(
            sources.map { $0.name.replacingOccurrences(of: folder.path, with: "") } == [
                "/2025-04-28/front.txt", "/2025-04-29/page-2.txt", "/2025-04-29/page-10.txt",
            ])
    }

    @Test func aFileNamedOnItsOwnIsTakenWhateverItsExtension() throws {
        let folder = try CopyFolder()
        let file = try folder.write("copy.md", "x")
        #expect(ImportSourceFinder.sources(for: [file.path]).sources.count == 1)
    }

    @Test func dashMeansStandardInputAndMissingPathsAreReported() {
        let (sources, missing) = ImportSourceFinder.sources(for: ["-", "/no/such/folder"])
        #expect(sources == [.standardInput])
        #expect(missing.map(\.description) == ["/no/such/folder: no such file or folder"])
    }
}
