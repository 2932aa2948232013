import Broadsheet
import Foundation

/// A Library of Congress NDNP batch (`batch.xml`): the list of its issues' METS files.
public struct NDNPBatch: Hashable, Sendable {
    /// The batch's `name` ("batch_dlc_jamaica_ver01").
    public var name: String?
    public var issues: [Issue]

    /// One issue of the batch.
    public struct Issue: Hashable, Sendable {
        /// The issue's METS file, relative to the batch folder.
        public var path: String
        /// The title's LCCN ("sn83030214").
        public var lccn: String?
        public var date: EditionDate?
        /// The `editionOrder` ("01"): which of the day's editions.
        public var editionOrder: String?
        public var line: Int

        public init(path: String, lccn: String?, date: EditionDate?, editionOrder: String?, line: Int) {
            self.path = path
            self.lccn = lccn
            self.date = date
            self.editionOrder = editionOrder
            self.line = line
        }
    }

    public init(name: String?, issues: [Issue]) {
        self.name = name
        self.issues = issues
    }
}

/// Reads an NDNP `batch.xml` as the list of its issues; the reels and the rest are not needed to
/// import the pages. A path that would leave the batch folder is refused here, where its line is known.
public struct NDNPBatchReader: Sendable {
    public init() {}

    public func read(_ data: Data, file: String) throws(FormatError) -> NDNPBatch {
        let root = try XMLTreeReader().root(of: data, file: file, oneOf: ["batch"], format: "an NDNP batch.xml")
        var issues: [NDNPBatch.Issue] = []
        for issue in root.children("issue") {
            guard let path = issue.normalizedText else {
                throw FormatError(
                    file: file, line: issue.line, message: "<issue>: expected the issue's METS path, found none")
            }
            let parts = path.split(separator: "/")
            guard !path.hasPrefix("/"), !parts.contains(".."), !path.contains("\\") else {
                throw FormatError(
                    file: file, line: issue.line,
                    message: "<issue>: the path '\(path)' leaves the batch folder; expected a path inside it")
            }
            let date = issue[attribute: "issueDate"]
            guard date == nil || EditionDate(iso: date ?? "") != nil else {
                throw FormatError(
                    file: file, line: issue.line,
                    message: "<issue>: expected issueDate as yyyy-mm-dd, found '\(date ?? "")'")
            }
            issues.append(
                NDNPBatch.Issue(
                    path: path, lccn: issue[attribute: "lccn"], date: date.flatMap { EditionDate(iso: $0) },
                    editionOrder: issue[attribute: "editionOrder"], line: issue.line))
        }
        guard !issues.isEmpty else {
            throw FormatError(file: file, line: root.line, message: "<batch>: expected <issue> elements, found none")
        }
        return NDNPBatch(name: root[attribute: "name"], issues: issues)
    }
}
