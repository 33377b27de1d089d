import DoorbraakCore
import Foundation

/// The CPU-bound half of a JSONL applications import, run on a second thread beside the single
/// SQLite writer (SPEC §6: parse, check and hash beside the writer). It reads the file line by
/// line and hands each line over in file order, parsed, canonicalised, hashed and checked; the
/// writer does everything that touches the database, in one transaction, in the same order, so
/// the report (line numbers, every error, idempotency) is the one a single thread would give.
enum ApplicationPipeline {
    /// One line of the file as the writer receives it.
    enum Item: Sendable {
        /// A blank line (skipped, not counted).
        case blank
        /// A line over the length limit.
        case overlong(number: Int, length: Int)
        /// A line that does not parse: the error and the id when it could be found.
        case malformed(number: Int, error: DoorbraakError, id: String?)
        /// A parsed application with everything that needs no database.
        case parsed(number: Int, ApplicationIntake.Prepared)
        /// Progress: bytes read so far and the file's size.
        case progress(done: Int, total: Int)
        /// Reading failed; the import stops with this error.
        case failed(DoorbraakError)
        /// The end of the file.
        case end(done: Int, total: Int)
    }

    /// Lines are handed over in batches of this many (one lock and wake-up per batch, not per line).
    static let batchSize = 32
    /// How many batches may wait for the writer (a few MB at most).
    static let capacity = 4

    /// Starts the producer thread on `path`; the writer takes items from the returned queue until
    /// `.end` or `.failed` (in batches, in file order), and calls `stop` on the returned handle before it returns.
    static func start(_ path: String, rules: ApplicationIntake.Rules) -> (BoundedQueue<[Item]>, Handle) {
        let queue = BoundedQueue<[Item]>(capacity: capacity)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            produce(path, rules: rules, into: queue)
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        return (queue, Handle(queue: queue, done: done))
    }

    /// Waits for the producer thread; cancels it first so a writer that stops early does not hang.
    struct Handle {
        let queue: BoundedQueue<[Item]>
        let done: DispatchSemaphore
        func stop() {
            queue.cancel()
            done.wait()
        }
    }

    private static func produce(_ path: String, rules: ApplicationIntake.Rules, into queue: BoundedQueue<[Item]>) {
        let reader: LineReader
        do { reader = try LineReader(path: path) } catch {
            _ = queue.put([.failed(error)])
            return
        }
        var batch: [Item] = []
        batch.reserveCapacity(batchSize + 1)
        do {
            while let line = try reader.next() {
                switch line {
                case .overlong(let number, let length):
                    batch.append(.overlong(number: number, length: length))
                case .text(let number, let bytes):
                    if LineReader.isBlank(bytes) {
                        batch.append(.blank)
                    } else {
                        do {
                            batch.append(.parsed(number: number, rules.prepare(try ApplicationIntake.parse(bytes))))
                        } catch {
                            batch.append(.malformed(number: number, error: error, id: ApplicationImport.peekID(bytes)))
                        }
                    }
                }
                if batch.count >= batchSize {
                    batch.append(.progress(done: reader.bytesRead, total: reader.totalBytes))
                    guard queue.put(batch) else { return }
                    batch.removeAll(keepingCapacity: true)
                }
            }
        } catch {
            batch.append(.failed(error))
            _ = queue.put(batch)
            return
        }
        batch.append(.end(done: reader.bytesRead, total: reader.totalBytes))
        _ = queue.put(batch)
    }
}
