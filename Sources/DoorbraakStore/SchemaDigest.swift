// Generated: DOORBRAAK_WRITE_SCHEMA=1 swift test --filter theSchemaFileIsTheMigrations
extension Schema {
    /// SHA-256 of the schema the migrations build (`SchemaCheck.digest`).
    public static let digest = "d7f60e6b3f7e95ee375f5137fbc7e4b8f338a0d0821d4b48adfe8a686bc93acd"
}
