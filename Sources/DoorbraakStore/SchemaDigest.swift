// Generated: DOORBRAAK_WRITE_SCHEMA=1 swift test --filter theSchemaFileIsTheMigrations
extension Schema {
    /// SHA-256 of the schema the migrations build (`SchemaCheck.digest`).
    public static let digest = "fdd1eaba767b0bd5c13cbfc33b62fbf12b61f46aa78e5c3d634455b4b2d3ad1b"
}
