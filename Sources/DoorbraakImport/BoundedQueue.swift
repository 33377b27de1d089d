import Foundation

/// A first-in first-out queue of at most `capacity` items between one producer thread and one
/// consumer, guarded by a condition variable. `put` waits while full, `take` while empty;
/// `cancel` wakes both and makes `put` refuse further items (the consumer stopped).
final class BoundedQueue<Item: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Item?]
    private var head = 0
    private var count = 0
    private var cancelled = false

    /// A queue holding at most `capacity` items.
    init(capacity: Int) {
        items = Array(repeating: nil, count: max(1, capacity))
    }

    /// Appends `item`, waiting while the queue is full; false when the consumer cancelled.
    func put(_ item: Item) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while count == items.count && !cancelled { condition.wait() }
        if cancelled { return false }
        items[(head + count) % items.count] = item
        count += 1
        condition.broadcast()
        return true
    }

    /// The oldest item, waiting while the queue is empty.
    func take() -> Item {
        condition.lock()
        defer { condition.unlock() }
        while count == 0 { condition.wait() }
        guard let item = items[head] else { preconditionFailure("a counted slot of the queue is empty") }
        items[head] = nil
        head = (head + 1) % items.count
        count -= 1
        condition.broadcast()
        return item
    }

    /// Stops the producer: `put` returns false from now on.
    func cancel() {
        condition.lock()
        cancelled = true
        items = items.map { _ in nil }
        count = 0
        condition.broadcast()
        condition.unlock()
    }
}
