import BroadsheetCLI

/// The `broadsheet` executable: everything it does lives in BroadsheetCLI, where tests reach it.
@main
enum EntryPoint {
    static func main() async {
        await BroadsheetCommand.main(nil)
    }
}
