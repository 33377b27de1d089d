import Foundation

/// The pages an import wrote, per B-tree: what `--check-floor` holds the floor to beside the row
/// counts. Two scripts can leave the same rows and still write very different pages — an index
/// whose new keys land among the old ones rewrites every page they land on, one whose keys sort
/// together fills new pages at its end — so the floor is held to the pages the import changed.
///
/// Both databases start as a page-for-page copy of the same one (`sqlite3 .backup` keeps page
/// numbers); after the import and after the floor each is checkpointed, and every page that
/// differs from the copy taken before is counted under the B-tree `dbstat` names it in (a page
/// no B-tree holds: "(free)").
enum PagesWritten {
    /// Changed pages per B-tree of `after` against `before`.
    static func count(before: String, after: String, sqlite3: String) throws -> [String: Int] {
        let checkpoint = try Runner.run([sqlite3, after, "PRAGMA wal_checkpoint(TRUNCATE);"])
        guard checkpoint.status == 0 else { throw BenchError("cannot checkpoint \(after)") }
        let names = try Runner.run([sqlite3, "-readonly", "-separator", ",", after, "SELECT pageno, name FROM dbstat;"])
        guard names.status == 0 else { throw BenchError("sqlite3 dbstat on \(after) exited \(names.status)") }
        var owner: [Int: String] = [:]
        for line in names.stdout.split(separator: "\n") {
            guard let comma = line.firstIndex(of: ","), let page = Int(line[..<comma]) else { continue }
            owner[page] = String(line[line.index(after: comma)...])
        }
        var counts: [String: Int] = [:]
        for page in try changedPages(before: before, after: after) { counts[owner[page] ?? "(free)", default: 0] += 1 }
        return counts
    }

    /// The 1-based numbers of the pages of `after` that differ from `before`, or that `before`
    /// does not have.
    static func changedPages(before: String, after: String) throws -> [Int] {
        guard let old = FileHandle(forReadingAtPath: before), let new = FileHandle(forReadingAtPath: after) else {
            throw BenchError("cannot read \(before) or \(after)")
        }
        defer { try? old.close(); try? new.close() }
        let header = try new.read(upToCount: 100) ?? Data()
        guard header.count == 100 else { throw BenchError("\(after) is not a database") }
        // The page size is bytes 16–17, big-endian; 1 means 65,536.
        let raw = Int(header[16]) << 8 | Int(header[17])
        let pageSize = raw == 1 ? 65_536 : raw
        try new.seek(toOffset: 0)
        let chunkPages = 256
        var changed: [Int] = []
        var page = 1
        while true {
            let a = try new.read(upToCount: pageSize * chunkPages) ?? Data()
            if a.isEmpty { break }
            let b = try old.read(upToCount: pageSize * chunkPages) ?? Data()
            a.withUnsafeBytes { pa in
                b.withUnsafeBytes { pb in
                    var offset = 0
                    while offset < pa.count {
                        let length = min(pageSize, pa.count - offset)
                        let same = offset + length <= pb.count && memcmp(pa.baseAddress! + offset, pb.baseAddress! + offset, length) == 0
                        if !same { changed.append(page) }
                        page += 1
                        offset += pageSize
                    }
                }
            }
        }
        return changed
    }

    /// Where the floor's pages are not the import's: a B-tree the floor wrote less than 90% or
    /// more than 110% of the pages of (both ways: a lighter floor flatters the floor, a heavier
    /// one the import), ignoring differences of two pages or fewer (page 1 and a B-tree's
    /// root move with any write).
    static func mismatches(_ name: String, ours: [String: Int], floor: [String: Int]) -> [String] {
        Set(ours.keys).union(floor.keys).sorted().compactMap { tree in
            let (a, b) = (ours[tree] ?? 0, floor[tree] ?? 0)
            guard abs(a - b) > 2, Double(b) < Double(a) * 0.9 || Double(b) > Double(a) * 1.1 else { return nil }
            return "\(name): \(tree) — the import changed \(a) pages, the floor \(b)"
        }
    }
}
