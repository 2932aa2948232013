import Foundation

/// A one-line progress bar on standard error, drawn only when a person is watching a terminal.
struct ProgressBar {
    let total: Int
    private let enabled: Bool
    private let width = 30

    init(total: Int, enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.total = total
        self.enabled = enabled && total > 0
    }

    func update(done: Int, current: String) {
        guard enabled else { return }
        let filled = total == 0 ? width : width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let name = current.count > 40 ? "…" + current.suffix(39) : current
        FileHandle.standardError.write(Data("\r\u{1B}[K[\(bar)] \(done)/\(total) \(name)".utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
