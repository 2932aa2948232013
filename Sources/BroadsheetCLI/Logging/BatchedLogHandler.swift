import BroadsheetWeb
import Foundation
import Logging
import Synchronization

/// The server's log handler: each line as operators are used to reading it
/// (`2026-12-04T10:11:11+0000 info broadsheet: key=value [Source] message`), handed to a
/// `LogOutput` that writes lines in batches.
///
/// A request's logger gains metadata (its request id) before anything is logged, and at the
/// default level most requests log one line: the metadata is turned into text once, when a line
/// is written, not each time a key is set.
public struct BatchedLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let output: LogOutput

    public init(
        label: String, level: Logger.Level = .info, output: LogOutput = .standardError,
        metadataProvider: Logger.MetadataProvider? = LoggingSystem.metadataProvider
    ) {
        self.label = label
        self.logLevel = level
        self.output = output
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var all: Logger.Metadata
        if metadata.isEmpty && metadataProvider == nil {
            // An access line has only its own metadata: no dictionaries are merged for it.
            all = event.metadata ?? [:]
        } else {
            all = metadata
            if let provided = metadataProvider?.get() { all.merge(provided) { $1 } }
            if let explicit = event.metadata { all.merge(explicit) { $1 } }
        }
        if let error = event.error {
            all["error.message"] = "\(error)"
            all["error.type"] = "\(String(reflecting: type(of: error)))"
        }
        let pairs = all.sorted { $0.key < $1.key }.map { ($0.key, $0.value.description) }
        let line = Self.line(
            level: event.level, label: label, pairs: pairs, source: event.source, message: event.message.description)
        output.append(line, urgent: event.level >= .warning)
    }
}

extension BatchedLogHandler: AccessLineWriting {
    /// The line `log(event:)` writes for an access line, without swift-log's event: `duration_ms`
    /// sorts before `status`, and there is no other metadata to merge.
    public func writeAccessLine(method: String, target: String, status: String, milliseconds: String, source: String)
        -> Bool
    {
        guard metadata.isEmpty, metadataProvider == nil, logLevel <= .info else { return false }
        let line = Self.line(
            level: .info, label: label, pairs: [("duration_ms", milliseconds), ("status", status)], source: source,
            message: "\(method) \(target) \(status)")
        output.append(line)
        return true
    }
}

extension BatchedLogHandler {
    /// `TIME LEVEL LABEL: key=value… [SOURCE] MESSAGE`, `pairs` in the order given. Built by
    /// appending into one reserved string, not interpolating: an access line is written for every
    /// request.
    static func line(
        level: Logger.Level, label: String, pairs: [(key: String, value: String)], source: String, message: String
    ) -> String {
        var line = LogTimestamp.now()
        let metadataBytes = pairs.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count + 2 }
        let textBytes = label.utf8.count + source.utf8.count + message.utf8.count
        line.reserveCapacity(line.utf8.count + textBytes + metadataBytes + 16)
        line += " "
        line += level.rawValue
        line += " "
        line += label
        line += ":"
        for (key, value) in pairs {
            line += " "
            line += key
            line += "="
            line += value
        }
        line += " ["
        line += source
        line += "] "
        line += message
        line += "\n"
        return line
    }
}

/// The time at the head of a log line, in UTC to the second; formatted once a second, not once
/// a line.
enum LogTimestamp {
    private static let last = Mutex<(second: Int, text: String)>((-1, ""))

    static func now() -> String {
        var seconds = time(nil)
        if let known = last.withLock({ $0.second == seconds ? $0.text : nil }) { return known }
        var parts = tm()
        gmtime_r(&seconds, &parts)
        var text = [CChar](repeating: 0, count: 32)
        let count = strftime(&text, text.count, "%Y-%m-%dT%H:%M:%S+0000", &parts)
        let formatted = String(decoding: text.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        last.withLock { $0 = (seconds, formatted) }
        return formatted
    }
}
