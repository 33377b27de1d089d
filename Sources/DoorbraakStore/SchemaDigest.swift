// Generated: DOORBRAAK_WRITE_SCHEMA=1 swift test --filter theSchemaFileIsTheMigrations
extension Schema {
    /// SHA-256 of the schema the migrations build (`SchemaCheck.digest`).
    public static let digest = "dc1971c3b45675e237852ef17f7342f502ecbd75c29c2a34b00043888b9d49fd"
}
