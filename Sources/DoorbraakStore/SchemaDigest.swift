// Generated: DOORBRAAK_WRITE_SCHEMA=1 swift test --filter theSchemaFileIsTheMigrations
extension Schema {
    /// SHA-256 of the schema the migrations build (`SchemaCheck.digest`).
    public static let digest = "41375e06a5f89faa509a658b2fc6e9c3ed702a978bad6f001558f926bc837522"
}
