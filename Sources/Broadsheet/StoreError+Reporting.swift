extension StoreError {
    /// Runs `work` for a store: a `StoreError` passes as it is, and any other error becomes
    /// `.database` naming `operation`, in the words `describe` finds for the driver's error.
    public static func reporting<T>(
        _ operation: String, describe: (any Error) -> String, _ work: () async throws -> T
    ) async throws -> T {
        do {
            return try await work()
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.database(operation: operation, message: describe(error))
        }
    }
}
