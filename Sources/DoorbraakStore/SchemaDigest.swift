// Generated: DOORBRAAK_WRITE_SCHEMA=1 swift test --filter theSchemaFileIsTheMigrations
extension Schema {
    /// SHA-256 of the schema the migrations build (`SchemaCheck.digest`).
    public static let digest = "f8c14520f4579673a047465d62c7851adb4790cdec496ec78cb80fb202544e23"
}
