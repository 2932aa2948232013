import Foundation

/// Moves a whole archive from one store to another (`broadsheet db copy`), a batch at a time, so
/// an archive of any size passes through memory one batch at a time.
///
/// Running it again after an interruption continues where it stopped: each part is copied in id
/// order from just after the highest id the target holds, and each batch is one transaction of the
/// target. A target that holds records the source does not, or holds them under other ids, is a
/// different archive and is refused before anything is written.
///
/// The source must be quiet while it is copied (no server or import writing to it): a story
/// edited after its batch was copied would keep its old version in the target. A copy checks
/// this rather than trusting it: the source's `archiveVersion` (which every write of an article
/// or of the settings moves) and its census (which every account, token, article or audit entry
/// added or removed moves) are read before the first batch and after the last, and a copy that
/// finds them moved throws `ArchiveCopyError.sourceChanged` instead of reporting success.
public struct ArchiveCopier: Sendable {
    public let source: any ArchiveTransfer
    public let target: any ArchiveTransfer
    /// Records read and written at once: the most a copy holds in memory, and a target's transaction.
    public let batchSize: Int

    public init(from source: any ArchiveTransfer, to target: any ArchiveTransfer, batchSize: Int = 500) {
        self.source = source
        self.target = target
        self.batchSize = max(1, batchSize)
    }

    /// Copies what the target lacks, telling `progress` after each batch; `progress` may throw to
    /// stop the copy between batches (as may cancelling the task), leaving a target to resume.
    ///
    /// Throws `ArchiveCopyError.differentArchive` before writing anything when the target holds
    /// another archive, and `ArchiveCopyError.sourceChanged` after the last batch when the source
    /// was written to while it was read.
    public func copy(progress: (ArchiveCopyProgress) async throws -> Void = { _ in }) async throws
        -> ArchiveCopyOutcome
    {
        // The version first: a write between the two reads then shows as a moved version.
        let sourceVersion = try await source.archiveVersion()
        let sourceCensus = try await source.archiveCensus()
        let targetCensus = try await target.archiveCensus()
        try await ensureTargetHoldsPartOfSource(targetCensus)

        var outcome = ArchiveCopyOutcome()
        let settings = try await source.publicationSettings()
        if try await target.publicationSettings() != settings {
            try await target.savePublicationSettings(settings)
            outcome.settingsCopied = true
        }
        var report = ArchiveCopyProgress(total: sourceCensus.total, done: 0, part: .users, lastID: nil)
        for part in ArchivePart.allCases {
            outcome.alreadyThere[part] = min(targetCensus[part], sourceCensus[part])
            report.done += outcome.alreadyThere[part] ?? 0
        }
        for part in ArchivePart.allCases {
            var cursor = targetCensus.lastIDs[part] ?? 0
            while true {
                try Task.checkCancellation()
                let batch = try await source.archived(part, after: cursor, limit: batchSize)
                guard let last = batch.ids.last else { break }
                try await target.restore(batch)
                cursor = last
                outcome.copied[part, default: 0] += batch.count
                report.done += batch.count
                report.part = part
                report.lastID = last
                try await progress(report)
            }
        }
        let censusAfter = try await source.archiveCensus()
        let versionAfter = try await source.archiveVersion()
        guard versionAfter == sourceVersion, censusAfter == sourceCensus else {
            throw ArchiveCopyError.sourceChanged(
                recordsBefore: sourceCensus.total, recordsAfter: censusAfter.total,
                versionMoved: versionAfter != sourceVersion)
        }
        return outcome
    }

    /// Runs `check` on both stores and sets their counts side by side: what a finished copy must show.
    public func compare() async throws -> ArchiveComparison {
        async let sourceProblems = source.check()
        async let targetProblems = target.check()
        let (sourceStats, targetStats) = (try await source.stats(), try await target.stats())
        let (sourceCensus, targetCensus) = (try await source.archiveCensus(), try await target.archiveCensus())
        return ArchiveComparison(
            sourceProblems: try await sourceProblems, targetProblems: try await targetProblems,
            source: .init(sourceStats, sourceCensus), target: .init(targetStats, targetCensus))
    }

    /// Compares the first and last record of each part the target holds with the source's record
    /// under the same id: the target must be an empty store or an earlier, partial copy of the source.
    private func ensureTargetHoldsPartOfSource(_ census: ArchiveCensus) async throws {
        for part in ArchivePart.allCases where census[part] > 0 {
            var held = try await target.archived(part, after: Int64.min, limit: 1).identities
            if let last = census.lastIDs[part], last != held.first?.id {
                held += try await target.archived(part, after: last - 1, limit: 1).identities
            }
            for (id, identity) in held {
                let counterpart = try await source.archived(part, after: id - 1, limit: 1).identities.first
                guard let counterpart, counterpart.id == id, counterpart.identity == identity else {
                    throw ArchiveCopyError.differentArchive(
                        part: part, id: id, target: identity,
                        source: counterpart?.id == id ? counterpart?.identity : nil)
                }
            }
        }
    }
}

/// How far a copy has got, after each batch.
public struct ArchiveCopyProgress: Hashable, Sendable {
    /// Records in the source, and records the target holds of them now.
    public var total: Int
    public var done: Int
    /// The part the last batch belonged to, and the id it ended at.
    public var part: ArchivePart
    public var lastID: Int64?
}

/// What a copy wrote, and what the target held already from an earlier run.
public struct ArchiveCopyOutcome: Hashable, Sendable {
    public var copied: [ArchivePart: Int] = [:]
    public var alreadyThere: [ArchivePart: Int] = [:]
    public var settingsCopied = false

    public init() {}

    /// Whether this run continued an earlier, interrupted one.
    public var resumed: Bool { alreadyThere.values.contains { $0 > 0 } }
}

/// Why a copy did not start.
public enum ArchiveCopyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The target holds a record the source does not have under that id (`source` is nil) or has
    /// as something else.
    case differentArchive(part: ArchivePart, id: Int64, target: String, source: String?)
    /// The source was written to while it was copied: records were added or removed
    /// (`recordsBefore` → `recordsAfter`), or an article or the settings changed (`versionMoved`).
    case sourceChanged(recordsBefore: Int, recordsAfter: Int, versionMoved: Bool)

    public var description: String {
        switch self {
        case .differentArchive(let part, let id, let target, let source):
            let theirs = source.map { "the source's is \($0)" } ?? "the source has no \(part.singular) \(id)"
            return "the target holds a different archive: its \(part.singular) \(id) is \(target), \(theirs). "
                + "Copy into a new, empty database (a new file, or an empty PostgreSQL database), "
                + "or remove the target's archive first; a copy only continues a copy of the same source."
        case .sourceChanged(let before, let after, let versionMoved):
            var changes: [String] = []
            if before != after {
                changes.append("it held \(before) records when the copy began and \(after) at its end")
            }
            if versionMoved { changes.append("articles or settings were saved meanwhile") }
            return "the source was written to during the copy (" + changes.joined(separator: "; ")
                + "), so the target may hold old versions of what changed. Stop every server and import that "
                + "writes to the source, then copy again into a new, empty target."
        }
    }
}
