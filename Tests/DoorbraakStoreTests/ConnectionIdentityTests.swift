import DoorbraakCore
import DoorbraakStore
import Foundation
import Testing

/// A second connection of an import (`CSVAside`) must be on the writer's very file: an
/// attacker's review renamed a copy over the database's path for the moment it opened, and the
/// import then stored a cost line the real round refused. A connection knows the files its open
/// added (`Database.openedFiles`), whatever is at the path later; the chain head alone does not
/// tell a fresh copy from its original.
@Suite struct ConnectionIdentityTests {
    @Test func aConnectionKnowsTheFileItOpenedNotTheOneAtThePathNow() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = try freshStore(in: folder)
        let path = writer.db.path
        #expect(!writer.db.openedFiles.isEmpty)
        let same = try Store.open(at: path, readOnly: true)
        #expect(!same.db.openedFiles.isEmpty && same.db.openedFiles.isSubset(of: writer.db.openedFiles))

        let copy = folder.appendingPathComponent("copy.sqlite").path
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        let aside = folder.appendingPathComponent("real.sqlite").path
        #expect(rename(path, aside) == 0 && rename(copy, path) == 0)
        let swapped = try Store.open(at: path, readOnly: true)
        #expect(try swapped.chainHeadText() == writer.chainHeadText(), "a fresh copy has the same chain head")
        // The copy's -wal and -shm are the writer's (they are found by the path's name); its file is not.
        #expect(!swapped.db.openedFiles.isEmpty && !swapped.db.openedFiles.isSubset(of: writer.db.openedFiles), "\(swapped.db.openedFiles) \(writer.db.openedFiles) \(same.db.openedFiles)")
    }
}
