import ArgumentParser

/// `broadsheet`: the one executable a newsroom runs.
public struct BroadsheetCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "broadsheet",
        abstract: "A newspaper's e-paper and news archive server.",
        subcommands: [
            ServeCommand.self, ImportCommand.self, ExportCommand.self, SearchCommand.self, DatabaseCommand.self,
            UsersCommand.self, TokensCommand.self, AuditCommand.self,
        ]
    )

    public init() {}
}
