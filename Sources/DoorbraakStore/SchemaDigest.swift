// Generated: DOORBRAAK_WRITE_SCHEMA=1 swift test --filter theSchemaFileIsTheMigrations
extension Schema {
    /// SHA-256 of the schema the migrations build (`SchemaCheck.digest`).
    public static let digest = "3148dac45f71f0619b9b398e5a6ecd76978f3e028f376889085e15ab33ef3842"
}
