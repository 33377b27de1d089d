import DoorbraakCore

extension Database {
    /// A prepared statement reused across calls on this connection (hot paths such as imports).
    public func cached(_ sql: String) throws(DoorbraakError) -> Statement {
        if let statement = statementCache[sql] { return statement }
        let statement = try prepare(sql)
        statementCache[sql] = statement
        return statement
    }
}
