import DoorbraakCore
@testable import DoorbraakStore
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

    /// A second connection opened on another file renamed over the path (`Store.open(…beside:)`)
    /// is refused before SQLite reads a page, and touches nothing of the first connection's: an
    /// attacker's review of `decide --all` found that such a connection, closing as the last one
    /// of the copy, checkpointed the first one's WAL into the copy and deleted its -wal and -shm
    /// (grants printed as committed were lost; an edit made during the run was never seen).
    @Test func aSecondConnectionOnAFileRenamedOverThePathIsRefusedAndTouchesNothing() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = try freshStore(in: folder)
        let path = writer.db.path
        let head = try writer.chainHeadText()
        #expect(FileManager.default.fileExists(atPath: path + "-wal") && FileManager.default.fileExists(atPath: path + "-shm"))
        let copy = folder.appendingPathComponent("copy.sqlite").path
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        let real = folder.appendingPathComponent("real.sqlite").path
        #expect(link(path, real) == 0 && rename(copy, path) == 0)
        #expect(throws: DoorbraakError.self) { _ = try Store.open(at: path, readOnly: true, beside: writer.db.openedFiles) }
        #expect(FileManager.default.fileExists(atPath: path + "-wal") && FileManager.default.fileExists(atPath: path + "-shm"), "the first connection's -wal and -shm are left")
        // The real file back under its name: what the first connection committed is all there.
        #expect(rename(real, path) == 0)
        let again = try Store.open(at: path, readOnly: true, beside: writer.db.openedFiles)
        #expect(try again.chainHeadText() == head)
        #expect(try Store.open(at: path, readOnly: true).chainHeadText() == head)
    }

    /// `audit verify` checks half the tables on a second connection: on another file renamed over
    /// the path for that moment (a clean copy beside an edited round) it refuses, where it checked
    /// those tables on the copy.
    @Test func auditVerifyRefusesASecondConnectionOnAnotherFile() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = try freshStore(in: folder)
        let path = writer.db.path
        let copy = folder.appendingPathComponent("copy.sqlite").path
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        let real = folder.appendingPathComponent("real.sqlite").path
        #expect(link(path, real) == 0 && rename(copy, path) == 0)
        #expect(throws: DoorbraakError.self) { _ = try writer.verifyEverything(anchor: nil) }
        #expect(rename(real, path) == 0)
        _ = try writer.verifyEverything(anchor: nil)
    }

    /// A second review of the fix: another file at the -wal's name, with the shared -shm's header
    /// zeroed, had the second connection's first read rebuild the -shm from that file, so the
    /// first connection's commits still in its own -wal were lost, and `audit verify` passed. The
    /// -wal at the name is checked before that read: refused, and every commit stays.
    @Test func aSecondConnectionIsRefusedBeforeItReadsAnotherWAL() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = try freshStore(in: folder)
        let path = writer.db.path
        // Commits still in the -wal (an `init` leaves it checkpointed).
        for i in 0..<3 {
            try writer.db.writeTransaction { () throws(DoorbraakError) in
                try AuditLog.append(in: writer.db, testEvent.acting(for: "insurer 3311"), action: "review", subject: "APP-\(i)", before: "submitted", after: "in-review")
            }
        }
        let head = try writer.chainHeadText()
        let wal = path + "-wal"
        #expect((try FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int ?? 0) > 0, "the commits are in the -wal")
        let real = folder.appendingPathComponent("real-wal").path
        #expect(link(wal, real) == 0 && unlink(wal) == 0)
        #expect(FileManager.default.createFile(atPath: wal, contents: Data()))
        let shm = try #require(FileHandle(forWritingAtPath: path + "-shm"))
        try shm.write(contentsOf: Data(count: 136))
        try shm.close()
        #expect(throws: DoorbraakError.self) { _ = try Store.open(at: path, readOnly: true, beside: writer.db.openedFiles) }
        #expect(rename(real, wal) == 0)
        #expect(try Store.open(at: path, readOnly: true).chainHeadText() == head, "every commit is still there")
    }
}
