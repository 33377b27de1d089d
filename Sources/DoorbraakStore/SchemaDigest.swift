// Generated: DOORBRAAK_WRITE_SCHEMA=1 swift test --filter theSchemaFileIsTheMigrations
extension Schema {
    /// SHA-256 of the schema the migrations build (`SchemaCheck.digest`).
    public static let digest = "cab9644ba17058ee0cfd04dc26b70a72d7973a543ca76fc064c6e7192a091bb8"
}
