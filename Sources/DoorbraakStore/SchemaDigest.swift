// Generated: DOORBRAAK_WRITE_SCHEMA=1 swift test --filter theSchemaFileIsTheMigrations
extension Schema {
    /// SHA-256 of the schema the migrations build (`SchemaCheck.digest`).
    public static let digest = "61dbf2d4f1279decae05555f02941bd877a3737721c2e6c9a42444edae7d4d83"
}
