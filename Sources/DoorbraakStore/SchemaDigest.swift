// Generated: DOORBRAAK_WRITE_SCHEMA=1 swift test --filter theSchemaFileIsTheMigrations
extension Schema {
    /// SHA-256 of the schema the migrations build (`SchemaCheck.digest`).
    public static let digest = "68652ab2e3a8d6ba5b86beddffc604c476726213294a1dd9beb1fa3a2052b3fa"
}
