// Generated: DOORBRAAK_WRITE_SCHEMA=1 swift test --filter theSchemaFileIsTheMigrations
extension Schema {
    /// SHA-256 of the schema the migrations build (`SchemaCheck.digest`).
    public static let digest = "540c0aacce249c79c8692ad3a9035fb6b0331a18d209655cbd1cd799c011708e"
}
